using System;
using System.Linq;
using System.Threading.Tasks;
using MultiMail.EndToEndTests.Infrastructure;
using MultiMail.EndToEndTests.Tools;
using MultiMail.Sandbox;

namespace MultiMail.EndToEndTests;

/// <summary>Repeated sends and replies: derived idempotency keys (replay) and the sandbox's 60-second duplicate-reply check (409).</summary>
public sealed class IdempotencyTests
{
    private const string AlreadySentHint =
        "Already submitted: an email with this idempotency key was accepted earlier, so no new email was created. Do not send it again; read_email with its id shows whether it is pending, delivered or rejected.";

    [Fact]
    public async Task TheSameSendTwiceThroughTheToolStoresOneEmailAndDeliversItOnce()
    {
        await using var sandbox = await MultiMailSandbox.StartAsync();
        using var agent = ToolSession.Agent(sandbox);
        using var op = ToolSession.Operator(sandbox);

        var first = Results.Json(await agent.Tools.SendEmail(["bob@example.com", "carol@example.com"], "Minutes", "Notes from today."));
        Assert.Equal("pending_scan", first.Str("status"));
        var id = first.Str("id");

        // A model retry: the same arguments, in another order, with the default mailbox named explicitly.
        var again = await agent.ToolSet.InvokeAsync(
            "send_email",
            "{\"markdown\": \"Notes from today.\", \"mailbox_id\": \"" + sandbox.DefaultMailboxId + "\", \"subject\": \"Minutes\", \"to\": [\"bob@example.com\", \"carol@example.com\"]}");
        var replay = Results.Json(again);
        Assert.Equal((id, "already_sent"), (replay.Str("id"), replay.Str("status")));
        Assert.True(replay.GetProperty("idempotent").GetBoolean());
        Assert.Equal(AlreadySentHint, Results.Hint(again));

        Assert.Single(Results.Json(await agent.Tools.CheckInbox(direction: "outbound")).Items("emails"));
        Assert.Equal(id, Assert.Single(Results.Json(await op.Tools.ListPending()).Items("emails")).Str("id"));
        Assert.Single(sandbox.Audited("email.send"));

        Assert.Equal("approved_and_sent", Results.Json(await op.Tools.DecideEmail(id, Decision.Approve)).Str("status"));
        Assert.Equal("already_sent", Results.Json(await agent.Tools.SendEmail(["bob@example.com", "carol@example.com"], "Minutes", "Notes from today.")).Str("status"));
        var delivered = Assert.Single(sandbox.GetOutbox());
        Assert.Equal(id, delivered.EmailId);
        Assert.Equal(new[] { "bob@example.com", "carol@example.com" }, delivered.Recipients);

        // Any difference in the arguments is a different email.
        Assert.Equal("pending_scan", Results.Json(await agent.Tools.SendEmail(["bob@example.com"], "Minutes", "Notes from today.")).Str("status"));
        Assert.Equal(2, sandbox.Audited("email.send").Count);
    }

    [Fact]
    public async Task TheSameReplyTwiceThroughTheToolIsAnIdempotentReplay()
    {
        await using var sandbox = await MultiMailSandbox.StartAsync();
        using var agent = ToolSession.Agent(sandbox);
        using var op = ToolSession.Operator(sandbox);
        var inbound = await sandbox.SimulateInboundAsync(sandbox.DefaultMailboxId, new SandboxInboundEmail { From = "ann@example.com", Subject = "Refund", Markdown = "Refund please." });

        var arguments = "{\"email_id\": \"" + inbound + "\", \"markdown\": \"Your refund is on its way.\"}";
        var first = Results.Json(await agent.ToolSet.InvokeAsync("reply_email", arguments));
        Assert.Equal("pending_scan", first.Str("status"));
        var second = await agent.ToolSet.InvokeAsync("reply_email", arguments);
        Assert.Equal((first.Str("id"), "already_sent"), (Results.Json(second).Str("id"), Results.Json(second).Str("status")));
        Assert.Equal(AlreadySentHint, Results.Hint(second));

        Assert.Single(Results.Json(await op.Tools.ListPending()).Items("emails"));
        Assert.Single(sandbox.Audited("email.reply"));
        Assert.Empty(sandbox.Audited("email.reply_duplicate"));
    }

    [Fact]
    public async Task TheSameReplyContentUnderANewKeyWithin60SecondsIs409()
    {
        var clock = ManualTimeProvider.StartingNow();
        await using var sandbox = await MultiMailSandbox.StartAsync(new MultiMailSandboxOptions { TimeProvider = clock });
        using var op = ToolSession.Operator(sandbox);
        var inbound = await sandbox.SimulateInboundAsync(sandbox.DefaultMailboxId, new SandboxInboundEmail { From = "ann@example.com", Subject = "Refund", Markdown = "Refund please." });

        // Without derived keys nothing identifies a repeat on the client: the sandbox's content check catches it.
        using var noKeys = ToolSession.Agent(sandbox, o => o.DeriveIdempotencyKeys = false);
        var first = Results.Json(await noKeys.Tools.ReplyEmail(inbound, "Your refund is on its way."));
        Assert.Equal("pending_scan", first.Str("status"));
        clock.Advance(TimeSpan.FromSeconds(30));
        var duplicate = await noKeys.Tools.ReplyEmail(inbound, "Your refund is on its way.");
        Assert.Equal(
            "Error 409 (duplicate): Duplicate reply: the same content was sent in reply to this email less than 60 seconds ago (" + first.Str("id")
            + "). The same email was already submitted (for example an identical reply within 60 seconds). Do not resend it.",
            duplicate);

        // Two different explicit keys: also 409.
        using var agent = ToolSession.Agent(sandbox);
        Assert.StartsWith("Error 409 (duplicate): Duplicate reply:", await agent.Tools.ReplyEmail(inbound, "Your refund is on its way.", idempotencyKey: "reply-1"), StringComparison.Ordinal);
        Assert.StartsWith("Error 409 (duplicate): Duplicate reply:", await agent.Tools.ReplyEmail(inbound, "Your refund is on its way.", idempotencyKey: "reply-2"), StringComparison.Ordinal);

        Assert.Equal(first.Str("id"), Assert.Single(Results.Json(await op.Tools.ListPending()).Items("emails")).Str("id"));
        Assert.Equal(3, sandbox.Audited("email.reply_duplicate").Count);
        Assert.Single(sandbox.Audited("email.reply"));

        // Other content is not a duplicate; the same content is accepted again once 60 seconds have passed.
        Assert.Equal("pending_scan", Results.Json(await noKeys.Tools.ReplyEmail(inbound, "Correction: the refund left today.")).Str("status"));
        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal("pending_scan", Results.Json(await noKeys.Tools.ReplyEmail(inbound, "Your refund is on its way.")).Str("status"));
        Assert.Equal(3, Results.Json(await op.Tools.ListPending()).Items("emails").Count);
        Assert.Empty(sandbox.GetOutbox());
    }

    [Fact]
    public async Task WithoutDerivedKeysTheSameSendTwiceCreatesTwoEmails()
    {
        // The counterpart of the replay test: the deduplication comes from the derived key, not from the sandbox.
        await using var sandbox = await MultiMailSandbox.StartAsync();
        using var noKeys = ToolSession.Agent(sandbox, o => o.DeriveIdempotencyKeys = false);
        using var op = ToolSession.Operator(sandbox);

        var first = Results.Json(await noKeys.Tools.SendEmail(["bob@example.com"], "Ping", "Ping."));
        var second = Results.Json(await noKeys.Tools.SendEmail(["bob@example.com"], "Ping", "Ping."));
        Assert.Equal(("pending_scan", "pending_scan"), (first.Str("status"), second.Str("status")));
        Assert.NotEqual(first.Str("id"), second.Str("id"));
        Assert.Equal(2, Results.Json(await op.Tools.ListPending()).Items("emails").Count);
    }

    [Fact]
    public async Task ParallelIdenticalToolCallsCreateOneEmail()
    {
        // Models emit parallel tool calls; five identical sends racing over separate connections are still one email.
        await using var sandbox = await MultiMailSandbox.StartAsync();
        using var agent = ToolSession.Agent(sandbox);
        using var op = ToolSession.Operator(sandbox);
        const string Arguments = """{"to": ["bob@example.com"], "subject": "Race", "markdown": "Only once."}""";

        var texts = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => agent.ToolSet.InvokeAsync("send_email", Arguments).AsTask()));

        var answers = texts.Select(Results.Json).ToArray();
        Assert.Single(answers, a => a.Str("status") == "pending_scan");
        Assert.Equal(4, answers.Count(a => a.Str("status") == "already_sent"));
        Assert.Single(answers.Select(a => a.Str("id")).Distinct());
        Assert.Single(Results.Json(await op.Tools.ListPending()).Items("emails"));
        Assert.Single(sandbox.Audited("email.send"));
    }
}
