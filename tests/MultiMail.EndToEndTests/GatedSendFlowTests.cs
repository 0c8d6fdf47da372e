using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using MultiMail.EndToEndTests.Infrastructure;
using MultiMail.EndToEndTests.Tools;
using MultiMail.Identity;
using MultiMail.Sandbox;

namespace MultiMail.EndToEndTests;

/// <summary>The seed guide's flow in the default gated_send mode, driven through the generated tools over real HTTP.</summary>
public sealed class GatedSendFlowTests
{
    private const string Customer = "ann@customer.example";

    [Fact]
    public async Task InboundMailIsReadAndAnsweredAndTheReplyIsDeliveredOnlyAfterTheOperatorApprovesIt()
    {
        await using var sandbox = await MultiMailSandbox.StartAsync(new MultiMailSandboxOptions { OperatorName = "Acme Support Ltd" });
        using var agent = ToolSession.Agent(sandbox);
        using var op = ToolSession.Operator(sandbox);

        var inboundId = await sandbox.SimulateInboundAsync(sandbox.DefaultMailboxId, new SandboxInboundEmail
        {
            From = Customer,
            Subject = "Order #1042 is late",
            Markdown = "Hello, my order #1042 has not arrived. Where is it?",
        });

        // The agent loop: tool calls by name with the model's JSON arguments.
        var inbox = Results.Json(await agent.ToolSet.InvokeAsync("check_inbox", """{"limit": 10, "direction": "inbound"}"""));
        var listed = Assert.Single(inbox.Items("emails"));
        Assert.Equal(inboundId, listed.Str("id"));
        Assert.Equal(Customer, listed.Str("from"));
        Assert.Equal("Order #1042 is late", listed.Str("subject"));
        Assert.Equal("unread", listed.Str("status"));
        var threadId = listed.Str("thread_id");

        var read = Results.Json(await agent.ToolSet.InvokeAsync("read_email", "{\"email_id\": \"" + inboundId + "\"}"));
        Assert.Equal("Hello, my order #1042 has not arrived. Where is it?", read.Str("markdown"));
        Assert.Equal("read", read.Str("status"));
        var relisted = Results.Json(await agent.ToolSet.InvokeAsync("check_inbox", """{"direction": "inbound"}"""));
        Assert.Equal("read", Assert.Single(relisted.Items("emails")).Str("status"));
        Assert.Single(sandbox.Audited("email.read"), e => e.ResourceId == inboundId && e.ActorKeyId == "key_agent");

        const string ReplyBody = "Sorry for the delay: order #1042 ships today.";
        var replyText = await agent.ToolSet.InvokeAsync("reply_email", "{\"email_id\": \"" + inboundId + "\", \"markdown\": \"" + ReplyBody + "\"}");
        var reply = Results.Json(replyText);
        Assert.Equal("pending_scan", reply.Str("status"));
        Assert.Equal(threadId, reply.Str("thread_id"));
        var replyId = reply.Str("id");
        Assert.NotEqual(inboundId, replyId);
        Assert.Equal(Results.PendingHint, Results.Hint(replyText));
        Assert.Contains("waits for human approval", replyText, StringComparison.Ordinal);
        Assert.Contains("Do not send it again", replyText, StringComparison.Ordinal);

        // Held: nothing delivered, the email is pending.
        Assert.Empty(sandbox.GetOutbox());
        Assert.Equal("pending_send_approval", Results.Json(await agent.Tools.ReadEmail(replyId)).Str("status"));

        // The agent's key can neither see the queue nor approve its own reply.
        var agentList = await agent.Tools.ListPending();
        Assert.StartsWith("Error 403 (forbidden): Requires oversight scope.", agentList, StringComparison.Ordinal);
        var selfApproval = await agent.ToolSet.InvokeAsync("decide_email", "{\"email_id\": \"" + replyId + "\", \"action\": \"approve\"}");
        Assert.Equal(
            "Error 403 (forbidden): Requires oversight scope. The mailbox's oversight mode or the API key's scope does not allow decide_email. Do not retry; a human operator must change the mode or the key.",
            selfApproval);
        Assert.Empty(sandbox.GetOutbox());
        Assert.Contains(sandbox.Audited("auth.forbidden"), e => e.ActorKeyId == "key_agent" && e.ResourceId == "POST /v1/oversight/decide");
        Assert.Empty(sandbox.Audited("oversight.approve"));

        // The operator sees it in the queue, exactly as the agent wrote it, addressed to the customer.
        var pending = Results.Json(await op.ToolSet.InvokeAsync("list_pending", "{}"));
        var queued = Assert.Single(pending.Items("emails"));
        Assert.Equal(replyId, queued.Str("id"));
        Assert.Equal("pending_send_approval", queued.Str("status"));
        Assert.Equal("outbound", queued.Str("direction"));
        Assert.Equal(new[] { Customer }, queued.Strings("to"));
        Assert.Equal("Re: Order #1042 is late", queued.Str("subject"));
        Assert.Equal(ReplyBody, queued.Str("body_markdown"));

        var decision = Results.Json(await op.ToolSet.InvokeAsync(
            "decide_email", "{\"email_id\": \"" + replyId + "\", \"action\": \"approve\", \"reason\": \"Checked the tracking number\"}"));
        Assert.Equal("approved_and_sent", decision.Str("status"));
        var messageId = decision.Str("postmark_message_id");

        // Delivered once, to the original sender, in the thread, signed.
        var delivered = Assert.Single(sandbox.GetOutbox());
        Assert.Equal(messageId, delivered.Id);
        Assert.Equal("delivery", delivered.Kind);
        Assert.Equal(replyId, delivered.EmailId);
        Assert.Equal(sandbox.DefaultMailboxAddress, delivered.From);
        Assert.Equal(new[] { Customer }, delivered.Recipients);
        Assert.Equal("Re: Order #1042 is late", delivered.Subject);
        Assert.Equal(ReplyBody, delivered.Markdown);

        var sent = Results.Json(await agent.Tools.ReadEmail(replyId));
        Assert.Equal("archived", sent.Str("status"));
        Assert.Equal(threadId, sent.Str("thread_id"));
        Assert.Equal("key_oversight", sent.Str("approved_by"));
        var thread = Results.Json(await agent.Tools.GetThread(threadId));
        Assert.Equal(new[] { inboundId, replyId }, thread.Items("emails").Select(e => e.Str("id")));
        Assert.False(thread.GetProperty("has_unanswered_inbound").GetBoolean());

        var verified = MultiMailIdentity.Verify(delivered.IdentityHeader, sandbox.SigningKeyJwk);
        Assert.True(verified.IsValid, verified.FailureReason);
        var claims = verified.Claims!;
        Assert.True(claims.AiGenerated);
        Assert.Equal("gated_send", claims.Oversight);
        Assert.Equal("Acme Support Ltd", claims.Operator);
        Assert.Equal(sandbox.OperatorName, claims.Operator);
        Assert.Equal(sandbox.DefaultMailboxAddress, claims.Mailbox);
        Assert.Equal("multimail-sandbox", claims.Service);

        Assert.Empty(Results.Json(await op.Tools.ListPending()).Items("emails"));
        var approval = Assert.Single(sandbox.Audited("oversight.approve"));
        Assert.Equal("key_oversight", approval.ActorKeyId);
        Assert.Equal(replyId, approval.ResourceId);
        Assert.Contains("Checked the tracking number", approval.MetadataJson, StringComparison.Ordinal);

        // Approving again is a conflict and delivers nothing more.
        Assert.StartsWith("Error 409 (conflict):", await op.Tools.DecideEmail(replyId, Decision.Approve), StringComparison.Ordinal);
        Assert.Single(sandbox.GetOutbox());
    }

    [Fact]
    public async Task ATamperedIdentityHeaderFailsVerification()
    {
        await using var sandbox = await MultiMailSandbox.StartAsync();
        using var agent = ToolSession.Agent(sandbox);
        using var op = ToolSession.Operator(sandbox);

        var id = Results.Json(await agent.Tools.SendEmail(["bob@example.com"], "Quarterly report", "Attached below.")).Str("id");
        Assert.Equal("approved_and_sent", Results.Json(await op.Tools.DecideEmail(id, Decision.Approve)).Str("status"));
        var header = Assert.Single(sandbox.Deliveries()).IdentityHeader!;
        Assert.True(MultiMailIdentity.Verify(header, sandbox.SigningKeyJwk).IsValid);

        // Claim a more autonomous mode than the mailbox had, keeping the signature.
        var parts = header.Split('.');
        var payload = Encoding.UTF8.GetString(FromBase64Url(parts[0]));
        Assert.Contains("\"oversight\":\"gated_send\"", payload, StringComparison.Ordinal);
        var forged = ToBase64Url(Encoding.UTF8.GetBytes(payload.Replace("\"oversight\":\"gated_send\"", "\"oversight\":\"autonomous\"", StringComparison.Ordinal)));
        var forgedResult = MultiMailIdentity.Verify(forged + "." + parts[1], sandbox.SigningKeyJwk);
        Assert.False(forgedResult.IsValid);
        Assert.Null(forgedResult.Claims);
        Assert.Equal("The signature does not match the payload and public key.", forgedResult.FailureReason);

        // A flipped signature byte fails too, and so does the right header against another sandbox's key.
        var signature = FromBase64Url(parts[1]);
        signature[10] ^= 0x01;
        Assert.False(MultiMailIdentity.Verify(parts[0] + "." + ToBase64Url(signature), sandbox.SigningKeyJwk).IsValid);
        await using var other = await MultiMailSandbox.StartAsync();
        Assert.NotEqual(sandbox.SigningKeyJwk, other.SigningKeyJwk);
        Assert.False(MultiMailIdentity.Verify(header, other.SigningKeyJwk).IsValid);
    }

    private static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s + new string('=', (4 - (s.Length % 4)) % 4));
    }

    private static string ToBase64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
