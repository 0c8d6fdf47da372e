using System;
using System.Linq;
using System.Threading.Tasks;
using MultiMail.EndToEndTests.Infrastructure;
using MultiMail.EndToEndTests.Tools;
using MultiMail.Identity;
using MultiMail.Sandbox;

namespace MultiMail.EndToEndTests;

/// <summary>Each oversight mode, enforced by the sandbox, as the generated tools report it.</summary>
public sealed class OversightModeTests
{
    private static string ReadOnlyText(string mailboxId) =>
        "Error 403 (blocked by oversight): Mailbox is in read_only mode: sending and replying are blocked. Ask the operator to raise the oversight mode (POST /v1/mailboxes/"
        + mailboxId
        + "/request-upgrade). Sending from this mailbox is blocked: it is read_only, or the API key lacks the send scope. Do not retry; a human operator must change the mailbox's oversight mode or the key.";

    [Fact]
    public async Task ReadOnlyMailboxRefusesSendAndReplyWith403AndStoresNothing()
    {
        await using var sandbox = await MultiMailSandbox.StartAsync();
        using var agent = ToolSession.Agent(sandbox);
        using var op = ToolSession.Operator(sandbox);
        var mailbox = await sandbox.CreateMailboxAsync("observer", SandboxOversightMode.ReadOnly);

        var sent = await agent.ToolSet.InvokeAsync(
            "send_email", "{\"to\": [\"bob@example.com\"], \"subject\": \"Hi\", \"markdown\": \"Hello\", \"mailbox_id\": \"" + mailbox + "\"}");
        Assert.Equal(ReadOnlyText(mailbox), sent);

        // Reading still works; replying is refused the same way.
        var inbound = await sandbox.SimulateInboundAsync(mailbox, new SandboxInboundEmail { From = "carol@example.com", Subject = "Question", Markdown = "Are you there?" });
        Assert.Equal("Are you there?", Results.Json(await agent.Tools.ReadEmail(inbound, mailbox)).Str("markdown"));
        Assert.Equal(ReadOnlyText(mailbox), await agent.Tools.ReplyEmail(inbound, "Yes.", mailboxId: mailbox));

        // Nothing stored, nothing pending, nothing delivered; the refusals are audited.
        Assert.Empty(Results.Json(await agent.Tools.CheckInbox(direction: "outbound", mailboxId: mailbox)).Items("emails"));
        Assert.Empty(Results.Json(await op.Tools.ListPending()).Items("emails"));
        Assert.Empty(sandbox.GetOutbox());
        Assert.Empty(sandbox.Audited("email.send"));
        Assert.Empty(sandbox.Audited("email.reply"));
        var blocks = sandbox.Audited("email.send_blocked");
        Assert.Equal(2, blocks.Count);
        Assert.All(blocks, b => Assert.Equal(("key_agent", mailbox), (b.ActorKeyId, b.ResourceId)));

        // A refused call leaves no idempotency record: once the operator raises the mode, the identical call is accepted.
        await sandbox.SetOversightModeAsync(mailbox, SandboxOversightMode.GatedSend);
        var retried = await agent.ToolSet.InvokeAsync(
            "send_email", "{\"to\": [\"bob@example.com\"], \"subject\": \"Hi\", \"markdown\": \"Hello\", \"mailbox_id\": \"" + mailbox + "\"}");
        Assert.Equal("pending_scan", Results.Json(retried).Str("status"));
        Assert.Empty(sandbox.GetOutbox());
    }

    [Fact]
    public async Task LoweringTheDefaultMailboxToReadOnlyBlocksTheNextSend()
    {
        await using var sandbox = await MultiMailSandbox.StartAsync();
        using var agent = ToolSession.Agent(sandbox);

        Assert.Equal("pending_scan", Results.Json(await agent.Tools.SendEmail(["bob@example.com"], "Before", "Queued.")).Str("status"));
        await sandbox.SetOversightModeAsync(sandbox.DefaultMailboxId, SandboxOversightMode.ReadOnly);
        Assert.Equal(ReadOnlyText(sandbox.DefaultMailboxId), await agent.Tools.SendEmail(["bob@example.com"], "After", "Blocked."));

        var outbound = Results.Json(await agent.Tools.CheckInbox(direction: "outbound")).Items("emails");
        Assert.Equal("Before", Assert.Single(outbound).Str("subject"));
        Assert.Empty(sandbox.GetOutbox());
    }

    [Fact]
    public async Task RejectedMailIsNeverDelivered()
    {
        await using var sandbox = await MultiMailSandbox.StartAsync();
        using var agent = ToolSession.Agent(sandbox);
        using var op = ToolSession.Operator(sandbox);

        var id = Results.Json(await agent.Tools.SendEmail(["bob@example.com"], "Discount", "Everything is free today!")).Str("id");
        var decision = Results.Json(await op.ToolSet.InvokeAsync("decide_email", "{\"email_id\": \"" + id + "\", \"action\": \"reject\", \"reason\": \"Not our pricing\"}"));
        Assert.Equal("rejected", decision.Str("status"));
        Assert.False(decision.TryGetProperty("postmark_message_id", out _));

        Assert.Equal("rejected", Results.Json(await agent.Tools.ReadEmail(id)).Str("status"));
        Assert.Empty(Results.Json(await op.Tools.ListPending()).Items("emails"));
        var approveLater = await op.Tools.DecideEmail(id, Decision.Approve);
        Assert.Equal(
            "Error 409 (conflict): Email is not pending approval (status: rejected). The item's current state does not allow this (it may already be done). Do not repeat the call.",
            approveLater);
        Assert.Empty(sandbox.GetOutbox());
        Assert.Empty(sandbox.Audited("email.deliver"));
        var rejection = Assert.Single(sandbox.Audited("oversight.reject"));
        Assert.Equal(("key_oversight", id), (rejection.ActorKeyId, rejection.ResourceId));
        Assert.Contains("Not our pricing", rejection.MetadataJson, StringComparison.Ordinal);

        // The model retrying the identical call cannot resubmit it: the derived key finds the rejected email, and the answer
        // says it was rejected (not "already_sent", which would make the model believe it went out).
        var retry = await agent.Tools.SendEmail(["bob@example.com"], "Discount", "Everything is free today!");
        Assert.StartsWith("Error 409", retry, StringComparison.Ordinal);
        Assert.Contains(id + ", which was rejected and will not be sent", retry, StringComparison.Ordinal);
        Assert.Empty(Results.Json(await op.Tools.ListPending()).Items("emails"));
        Assert.Empty(sandbox.GetOutbox());
    }

    [Fact]
    public async Task MonitoredDeliversAtOnceAndSendsTheOperatorACopy()
    {
        await using var sandbox = await MultiMailSandbox.StartAsync();
        using var agent = ToolSession.Agent(sandbox);
        using var op = ToolSession.Operator(sandbox);
        var mailbox = await sandbox.CreateMailboxAsync("watched", SandboxOversightMode.Monitored);

        var answer = Results.Json(await agent.Tools.SendEmail(["bob@example.com"], "Status", "All systems go.", cc: ["dana@example.com"], mailboxId: mailbox));
        var id = answer.Str("id");
        Assert.Contains("monitored", answer.Str("message"), StringComparison.Ordinal);

        Assert.Empty(Results.Json(await op.Tools.ListPending()).Items("emails"));
        Assert.Equal("archived", Results.Json(await agent.Tools.ReadEmail(id, mailbox)).Str("status"));
        var outbox = sandbox.GetOutbox(mailbox);
        Assert.Equal(2, outbox.Count);
        var delivery = Assert.Single(outbox, m => m.Kind == "delivery");
        var copy = Assert.Single(outbox, m => m.Kind == "oversight_copy");
        Assert.Equal(id, delivery.EmailId);
        Assert.Equal(new[] { "bob@example.com", "dana@example.com" }, delivery.Recipients);
        Assert.Equal(id, copy.EmailId);
        Assert.Equal(new[] { sandbox.OversightEmail }, copy.Recipients);
        Assert.Equal("All systems go.", copy.Markdown);
        foreach (var message in outbox)
        {
            var verified = MultiMailIdentity.Verify(message.IdentityHeader, sandbox.SigningKeyJwk);
            Assert.True(verified.IsValid, verified.FailureReason);
            Assert.Equal("monitored", verified.Claims!.Oversight);
            Assert.Equal("watched@sandbox.multimail.dev", verified.Claims.Mailbox);
        }
    }

    [Fact]
    public async Task AutonomousDeliversAtOnceWithoutACopy()
    {
        await using var sandbox = await MultiMailSandbox.StartAsync();
        using var agent = ToolSession.Agent(sandbox);
        var mailbox = await sandbox.CreateMailboxAsync("free", SandboxOversightMode.Autonomous);

        var id = Results.Json(await agent.Tools.SendEmail(["bob@example.com"], "Hello", "Delivered straight away.", mailboxId: mailbox)).Str("id");

        var delivered = Assert.Single(sandbox.GetOutbox());
        Assert.Equal(("delivery", id, mailbox), (delivered.Kind, delivered.EmailId, delivered.MailboxId));
        Assert.Equal(new[] { "bob@example.com" }, delivered.Recipients);
        var verified = MultiMailIdentity.Verify(delivered.IdentityHeader, sandbox.SigningKeyJwk);
        Assert.True(verified.IsValid, verified.FailureReason);
        Assert.True(verified.Claims!.AiGenerated);
        Assert.Equal("autonomous", verified.Claims.Oversight);

        // A delivered email can no longer be cancelled.
        Assert.StartsWith("Error 409 (conflict): Email cannot be cancelled in status 'archived'", await agent.Tools.CancelMessage(id, mailbox), StringComparison.Ordinal);
        Assert.Single(sandbox.GetOutbox());
    }

    [Fact]
    public async Task CancellingAPendingSendPreventsDelivery()
    {
        await using var sandbox = await MultiMailSandbox.StartAsync();
        using var agent = ToolSession.Agent(sandbox);
        using var op = ToolSession.Operator(sandbox);

        var keep = Results.Json(await agent.Tools.SendEmail(["bob@example.com"], "Keep", "This one goes.")).Str("id");
        var drop = Results.Json(await agent.Tools.SendEmail(["bob@example.com"], "Drop", "This one is withdrawn.")).Str("id");

        var cancelled = Results.Json(await agent.ToolSet.InvokeAsync("cancel_message", "{\"email_id\": \"" + drop + "\"}"));
        Assert.Equal((drop, "cancelled"), (cancelled.Str("id"), cancelled.Str("status")));
        Assert.Equal("cancelled", Results.Json(await agent.Tools.CancelMessage(drop)).Str("status"));   // repeating is harmless

        var pending = Results.Json(await op.Tools.ListPending()).Items("emails");
        Assert.Equal(keep, Assert.Single(pending).Str("id"));
        Assert.StartsWith("Error 409 (conflict): Email is not pending approval (status: cancelled)", await op.Tools.DecideEmail(drop, Decision.Approve), StringComparison.Ordinal);
        Assert.Equal("approved_and_sent", Results.Json(await op.Tools.DecideEmail(keep, Decision.Approve)).Str("status"));

        Assert.Equal(keep, Assert.Single(sandbox.GetOutbox()).EmailId);
        Assert.Equal("cancelled", Results.Json(await agent.Tools.ReadEmail(drop)).Str("status"));
        var cancel = Assert.Single(sandbox.Audited("email.cancel"));
        Assert.Equal(("key_agent", drop), (cancel.ActorKeyId, cancel.ResourceId));
    }

    [Fact]
    public async Task GatedAllHoldsInboundMailFromTheAgentUntilTheOperatorApprovesIt()
    {
        await using var sandbox = await MultiMailSandbox.StartAsync();
        using var agent = ToolSession.Agent(sandbox);
        using var op = ToolSession.Operator(sandbox);
        var mailbox = await sandbox.CreateMailboxAsync("guarded", SandboxOversightMode.GatedAll);
        var inbound = await sandbox.SimulateInboundAsync(mailbox, new SandboxInboundEmail { From = "eve@example.com", Subject = "Invoice", Markdown = "Pay now." });

        Assert.Empty(Results.Json(await agent.Tools.CheckInbox(mailboxId: mailbox)).Items("emails"));
        Assert.StartsWith("Error 404 (not found): Email not found.", await agent.Tools.ReadEmail(inbound, mailbox), StringComparison.Ordinal);
        Assert.StartsWith("Error 404 (not found):", await agent.Tools.ReplyEmail(inbound, "Paid.", mailboxId: mailbox), StringComparison.Ordinal);

        var held = Assert.Single(Results.Json(await op.Tools.ListPending()).Items("emails"));
        Assert.Equal((inbound, "inbound", "pending_inbound_approval"), (held.Str("id"), held.Str("direction"), held.Str("status")));
        Assert.Equal("approved", Results.Json(await op.Tools.DecideEmail(inbound, Decision.Approve)).Str("status"));

        Assert.Equal(inbound, Assert.Single(Results.Json(await agent.Tools.CheckInbox(mailboxId: mailbox)).Items("emails")).Str("id"));

        // Outbound mail is held too.
        var reply = Results.Json(await agent.Tools.ReplyEmail(inbound, "Which invoice?", mailboxId: mailbox)).Str("id");
        Assert.Equal(reply, Assert.Single(Results.Json(await op.Tools.ListPending()).Items("emails")).Str("id"));
        Assert.Empty(sandbox.GetOutbox());
    }
}
