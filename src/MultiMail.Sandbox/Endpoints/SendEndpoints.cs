using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MultiMail.Sandbox.Auth;
using MultiMail.Sandbox.Oversight;

namespace MultiMail.Sandbox.Endpoints;

/// <summary>Send and reply (API.md §2.3), validated per SPEC's <c>SendEmailRequest</c> and <c>ReplyRequest</c>.</summary>
internal static class SendEndpoints
{
    private const int MaxRecipients = 50;
    private const int MaxSubject = 998;
    private const int MaxMarkdown = 262144;
    private const int MaxIdempotencyKey = 256;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/mailboxes/{mailboxId}/send", Send).RequireScope(Scopes.Send);
        app.MapPost("/v1/mailboxes/{mailboxId}/reply/{emailId}", Reply).RequireScope(Scopes.Send);
    }

    private static async Task<IResult> Send(string mailboxId, HttpContext http, OutboundMailService mail)
    {
        var (body, error) = await JsonRequest.ReadAsync(http.Request);
        if (body is null)
        {
            return ApiResults.Error(error!);
        }

        OutboundDraft draft;
        using (body)
        {
            var to = body.Emails("to", required: true, maxItems: MaxRecipients);
            var subject = body.String("subject", required: true, maxLength: MaxSubject, singleLine: true);
            var markdown = body.String("markdown", required: true, maxLength: MaxMarkdown);
            var cc = body.Emails("cc");
            var bcc = body.Emails("bcc");
            var attachments = body.Attachments("attachments");
            var idempotencyKey = body.String("idempotency_key", maxLength: MaxIdempotencyKey);
            var sendAtText = body.String("send_at");
            var gateTiming = body.String("gate_timing");
            if (body.Problem is { } problem)
            {
                return ApiResults.Error(problem);
            }

            long? sendAt = null;
            if (sendAtText is not null)
            {
                if (!sendAtText.EndsWith('Z') || !Wire.TryParseTime(sendAtText, out var ms))
                {
                    return ApiResults.Error(400, "send_at must be an ISO 8601 UTC date-time ending in 'Z', e.g. 2026-03-15T14:00:00Z.");
                }

                sendAt = ms;
            }

            if (gateTiming is not (null or "gate_first" or "schedule_first"))
            {
                return ApiResults.Error(400, "gate_timing must be gate_first or schedule_first.");
            }

            draft = new OutboundDraft(to, cc, bcc, subject!, markdown!, attachments, idempotencyKey, sendAt, gateTiming);
        }

        var result = await mail.SendAsync(http.Caller().KeyId, mailboxId, draft, http.RequestAborted);
        return ApiResults.From(result, receipt => receipt.Replayed
            ? ApiResults.Json(new { id = receipt.Id, status = "already_sent", idempotent = true })
            : ApiResults.Json(new { id = receipt.Id, status = EmailStatus.PendingScan, thread_id = receipt.ThreadId, message = receipt.Message }, StatusCodes.Status202Accepted));
    }

    private static async Task<IResult> Reply(string mailboxId, string emailId, HttpContext http, OutboundMailService mail)
    {
        var (body, error) = await JsonRequest.ReadAsync(http.Request);
        if (body is null)
        {
            return ApiResults.Error(error!);
        }

        ReplyDraft draft;
        using (body)
        {
            var markdown = body.String("markdown", required: true, maxLength: MaxMarkdown);
            var cc = body.Emails("cc");
            var bcc = body.Emails("bcc");
            var attachments = body.Attachments("attachments");
            var idempotencyKey = body.String("idempotency_key", maxLength: MaxIdempotencyKey);
            if (body.Problem is { } problem)
            {
                return ApiResults.Error(problem);
            }

            draft = new ReplyDraft(markdown!, cc, bcc, attachments, idempotencyKey);
        }

        var result = await mail.ReplyAsync(http.Caller().KeyId, mailboxId, emailId, draft, http.RequestAborted);
        return ApiResults.From(result, receipt => receipt.Replayed
            ? ApiResults.Json(new { id = receipt.Id, status = "already_sent", idempotent = true })
            : ApiResults.Json(new { id = receipt.Id, status = EmailStatus.PendingScan, thread_id = receipt.ThreadId }, StatusCodes.Status202Accepted));
    }
}
