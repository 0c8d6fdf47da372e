using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading.Tasks;
using MultiMail.EndToEndTests.Infrastructure;
using MultiMail.Sandbox;

namespace MultiMail.EndToEndTests;

/// <summary>Send quotas: the sandbox's 429 and Retry-After, as the generated tools report them.</summary>
public sealed class QuotaTests
{
    [Fact]
    public async Task OverTheQuotaTheToolSays429AndRetryAfterTheSandboxsRetryAfterSeconds()
    {
        var clock = ManualTimeProvider.StartingNow();
        await using var sandbox = await MultiMailSandbox.StartAsync(new MultiMailSandboxOptions
        {
            TimeProvider = clock,
            SendQuota = new SandboxSendQuota(2, TimeSpan.FromSeconds(120)),
        });
        using var agent = ToolSession.Agent(sandbox);

        Assert.Equal("pending_scan", Results.Json(await agent.Tools.SendEmail(["a@example.com"], "One", "First.")).Str("status"));
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal("pending_scan", Results.Json(await agent.Tools.SendEmail(["a@example.com"], "Two", "Second.")).Str("status"));
        clock.Advance(TimeSpan.FromSeconds(15));

        // The oldest send leaves the 120-second window 95 seconds from now.
        var limited = await agent.ToolSet.InvokeAsync("send_email", """{"to": ["a@example.com"], "subject": "Three", "markdown": "Third."}""");
        Assert.Equal(
            "Error 429 (rate limited): Send quota exceeded: this mailbox may send 2 emails per 120 seconds. Retry after 95 seconds.",
            limited);

        // The same moment over raw HTTP: the number is the sandbox's Retry-After header.
        using (var http = sandbox.CreateClient(sandbox.AgentApiKey))
        using (var raw = await http.PostAsJsonAsync("v1/mailboxes/" + sandbox.DefaultMailboxId + "/send", new { to = new[] { "a@example.com" }, subject = "Raw", markdown = "Raw." }))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, raw.StatusCode);
            Assert.Equal("95", Assert.Single(raw.Headers.GetValues("Retry-After")));
        }

        // Replies count toward the quota.
        var inbound = await sandbox.SimulateInboundAsync(sandbox.DefaultMailboxId, new SandboxInboundEmail { From = "c@example.com", Subject = "Hi", Markdown = "Hi" });
        Assert.StartsWith("Error 429 (rate limited): ", await agent.Tools.ReplyEmail(inbound, "Hello back."), StringComparison.Ordinal);

        // An idempotent replay of an accepted send is not a new send and is still answered.
        Assert.Equal("already_sent", Results.Json(await agent.Tools.SendEmail(["a@example.com"], "One", "First.")).Str("status"));

        Assert.Equal(2, Results.Json(await agent.Tools.CheckInbox(direction: "outbound")).Items("emails").Count);
        Assert.Equal(3, sandbox.Audited("email.send_rate_limited").Count);

        // After exactly the announced wait, the identical call goes through (it was refused, so it has no idempotency record).
        clock.Advance(TimeSpan.FromSeconds(95));
        var retried = Results.Json(await agent.ToolSet.InvokeAsync("send_email", """{"markdown": "Third.", "subject": "Three", "to": ["a@example.com"]}"""));
        Assert.Equal("pending_scan", retried.Str("status"));
        Assert.Equal(3, Results.Json(await agent.Tools.CheckInbox(direction: "outbound")).Items("emails").Count);
    }

    [Fact]
    public async Task SetSendQuotaAppliesToARunningSandboxAndCanBeLifted()
    {
        await using var sandbox = await MultiMailSandbox.StartAsync();
        using var agent = ToolSession.Agent(sandbox);

        Assert.Equal("pending_scan", Results.Json(await agent.Tools.SendEmail(["a@example.com"], "One", "First.")).Str("status"));
        sandbox.SetSendQuota(new SandboxSendQuota(1, TimeSpan.FromHours(1)));

        var limited = await agent.Tools.SendEmail(["a@example.com"], "Two", "Second.");
        Assert.StartsWith("Error 429 (rate limited): Send quota exceeded: this mailbox may send 1 emails per 3600 seconds.", limited, StringComparison.Ordinal);
        var seconds = int.Parse(limited[(limited.LastIndexOf("Retry after ", StringComparison.Ordinal) + 12)..].Split(' ')[0], CultureInfo.InvariantCulture);
        Assert.InRange(seconds, 3590, 3600);
        Assert.EndsWith("Retry after " + seconds + " seconds.", limited, StringComparison.Ordinal);

        sandbox.SetSendQuota(null);
        Assert.Equal("pending_scan", Results.Json(await agent.Tools.SendEmail(["a@example.com"], "Two", "Second.")).Str("status"));
        Assert.Equal(2, Results.Json(await agent.Tools.CheckInbox(direction: "outbound")).Items("emails").Count);
    }
}
