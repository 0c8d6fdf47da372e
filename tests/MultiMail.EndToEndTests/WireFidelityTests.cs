using System;
using System.Linq;
using System.Threading.Tasks;
using MultiMail.EndToEndTests.Infrastructure;
using MultiMail.Sandbox;

namespace MultiMail.EndToEndTests;

/// <summary>What the model writes arrives unchanged, in every shape a model writes it.</summary>
public sealed class WireFidelityTests
{
    [Fact]
    public async Task StrictModeNullsAreOmittedAndMeanTheSameCall()
    {
        // OpenAI strict mode sends every property, optional ones as null.
        await using var sandbox = await MultiMailSandbox.StartAsync();
        using var agent = ToolSession.Agent(sandbox);

        var strict = Results.Json(await agent.ToolSet.InvokeAsync(
            "send_email",
            """{"to": ["bob@example.com"], "subject": "Hi", "markdown": "Hello", "cc": null, "attachments": null, "send_at": null, "idempotency_key": null, "mailbox_id": null}"""));
        Assert.Equal("pending_scan", strict.Str("status"));
        var minimal = Results.Json(await agent.ToolSet.InvokeAsync("send_email", """{"to": ["bob@example.com"], "subject": "Hi", "markdown": "Hello"}"""));
        Assert.Equal((strict.Str("id"), "already_sent"), (minimal.Str("id"), minimal.Str("status")));

        var inbox = Results.Json(await agent.ToolSet.InvokeAsync("check_inbox", """{"limit": null, "direction": null, "mailbox_id": null}"""));
        Assert.Equal(strict.Str("id"), Assert.Single(inbox.Items("emails")).Str("id"));
    }

    [Fact]
    public async Task UnicodeAndMarkupRoundTripToTheOutbox()
    {
        await using var sandbox = await MultiMailSandbox.StartAsync();
        using var agent = ToolSession.Agent(sandbox);
        var mailbox = await sandbox.CreateMailboxAsync("intl", SandboxOversightMode.Autonomous);
        const string Subject = "Grüße aus 東京 🚀 — \"quoted\" & <b>bold</b>";
        const string Body = "Line one\nLine two: naïve café, 😀, <script>alert('x')</script>, back\\slash, tab\there.";

        var id = Results.Json(await agent.Tools.SendEmail(["zoë@example.com"], Subject, Body, mailboxId: mailbox)).Str("id");

        var delivered = Assert.Single(sandbox.GetOutbox());
        Assert.Equal(id, delivered.EmailId);
        Assert.Equal(Subject, delivered.Subject);
        Assert.Equal(Body, delivered.Markdown);
        Assert.Equal(new[] { "zoë@example.com" }, delivered.To);
        Assert.Equal(Body, Results.Json(await agent.Tools.ReadEmail(id, mailbox)).Str("markdown"));
    }

    [Fact]
    public async Task AnUnknownMailboxIs404AndAMailboxIdIsOneSegment()
    {
        await using var sandbox = await MultiMailSandbox.StartAsync();
        using var agent = ToolSession.CountedAgent(sandbox);

        Assert.Equal(
            "Error 404 (not found): Mailbox not found. Check the id: list or search first to get a valid one.",
            await agent.ToolSet.InvokeAsync("check_inbox", """{"mailbox_id": "01NOSUCHMAILBOX"}"""));

        // Characters that are legal in a segment but special in a URL are percent-encoded, never interpreted.
        Assert.StartsWith("Error 404 (not found): ", await agent.Tools.ReadEmail("em 1%2F..;x=1"), StringComparison.Ordinal);
        Assert.Equal(
            "GET /v1/mailboxes/" + sandbox.DefaultMailboxId + "/emails/em%201%252F..%3Bx%3D1",
            agent.Transport!.Requests.Last());
    }
}
