using System;
using System.Linq;
using System.Threading.Tasks;
using MultiMail.Sandbox.Tests.Infrastructure;
using Xunit;

namespace MultiMail.Sandbox.Tests;

/// <summary><c>idempotency_key</c> (24 h) and the 60-second duplicate-reply check (API.md §5.4).</summary>
public sealed class IdempotencyAndDuplicateTests
{
    [Fact]
    public async Task ASendReplayedWithTheSameKeyAnswers200AndCreatesNothing()
    {
        await using var s = await TestSandbox.StartAsync();
        var path = "v1/mailboxes/" + s.Mailbox + "/send";
        var body = new { to = new[] { "bob@example.com" }, subject = "Invoice", markdown = "Attached.", idempotency_key = "inv-7" };

        var first = await s.Agent.Post(path, body);
        Assert.Equal(202, first.Status);
        var replay = await s.Agent.Post(path, body);
        Assert.Equal(200, replay.Status);
        Assert.Equal(first.Str("id"), replay.Str("id"));
        Assert.Equal("already_sent", replay.Str("status"));
        Assert.True(replay.Json.GetProperty("idempotent").GetBoolean());

        // Even with different content the key wins (it names the operation, not the content).
        var changed = await s.Agent.Post(path, new { to = new[] { "eve@example.com" }, subject = "Other", markdown = "Other", idempotency_key = "inv-7" });
        Assert.Equal(200, changed.Status);
        Assert.Equal(first.Str("id"), changed.Str("id"));

        var outbound = await s.Agent.Get("v1/mailboxes/" + s.Mailbox + "/emails?direction=outbound");
        Assert.Equal(1, outbound.Json.GetProperty("emails").GetArrayLength());
        Assert.Single((await s.Oversight.Get("v1/oversight/pending")).Json.GetProperty("emails").EnumerateArray());

        // The key is remembered for 24 hours, then a new email is created.
        s.Time.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        Assert.Equal(200, (await s.Agent.Post(path, body)).Status);
        s.Time.Advance(TimeSpan.FromSeconds(2));
        var later = await s.Agent.Post(path, body);
        Assert.Equal(202, later.Status);
        Assert.NotEqual(first.Str("id"), later.Str("id"));
    }

    [Fact]
    public async Task ReplyIdempotencyKeysReplayToo()
    {
        await using var s = await TestSandbox.StartAsync();
        var inbound = await s.InboundAsync();
        var path = "v1/mailboxes/" + s.Mailbox + "/reply/" + inbound;
        var first = await s.Agent.Post(path, new { markdown = "On it.", idempotency_key = "r-1" });
        Assert.Equal(202, first.Status);
        var replay = await s.Agent.Post(path, new { markdown = "On it.", idempotency_key = "r-1" });
        Assert.Equal(200, replay.Status);
        Assert.Equal(first.Str("id"), replay.Str("id"));
        Assert.Equal("already_sent", replay.Str("status"));
    }

    [Fact]
    public async Task AnIdenticalReplyWithin60SecondsIs409AndAllowedAfterwards()
    {
        await using var s = await TestSandbox.StartAsync();
        var inbound = await s.InboundAsync(subject: "Where is my order?");
        var path = "v1/mailboxes/" + s.Mailbox + "/reply/" + inbound;

        var first = await s.Agent.Post(path, new { markdown = "It ships today." });
        Assert.Equal(202, first.Status);
        s.Time.Advance(TimeSpan.FromSeconds(59));
        var duplicate = await s.Agent.Post(path, new { markdown = "It ships today." });
        Assert.Equal(409, duplicate.Status);
        Assert.Contains("60 seconds", duplicate.Error, StringComparison.Ordinal);

        // Different content is not a duplicate.
        Assert.Equal(202, (await s.Agent.Post(path, new { markdown = "It ships tomorrow." })).Status);

        s.Time.Advance(TimeSpan.FromSeconds(2));
        var allowed = await s.Agent.Post(path, new { markdown = "It ships today." });
        Assert.Equal(202, allowed.Status);

        var replies = (await s.Agent.Get("v1/mailboxes/" + s.Mailbox + "/emails?direction=outbound")).Json.GetProperty("emails").EnumerateArray().ToArray();
        Assert.Equal(3, replies.Length);
        Assert.All(replies, r => Assert.Equal("Re: Where is my order?", r.GetProperty("subject").GetString()));
        Assert.All(replies, r => Assert.Equal(["carol@example.com"], r.GetProperty("to").EnumerateArray().Select(t => t.GetString())));
        Assert.Contains(s.Sandbox.GetAuditLog(), e => e.Action == "email.reply_duplicate");
    }
}
