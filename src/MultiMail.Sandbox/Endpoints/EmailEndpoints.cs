using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MultiMail.Sandbox.Auth;
using MultiMail.Sandbox.Oversight;
using MultiMail.Sandbox.Storage;

namespace MultiMail.Sandbox.Endpoints;

/// <summary>Reading mail (API.md §2.2, §2.4, §2.5) and cancelling it (§2.3).</summary>
internal static class EmailEndpoints
{
    private const int DefaultLimit = 20;
    private const int MaxLimit = 100;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/mailboxes/{mailboxId}/emails", List).RequireScope(Scopes.Read);

        app.MapGet("/v1/mailboxes/{mailboxId}/emails/{emailId}", async (string mailboxId, string emailId, HttpContext http, InboxService inbox) =>
            ApiResults.From(await inbox.ReadAsync(http.Caller().KeyId, mailboxId, emailId, http.RequestAborted), e => ApiResults.Json(EmailDto.Of(e))))
            .RequireScope(Scopes.Read);

        app.MapGet("/v1/mailboxes/{mailboxId}/emails/{emailId}/attachments/{filename}", Attachment).RequireScope(Scopes.Read);
        app.MapGet("/v1/mailboxes/{mailboxId}/threads/{threadId}", Thread).RequireScope(Scopes.Read);

        app.MapPost("/v1/mailboxes/{mailboxId}/emails/{emailId}/cancel", async (string mailboxId, string emailId, HttpContext http, OutboundMailService outbound) =>
            ApiResults.From(await outbound.CancelAsync(http.Caller().KeyId, mailboxId, emailId, http.RequestAborted), id => ApiResults.Json(new { id, status = EmailStatus.Cancelled })))
            .RequireScope(Scopes.Send);

        app.MapGet("/v1/mailboxes/{mailboxId}/emails/{emailId}/tags", (string mailboxId, string emailId, InboxService inbox) =>
            ApiResults.From(inbox.Find(mailboxId, emailId), email => ApiResults.Json(new { tags = email.Tags })))
            .RequireScope(Scopes.Read);

        app.MapPut("/v1/mailboxes/{mailboxId}/emails/{emailId}/tags", PutTags).RequireScope(Scopes.Send);

        app.MapDelete("/v1/mailboxes/{mailboxId}/emails/{emailId}/tags/{key}", async (string mailboxId, string emailId, string key, HttpContext http, InboxService inbox) =>
            ApiResults.From(await inbox.DeleteTagAsync(http.Caller().KeyId, mailboxId, emailId, key, http.RequestAborted), deleted => ApiResults.Json(new { deleted })))
            .RequireScope(Scopes.Send);
    }

    private static IResult List(string mailboxId, HttpRequest request, InboxService inbox)
    {
        var query = request.Query;
        string? Param(string name) => query.TryGetValue(name, out var v) && v.Count > 0 && v[0] is { Length: > 0 } s ? s : null;

        var limit = DefaultLimit;
        if (Param("limit") is { } limitText
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            return ApiResults.Error(400, "limit must be an integer from 1 to 100 (default 20).");
        }

        var status = Param("status");
        if (status is not null && !EmailStatus.SpecEnum.Contains(status))
        {
            return ApiResults.Error(400, "status must be one of " + string.Join(", ", EmailStatus.SpecEnum) + ".");
        }

        var direction = Param("direction");
        if (direction is not (null or Directions.Inbound or Directions.Outbound))
        {
            return ApiResults.Error(400, "direction must be inbound or outbound.");
        }

        bool? hasAttachments = Param("has_attachments") switch
        {
            null => null,
            "true" => true,
            "false" => false,
            _ => null,
        };
        if (hasAttachments is null && Param("has_attachments") is not null)
        {
            return ApiResults.Error(400, "has_attachments must be \"true\" or \"false\".");
        }

        long? after = null, before = null;
        if (Param("date_after") is { } afterText)
        {
            if (!Wire.TryParseTime(afterText, out var ms))
            {
                return ApiResults.Error(400, "date_after must be an ISO 8601 date-time.");
            }

            after = ms;
        }

        if (Param("date_before") is { } beforeText)
        {
            if (!Wire.TryParseTime(beforeText, out var ms))
            {
                return ApiResults.Error(400, "date_before must be an ISO 8601 date-time.");
            }

            before = ms;
        }

        long? cursor = null;
        if (Param("cursor") is { } cursorText)
        {
            if (!long.TryParse(cursorText, NumberStyles.None, CultureInfo.InvariantCulture, out var seq) || seq < 1)
            {
                return ApiResults.Error(400, "cursor is not a cursor returned by this endpoint.");
            }

            cursor = seq;
        }

        var filter = new EmailFilter(status, direction, Param("sender"), Param("subject_contains"), after, before, hasAttachments, null, cursor);
        return ApiResults.From(inbox.List(mailboxId, filter, Param("since_id"), limit), found => ApiResults.Json(new
        {
            emails = found.Page.Select(EmailSummaryDto.Of).ToArray(),
            cursor = found.NextCursor?.ToString(CultureInfo.InvariantCulture),
        }));
    }

    private static IResult Attachment(string mailboxId, string emailId, string filename, InboxService inbox)
    {
        var found = inbox.Find(mailboxId, emailId);
        if (found.Error is { } error)
        {
            return ApiResults.Error(error);
        }

        var email = found.Value!;
        var attachment = email.Attachments.FirstOrDefault(a => string.Equals(a.Name, filename, StringComparison.Ordinal));
        return attachment is null
            ? ApiResults.Error(404, "Attachment not found")
            : Results.File(
                Convert.FromBase64String(attachment.ContentBase64),
                JsonRequest.IsMediaType(attachment.ContentType) ? attachment.ContentType : "application/octet-stream",
                attachment.Name);
    }

    private static IResult Thread(string mailboxId, string threadId, InboxService inbox)
    {
        var found = inbox.Thread(mailboxId, threadId);
        if (found.Error is { } error)
        {
            return ApiResults.Error(error);
        }

        var emails = found.Value!;
        var participants = emails.SelectMany(e => new[] { e.From }.Concat(e.To).Concat(e.Cc))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();

        // Unanswered: the latest message that counts is inbound (cancelled/rejected/failed outbound mail answers nothing).
        var latest = emails.LastOrDefault(e => e.IsInbound || e.Status is not (EmailStatus.Cancelled or EmailStatus.Rejected or EmailStatus.SendFailed));
        var thread = new ThreadDto(
            threadId,
            emails.Count,
            participants,
            Wire.Time(emails.Max(e => e.DeliveredAt is { } d && d > e.ReceivedAt ? d : e.ReceivedAt)),
            latest is { IsInbound: true },
            emails.Select(e => new ThreadEmailDto(
                e.Id, e.From, e.To, e.Subject, e.Direction, e.Status, Wire.Time(e.ReceivedAt), e.Attachments.Count > 0, Wire.Time(e.DeliveredAt), null)).ToArray());
        return ApiResults.Json(thread);
    }

    private static async Task<IResult> PutTags(string mailboxId, string emailId, HttpContext http, InboxService inbox)
    {
        var (body, error) = await JsonRequest.ReadAsync(http.Request);
        if (body is null)
        {
            return ApiResults.Error(error!);
        }

        using (body)
        {
            var tags = body.StringMap("tags", required: true);
            if (body.Problem is { } problem)
            {
                return ApiResults.Error(problem);
            }

            // Merge semantics (MCP, API.md §2.4 and §9): existing keys not named here are kept.
            var result = await inbox.MergeTagsAsync(http.Caller().KeyId, mailboxId, emailId, tags!, http.RequestAborted);
            return ApiResults.From(result, merged => ApiResults.Json(new { tags = merged }));
        }
    }
}
