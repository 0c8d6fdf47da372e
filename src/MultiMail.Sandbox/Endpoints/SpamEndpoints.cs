using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MultiMail.Sandbox.Auth;
using MultiMail.Sandbox.Oversight;

namespace MultiMail.Sandbox.Endpoints;

/// <summary>Spam (API.md §2.7): report, not spam, and the tenant-wide spam list. Not mailbox-scoped.</summary>
internal static class SpamEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/emails", List).RequireScope(Scopes.Read);
        app.MapPost("/v1/emails/{id}/report-spam", async (string id, HttpContext http, SpamService spam) =>
            ApiResults.From(await spam.ReportAsync(http.Caller().KeyId, id, http.RequestAborted), status => ApiResults.Json(new { id, status, user_label = "spam" })))
            .RequireScope(Scopes.Send);
        app.MapPost("/v1/emails/{id}/not-spam", async (string id, HttpContext http, SpamService spam) =>
            ApiResults.From(await spam.ClearAsync(http.Caller().KeyId, id, http.RequestAborted), status => ApiResults.Json(new { id, status, user_label = "not_spam" })))
            .RequireScope(Scopes.Send);
    }

    private static IResult List(HttpRequest request, SpamService spam)
    {
        var status = request.Query["status"].ToString();
        if (status.Length > 0 && !SpamService.SpamStatuses.Contains(status))
        {
            return ApiResults.Error(400, "status must be spam_flagged or spam_quarantined (omit it for both).");
        }

        if (Paging.Read(request, 20, out var limit, out var cursor) is { } problem)
        {
            return ApiResults.Error(400, problem);
        }

        var (page, next) = spam.List(status.Length == 0 ? null : status, cursor, limit);
        return ApiResults.Json(new { emails = page.Select(EmailSummaryDto.Of).ToArray(), cursor = Paging.Next(next) });
    }
}
