using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MultiMail.Sandbox.Auth;
using MultiMail.Sandbox.Oversight;

namespace MultiMail.Sandbox.Endpoints;

/// <summary>
/// Sandbox-only endpoints (not part of MultiMail; kept under <c>/sandbox/v1/</c> so they cannot be mistaken for it):
/// simulate inbound mail and read the outbox. Admin scope.
/// </summary>
internal static class SandboxEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/sandbox/v1/mailboxes/{mailboxId}/inbound", Inbound).RequireScope(Scopes.Admin);

        app.MapGet("/sandbox/v1/outbox", (HttpRequest request, Outbox outbox) =>
        {
            var mailbox = request.Query["mailbox_id"].ToString();
            var messages = outbox.List(mailbox.Length == 0 ? null : mailbox);
            return ApiResults.Json(new { messages = messages.Select(OutboxMessageDto.Of).ToArray() });
        }).RequireScope(Scopes.Admin);
    }

    private static async Task<IResult> Inbound(string mailboxId, HttpContext http, InboxService inbox)
    {
        var (body, error) = await JsonRequest.ReadAsync(http.Request);
        if (body is null)
        {
            return ApiResults.Error(error!);
        }

        InboundDraft draft;
        using (body)
        {
            var from = body.String("from", required: true, maxLength: 320);
            var subject = body.String("subject", required: true, maxLength: 998, singleLine: true);
            var markdown = body.String("markdown", required: true, maxLength: 262144);
            var to = body.Has("to") ? body.Emails("to", required: true, maxItems: 50) : null;
            var cc = body.Emails("cc");
            var inReplyTo = body.String("in_reply_to");
            var attachments = body.Attachments("attachments");
            if (body.Problem is { } problem)
            {
                return ApiResults.Error(problem);
            }

            if (!Wire.IsEmail(from!))
            {
                return ApiResults.Error(400, "'from' is not a valid email address.");
            }

            draft = new InboundDraft(from!, to, cc, subject!, markdown!, attachments, inReplyTo);
        }

        var result = await inbox.ReceiveAsync(http.Caller().KeyId, mailboxId, draft, http.RequestAborted);
        return ApiResults.From(result, receipt => ApiResults.Json(
            new { id = receipt.Id, status = receipt.Status, thread_id = receipt.ThreadId },
            StatusCodes.Status201Created));
    }
}
