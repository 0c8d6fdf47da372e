using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using MultiMail.Sandbox.Tests.Infrastructure;
using Xunit;

namespace MultiMail.Sandbox.Tests;

/// <summary>Configurable send quotas: 429 with <c>Retry-After</c>.</summary>
public sealed class QuotaTests
{
    [Fact]
    public async Task SendsOverTheQuotaGet429WithRetryAfterUntilTheWindowMoves()
    {
        await using var s = await TestSandbox.StartAsync(o => o.SendQuota = new SandboxSendQuota(2, TimeSpan.FromHours(1)));
        var path = "v1/mailboxes/" + s.Mailbox + "/send";
        Assert.Equal(202, (await s.Agent.Post(path, Api.Email())).Status);
        s.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(202, (await s.Agent.Post(path, new { to = new[] { "x@example.com" }, subject = "2", markdown = "2", idempotency_key = "k2" })).Status);

        var limited = await s.Agent.Post(path, Api.Email());
        Assert.Equal(429, limited.Status);
        Contract.AssertError(limited);
        Assert.Contains("quota", limited.Error, StringComparison.OrdinalIgnoreCase);
        var retryAfter = int.Parse(Assert.Single(limited.Headers.GetValues("Retry-After")), CultureInfo.InvariantCulture);
        Assert.Equal(50 * 60, retryAfter);

        // Replies count too; an idempotent replay is not a new send and is still answered.
        var inbound = await s.InboundAsync();
        Assert.Equal(429, (await s.Agent.Post("v1/mailboxes/" + s.Mailbox + "/reply/" + inbound, new { markdown = "hi" })).Status);
        Assert.Equal(200, (await s.Agent.Post(path, new { to = new[] { "x@example.com" }, subject = "2", markdown = "2", idempotency_key = "k2" })).Status);

        // Other mailboxes have their own window.
        var other = await s.Sandbox.CreateMailboxAsync("other");
        Assert.Equal(202, (await s.Agent.Post("v1/mailboxes/" + other + "/send", Api.Email())).Status);

        s.Time.Advance(TimeSpan.FromSeconds(retryAfter));
        Assert.Equal(202, (await s.Agent.Post(path, Api.Email())).Status);
        Assert.Equal(2, s.Sandbox.GetAuditLog().Count(e => e.Action == "email.send_rate_limited"));

        s.Sandbox.SetSendQuota(null);
        Assert.Equal(202, (await s.Agent.Post(path, Api.Email())).Status);
        Assert.Equal(202, (await s.Agent.Post(path, Api.Email())).Status);
    }
}
