using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using MultiMail.EndToEndTests.Infrastructure;
using MultiMail.EndToEndTests.Tools;
using MultiMail.Identity;
using MultiMail.Sandbox;

namespace MultiMail.EndToEndTests;

/// <summary>Scheduled sends, attachments and upgrade requests: typed arguments the generator writes, checked by the sandbox.</summary>
public sealed class MoreToolTests
{
    [Fact]
    public async Task AScheduledSendIsApprovedFirstAndDeliveredWhenItsTimeComes()
    {
        var clock = ManualTimeProvider.StartingNow();
        await using var sandbox = await MultiMailSandbox.StartAsync(new MultiMailSandboxOptions { TimeProvider = clock });
        using var agent = ToolSession.Agent(sandbox);
        using var op = ToolSession.Operator(sandbox);

        // A local time with an offset: the generated code sends it as UTC ending in Z, as the API requires.
        var at = clock.GetUtcNow().AddHours(2).ToOffset(TimeSpan.FromHours(2));
        var answer = Results.Json(await agent.Tools.SendEmail(["bob@example.com"], "Reminder", "Meeting at three.", sendAt: at));
        Assert.Equal("pending_scan", answer.Str("status"));
        var id = answer.Str("id");

        Assert.Equal("approved", Results.Json(await op.Tools.DecideEmail(id, Decision.Approve)).Str("status"));
        Assert.Equal("scheduled", Results.Json(await agent.Tools.ReadEmail(id)).Str("status"));
        await sandbox.ReleaseDueScheduledEmailsAsync();
        Assert.Empty(sandbox.GetOutbox());

        // Due to the second: a dropped offset would be two hours off.
        clock.Advance(TimeSpan.FromHours(2) - TimeSpan.FromSeconds(1));
        await sandbox.ReleaseDueScheduledEmailsAsync();
        Assert.Empty(sandbox.GetOutbox());
        clock.Advance(TimeSpan.FromSeconds(1));
        await sandbox.ReleaseDueScheduledEmailsAsync();
        var delivered = Assert.Single(sandbox.GetOutbox());
        Assert.Equal(id, delivered.EmailId);
        Assert.Equal(at, delivered.DeliveredAt);
        Assert.True(MultiMailIdentity.Verify(delivered.IdentityHeader, sandbox.SigningKeyJwk).IsValid);

        // A time in the past never reaches a queue.
        var past = await agent.Tools.SendEmail(["bob@example.com"], "Too late", "Yesterday.", sendAt: clock.GetUtcNow().AddMinutes(-5));
        Assert.Equal("Error 400 (invalid request): send_at must be in the future. Fix the arguments and call send_email again.", past);
        Assert.Empty(Results.Json(await op.Tools.ListPending()).Items("emails"));
    }

    [Fact]
    public async Task AttachmentsTravelWithTheEmail()
    {
        await using var sandbox = await MultiMailSandbox.StartAsync();
        using var agent = ToolSession.Agent(sandbox);
        var mailbox = await sandbox.CreateMailboxAsync("reports", SandboxOversightMode.Autonomous);
        var csv = Encoding.UTF8.GetBytes("order,status\n1042,shipped\n");

        var id = Results.Json(await agent.Tools.SendEmail(
            ["bob@example.com"], "Report", "See the attachment.", attachments: [MultiMailAttachment.FromBytes("orders.csv", csv, "text/csv")], mailboxId: mailbox)).Str("id");

        Assert.Equal(new[] { "orders.csv" }, Assert.Single(sandbox.GetOutbox()).AttachmentNames);
        var attachment = Assert.Single(Results.Json(await agent.Tools.ReadEmail(id, mailbox)).Items("attachments"));
        Assert.Equal(("orders.csv", "text/csv", csv.Length), (attachment.Str("name"), attachment.Str("content_type"), attachment.GetProperty("size").GetInt32()));

        // Content that is not base64 is refused by the sandbox and nothing is sent.
        var broken = await agent.Tools.SendEmail(["bob@example.com"], "Broken", "Bad file.", attachments: [new MultiMailAttachment("x.bin", "not base64!", "application/octet-stream")], mailboxId: mailbox);
        Assert.StartsWith("Error 400 (invalid request): ", broken, StringComparison.Ordinal);
        Assert.Single(sandbox.GetOutbox());
    }

    [Fact]
    public async Task AnUpgradeRequestGrantsNothingByItself()
    {
        await using var sandbox = await MultiMailSandbox.StartAsync();
        using var agent = ToolSession.Agent(sandbox);
        using var op = ToolSession.Operator(sandbox);

        var requested = Results.Json(await agent.ToolSet.InvokeAsync("request_upgrade", """{"target_mode": "autonomous"}"""));
        Assert.Equal(("upgrade_requested", "autonomous"), (requested.Str("status"), requested.Str("target_mode")));

        // The code went to the operator (service mail, unsigned); the mailbox is still gated.
        var notice = Assert.Single(sandbox.GetOutbox());
        Assert.Equal("operator_notice", notice.Kind);
        Assert.Equal(new[] { sandbox.OversightEmail }, notice.Recipients);
        Assert.Null(notice.IdentityHeader);
        var mailboxes = Results.Json(await agent.Tools.ListMailboxes()).Items("mailboxes");
        Assert.Equal("gated_send", Assert.Single(mailboxes, m => m.Str("id") == sandbox.DefaultMailboxId).Str("oversight_mode"));

        Assert.Equal("pending_scan", Results.Json(await agent.Tools.SendEmail(["bob@example.com"], "Still gated", "Hello")).Str("status"));
        Assert.Single(Results.Json(await op.Tools.ListPending()).Items("emails"));
        Assert.Empty(sandbox.Deliveries());
    }
}
