using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MultiMail.Sandbox.Auth;
using MultiMail.Sandbox.Oversight;

namespace MultiMail.Sandbox.Endpoints;

/// <summary>API keys and the audit log (API.md §2.10), admin scope.</summary>
internal static class AccountEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/api-keys", (ApiKeyService keys) =>
            ApiResults.Json(new { api_keys = keys.List().Select(ApiKeyInfoDto.Of).ToArray() }))
            .RequireScope(Scopes.Admin);

        app.MapPost("/v1/api-keys", CreateKey).RequireScope(Scopes.Admin);
        app.MapPatch("/v1/api-keys/{keyId}", UpdateKey).RequireScope(Scopes.Admin);

        // Simplified: the real service mails the operator an approval code first (202); the sandbox revokes at once.
        app.MapDelete("/v1/api-keys/{keyId}", async (string keyId, HttpContext http, ApiKeyService keys) =>
            ApiResults.From(await keys.UpdateAsync(http.Caller().KeyId, keyId, null, null, revoke: true, http.RequestAborted), _ => ApiResults.Json(new { status = "revoked" })))
            .RequireScope(Scopes.Admin);

        app.MapGet("/v1/audit-log", AuditLog).RequireScope(Scopes.Admin);
    }

    private static async Task<IResult> CreateKey(HttpContext http, ApiKeyService keys)
    {
        var (body, error) = await JsonRequest.ReadAsync(http.Request);
        if (body is null)
        {
            return ApiResults.Error(error!);
        }

        string name;
        string[] scopes;
        using (body)
        {
            name = body.String("name", required: true, maxLength: 200, singleLine: true)!;
            scopes = body.Has("scopes") ? body.Strings("scopes").ToArray() : [Scopes.Read];
            if (body.Problem is { } problem)
            {
                return ApiResults.Error(problem);
            }
        }

        var result = await keys.CreateAsync(http.Caller().KeyId, name, scopes, http.RequestAborted);
        return ApiResults.From(result, created => ApiResults.Json(
            new { id = created.Record.Id, api_key = created.RawKey, prefix = created.Record.Prefix, name = created.Record.Name, scopes = created.Record.Scopes },
            StatusCodes.Status201Created));
    }

    private static async Task<IResult> UpdateKey(string keyId, HttpContext http, ApiKeyService keys)
    {
        var (body, error) = await JsonRequest.ReadAsync(http.Request);
        if (body is null)
        {
            return ApiResults.Error(error!);
        }

        string? name;
        string[]? scopes;
        using (body)
        {
            name = body.String("name", maxLength: 200, singleLine: true);
            scopes = body.Has("scopes") ? body.Strings("scopes").ToArray() : null;
            if (body.Problem is { } problem)
            {
                return ApiResults.Error(problem);
            }
        }

        var result = await keys.UpdateAsync(http.Caller().KeyId, keyId, name, scopes, revoke: false, http.RequestAborted);
        return ApiResults.From(result, _ => ApiResults.Json(new { status = "updated" }));
    }

    private static IResult AuditLog(HttpRequest request, AuditService audit)
    {
        var limit = 50;
        var limitText = request.Query["limit"].ToString();
        if (limitText.Length > 0 && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 100))
        {
            return ApiResults.Error(400, "limit must be an integer from 1 to 100 (default 50).");
        }

        long? cursor = null;
        var cursorText = request.Query["cursor"].ToString();
        if (cursorText.Length > 0)
        {
            if (!long.TryParse(cursorText, NumberStyles.None, CultureInfo.InvariantCulture, out var seq) || seq < 1)
            {
                return ApiResults.Error(400, "cursor is not a cursor returned by this endpoint.");
            }

            cursor = seq;
        }

        var rows = audit.Page(cursor, limit + 1);
        var page = rows.Take(limit).ToArray();
        var next = rows.Count > limit ? page[^1].Seq.ToString(CultureInfo.InvariantCulture) : null;
        return ApiResults.Json(new { entries = page.Select(AuditEntryDto.Of).ToArray(), cursor = next });
    }
}
