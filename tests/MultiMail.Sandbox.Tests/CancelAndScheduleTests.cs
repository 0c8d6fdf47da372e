using System;
using System.Linq;
using System.Threading.Tasks;
using MultiMail.Sandbox.Tests.Infrastructure;
using Xunit;

namespace MultiMail.Sandbox.Tests;

/// <summary>Cancellation rules (API.md §2.3) and scheduled sends with <c>send_at</c>/<c>gate_timing</c> (§4).</summary>
public sealed class CancelAndScheduleTests
{
    private static object Scheduled(string sendAt, string? gateTiming = null) =>
        new { to = new[] { "bob@example.com" }, subject = "Later", markdown = "Scheduled body", send_at = sendAt, gate_timing = gateTiming };

    [Fact]
    public async Task PendingMailCanBeCancelledOnceAndIsNeverDelivered()
    {
        await using var s = await TestSandbox.StartAsync();
        var id = await s.SendAsync();
        var cancel = "v1/mailboxes/" + s.Mailbox + "/emails/" + id + "/cancel";

        var first = await s.Agent.Post(cancel);
        Assert.Equal(200, first.Status);
        Assert.Equal("cancelled", first.Str("status"));
        Assert.Equal(id, first.Str("id"));
        var again = await s.Agent.Post(cancel);
        Assert.Equal(200, again.Status);
        Assert.Equal("cancelled", again.Str("status"));

        Assert.Equal(409, (await s.DecideAsync(id, "approve")).Status);
        Assert.Empty((await s.Oversight.Get("v1/oversight/pending")).Json.GetProperty("emails").EnumerateArray());
        Assert.Empty(s.Sandbox.GetOutbox());
        Assert.Single(s.Sandbox.GetAuditLog(), e => e.Action == "email.cancel");
    }

    [Fact]
    public async Task DeliveredRejectedAndUnknownMailCannotBeCancelled()
    {
        await using var s = await TestSandbox.StartAsync();
        var delivered = await s.SendAsync();
        await s.DecideAsync(delivered, "approve");
        var rejected = await s.SendAsync();
        await s.DecideAsync(rejected, "reject");
        var inbound = await s.InboundAsync();

        foreach (var id in new[] { delivered, rejected, inbound })
        {
            var response = await s.Agent.Post("v1/mailboxes/" + s.Mailbox + "/emails/" + id + "/cancel");
            Assert.Equal(409, response.Status);
            Contract.AssertError(response);
        }

        Assert.Equal(404, (await s.Agent.Post("v1/mailboxes/" + s.Mailbox + "/emails/em_nope/cancel")).Status);
        var other = await s.Sandbox.CreateMailboxAsync("other");
        Assert.Equal(404, (await s.Agent.Post("v1/mailboxes/" + other + "/emails/" + delivered + "/cancel")).Status);
        Assert.Equal("archived", (await s.ReadAsync(delivered)).Str("status"));
    }

    [Fact]
    public async Task HeldInboundMailIsNotTheAgentsToCancelAndNeverAppearsUntilApproved()
    {
        // Issue 11, finding 6: the agent cannot see held inbound mail, so it cannot cancel it out of the operator's queue.
        await using var s = await TestSandbox.StartAsync();
        var mailbox = await s.Sandbox.CreateMailboxAsync("strict", SandboxOversightMode.GatedAll);
        var held = await s.InboundAsync(mailbox);
        var response = await s.Agent.Post("v1/mailboxes/" + mailbox + "/emails/" + held + "/cancel");
        Assert.Equal(404, response.Status);
        Assert.Equal(0, (await s.Agent.Get("v1/mailboxes/" + mailbox + "/emails")).Json.GetProperty("emails").GetArrayLength());
        Assert.Equal("rejected", (await s.DecideAsync(held, "reject")).Str("status"));
        Assert.Equal(0, (await s.Agent.Get("v1/mailboxes/" + mailbox + "/emails")).Json.GetProperty("emails").GetArrayLength());
    }

    [Fact]
    public async Task AutonomousScheduledMailIsDeliveredWhenDueAndCanBeCancelledBefore()
    {
        await using var s = await TestSandbox.StartAsync();
        var mailbox = await s.Sandbox.CreateMailboxAsync("free", SandboxOversightMode.Autonomous);
        var id = await s.SendAsync(mailbox, Scheduled("2026-03-02T10:00:00Z"));
        var cancelled = await s.SendAsync(mailbox, Scheduled("2026-03-02T10:00:00Z"));
        Assert.Equal("scheduled", (await s.ReadAsync(id, mailbox)).Str("status"));
        Assert.Equal(200, (await s.Agent.Post("v1/mailboxes/" + mailbox + "/emails/" + cancelled + "/cancel")).Status);

        Assert.Equal(0, await s.Sandbox.ReleaseDueScheduledEmailsAsync());
        Assert.Empty(s.Sandbox.GetOutbox());
        s.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await s.Sandbox.ReleaseDueScheduledEmailsAsync());
        Assert.Equal("archived", (await s.ReadAsync(id, mailbox)).Str("status"));
        Assert.Equal(id, Assert.Single(s.Sandbox.GetOutbox()).EmailId);
    }

    [Fact]
    public async Task GateFirstApprovesBeforeTheScheduleAndScheduleFirstAsksWhenDue()
    {
        await using var s = await TestSandbox.StartAsync();
        var gateFirst = await s.SendAsync(body: Scheduled("2026-03-02T10:00:00Z", "gate_first"));
        var scheduleFirst = await s.SendAsync(body: Scheduled("2026-03-02T10:00:00Z", "schedule_first"));
        Assert.Equal("pending_send_approval", (await s.ReadAsync(gateFirst)).Str("status"));
        Assert.Equal("scheduled", (await s.ReadAsync(scheduleFirst)).Str("status"));

        var approved = await s.DecideAsync(gateFirst, "approve");
        Assert.Equal("approved", approved.Str("status"));
        Assert.Equal("scheduled", (await s.ReadAsync(gateFirst)).Str("status"));
        Assert.Equal(409, (await s.DecideAsync(scheduleFirst, "approve")).Status);

        s.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(2, await s.Sandbox.ReleaseDueScheduledEmailsAsync());
        Assert.Equal("archived", (await s.ReadAsync(gateFirst)).Str("status"));
        Assert.Equal("pending_send_approval", (await s.ReadAsync(scheduleFirst)).Str("status"));
        Assert.Equal("approved_and_sent", (await s.DecideAsync(scheduleFirst, "approve")).Str("status"));
        Assert.Equal([gateFirst, scheduleFirst], s.Sandbox.GetOutbox().Select(m => m.EmailId));
    }

    [Fact]
    public async Task ScheduledMailOfAMailboxMadeReadOnlyFailsInsteadOfSending()
    {
        await using var s = await TestSandbox.StartAsync();
        var mailbox = await s.Sandbox.CreateMailboxAsync("free", SandboxOversightMode.Autonomous);
        var id = await s.SendAsync(mailbox, Scheduled("2026-03-02T10:00:00Z"));
        Assert.Equal(200, (await s.Admin.Patch("v1/mailboxes/" + mailbox, new { oversight_mode = "read_only" })).Status);
        s.Time.Advance(TimeSpan.FromHours(2));
        await s.Sandbox.ReleaseDueScheduledEmailsAsync();
        Assert.Equal("send_failed", (await s.ReadAsync(id, mailbox)).Str("status"));
        Assert.Empty(s.Sandbox.GetOutbox());
    }

    [Fact]
    public async Task TheBackgroundSweepReleasesDueMailWithoutHelp()
    {
        await using var s = await TestSandbox.StartAsync();
        var mailbox = await s.Sandbox.CreateMailboxAsync("free", SandboxOversightMode.Autonomous);
        var id = await s.SendAsync(mailbox, Scheduled("2026-03-02T09:00:01Z"));
        s.Time.Advance(TimeSpan.FromSeconds(5));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (s.Sandbox.GetOutbox().Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(id, Assert.Single(s.Sandbox.GetOutbox()).EmailId);
    }
}
