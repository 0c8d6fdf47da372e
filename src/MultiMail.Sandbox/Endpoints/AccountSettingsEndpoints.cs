using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MultiMail.Sandbox.Auth;
using MultiMail.Sandbox.Oversight;

namespace MultiMail.Sandbox.Endpoints;

/// <summary>The account and its usage (API.md §2.10): read, update, delete (with the operator's code), usage totals.</summary>
internal static class AccountSettingsEndpoints
{
    private static readonly string[] PatchFields = ["name", "oversight_email", "physical_address", "approval_code"];

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/account", (AccountService account) => ApiResults.Json(account.Get())).RequireScope(Scopes.Read);
        app.MapPatch("/v1/account", Update).RequireScope(Scopes.Admin);
        app.MapDelete("/v1/account", Delete).RequireScope(Scopes.Admin);
        app.MapGet("/v1/usage", Usage).RequireScope(Scopes.Read);
    }

    private static async Task<IResult> Update(HttpContext http, AccountService account)
    {
        var (body, error) = await JsonRequest.ReadAsync(http.Request);
        if (body is null)
        {
            return ApiResults.Error(error!);
        }

        using (body)
        {
            if (body.PropertyNames.FirstOrDefault(n => !PatchFields.Contains(n)) is { } unknown)
            {
                return ApiResults.Error(400, "Unknown field '" + unknown + "'.");
            }

            var name = body.String("name", maxLength: 200, singleLine: true);
            var oversightEmail = body.String("oversight_email", maxLength: 320);
            var physicalAddress = body.Has("physical_address") ? Optional<string>.Of(body.String("physical_address", maxLength: 2000)) : default;
            var code = body.String("approval_code", maxLength: 16, singleLine: true);
            if (body.Problem is { } problem)
            {
                return ApiResults.Error(problem);
            }

            if (name is not null && string.IsNullOrWhiteSpace(name))
            {
                return ApiResults.Error(400, "name must not be blank.");
            }

            if (oversightEmail is not null && !Wire.IsEmail(oversightEmail))
            {
                return ApiResults.Error(400, "'oversight_email' is not a valid email address.");
            }

            var result = await account.UpdateAsync(http.Caller().KeyId, name?.Trim(), physicalAddress, oversightEmail, code, http.RequestAborted);
            return ApiResults.From(result, change => change == AccountChange.PendingApproval
                ? PendingApproval("moving the oversight address")
                : ApiResults.Json(new { status = "updated" }));
        }
    }

    private static async Task<IResult> Delete(HttpContext http, AccountService account)
    {
        string? code = null;
        if (http.Request.ContentLength is > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            var (body, error) = await JsonRequest.ReadAsync(http.Request);
            if (body is null)
            {
                return ApiResults.Error(error!);
            }

            using (body)
            {
                code = body.String("approval_code", maxLength: 16, singleLine: true);
                if (body.Problem is { } problem)
                {
                    return ApiResults.Error(problem);
                }
            }
        }

        var result = await account.DeleteAsync(http.Caller().KeyId, code, http.RequestAborted);
        return ApiResults.From(result, change => change == AccountChange.PendingApproval
            ? PendingApproval("deleting the account")
            : ApiResults.Json(new { status = "deleted" }));
    }

    private static IResult PendingApproval(string what) => ApiResults.Json(
        new { status = "pending_approval", message = "An approval code for " + what + " was sent to the operator's oversight address. Ask the operator for it and call again with approval_code." },
        StatusCodes.Status202Accepted);

    private static IResult Usage(HttpRequest request, UsageService usage)
    {
        var period = request.Query["period"].ToString();
        var breakdown = request.Query["breakdown"].ToString();
        if (period is not ("" or "summary" or "daily"))
        {
            return ApiResults.Error(400, "period must be summary or daily.");
        }

        if (breakdown is not ("" or "daily"))
        {
            return ApiResults.Error(400, "breakdown must be daily.");
        }

        var (from, to) = usage.CurrentPeriod();
        foreach (var (name, apply) in new (string, Action<long>)[] { ("from", v => from = v), ("to", v => to = v) })
        {
            var text = request.Query[name].ToString();
            if (text.Length == 0)
            {
                continue;
            }

            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return ApiResults.Error(400, name + " must be a time in milliseconds since 1970-01-01 UTC.");
            }

            apply(value);
        }

        if (from > to)
        {
            return ApiResults.Error(400, "from must not be after to.");
        }

        return period == "daily" || breakdown == "daily"
            ? ApiResults.Json(new { from, to, breakdown = "daily", data = usage.Daily(from, to) })
            : ApiResults.Json(usage.Summary(from, to));
    }
}
