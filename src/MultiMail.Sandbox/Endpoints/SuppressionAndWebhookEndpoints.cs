using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MultiMail.Sandbox.Auth;
using MultiMail.Sandbox.Oversight;
using MultiMail.Sandbox.Storage;

namespace MultiMail.Sandbox.Endpoints;

/// <summary>The suppression list (API.md §2.10) and webhook subscriptions (§2.9), admin scope.</summary>
internal static class SuppressionAndWebhookEndpoints
{
    private static readonly string[] WebhookFields = ["url", "events", "mailbox_id", "approval_code"];

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/suppression", (HttpRequest request, SuppressionService suppression) =>
        {
            if (Paging.Read(request, 50, out var limit, out var cursor) is { } problem)
            {
                return ApiResults.Error(400, problem);
            }

            var (page, next) = suppression.List(cursor, limit);
            return ApiResults.Json(new { suppressions = page.Select(SuppressionDto.Of).ToArray(), cursor = Paging.Next(next) });
        }).RequireScope(Scopes.Admin);

        app.MapDelete("/v1/suppression/{address}", async (string address, HttpContext http, SuppressionService suppression) =>
            await suppression.RemoveAsync(http.Caller().KeyId, address, http.RequestAborted)
                ? ApiResults.Json(new { status = "removed", email_address = address })
                : ApiResults.Error(404, "Address not found in suppression list"))
            .RequireScope(Scopes.Admin);

        app.MapPost("/v1/webhooks", CreateWebhook).RequireScope(Scopes.Admin);
        app.MapGet("/v1/webhooks", (WebhookService webhooks) =>
            ApiResults.Json(new { subscriptions = webhooks.List().Select(w => new { id = w.Id, url = w.Url, events = w.Events, mailbox_id = w.MailboxId, created_at = Wire.Time(w.CreatedAt) }).ToArray() }))
            .RequireScope(Scopes.Admin);
        app.MapGet("/v1/webhooks/{id}", (string id, WebhookService webhooks) =>
            webhooks.Get(id) is { } webhook ? ApiResults.Json(WebhookDto.Of(webhook)) : ApiResults.Error(404, "Subscription not found"))
            .RequireScope(Scopes.Admin);
        app.MapDelete("/v1/webhooks/{id}", async (string id, HttpContext http, WebhookService webhooks) =>
            await webhooks.DeleteAsync(http.Caller().KeyId, id, http.RequestAborted)
                ? ApiResults.Json(new { status = "deleted" })
                : ApiResults.Error(404, "Subscription not found"))
            .RequireScope(Scopes.Admin);
    }

    private static async Task<IResult> CreateWebhook(HttpContext http, WebhookService webhooks)
    {
        var (body, error) = await JsonRequest.ReadAsync(http.Request);
        if (body is null)
        {
            return ApiResults.Error(error!);
        }

        using (body)
        {
            if (body.PropertyNames.FirstOrDefault(n => !WebhookFields.Contains(n)) is { } unknown)
            {
                return ApiResults.Error(400, "Unknown field '" + unknown + "'.");
            }

            var url = body.String("url", required: true, maxLength: 2048, singleLine: true);
            var events = body.Strings("events");
            var mailboxId = body.String("mailbox_id", maxLength: 200, singleLine: true);
            body.String("approval_code", maxLength: 16, singleLine: true);   // accepted; the sandbox asks for no approval here
            if (body.Problem is { } problem)
            {
                return ApiResults.Error(problem);
            }

            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || uri.UserInfo.Length > 0)
            {
                return ApiResults.Error(400, "url must be an absolute https URL without credentials.");
            }

            if (events.Count == 0 || events.Any(e => !WebhookService.Events.Contains(e)))
            {
                return ApiResults.Error(400, "events must list one or more of: " + string.Join(", ", WebhookService.Events) + ".");
            }

            var result = await webhooks.CreateAsync(http.Caller().KeyId, uri.AbsoluteUri, events.Distinct().ToArray(), mailboxId, http.RequestAborted);
            return ApiResults.From(result, webhook => ApiResults.Json(WebhookDto.Of(webhook), StatusCodes.Status201Created));
        }
    }

    /// <summary>SPEC <c>WebhookSubscription</c> (with the signing secret: create and get by id only).</summary>
    private sealed record WebhookDto(string Id, string Url, System.Collections.Generic.IReadOnlyList<string> Events, string? MailboxId, string SigningSecret, string CreatedAt)
    {
        public static WebhookDto Of(WebhookRecord w) => new(w.Id, w.Url, w.Events, w.MailboxId, w.SigningSecret, Wire.Time(w.CreatedAt));
    }

    /// <summary>One entry of <c>GET /v1/suppression</c>.</summary>
    private sealed record SuppressionDto(string Id, string EmailAddress, string Reason, string? MailboxId, string CreatedAt)
    {
        public static SuppressionDto Of(SuppressionRecord s) => new(s.Id, s.EmailAddress, s.Reason, s.MailboxId, Wire.Time(s.CreatedAt));
    }
}
