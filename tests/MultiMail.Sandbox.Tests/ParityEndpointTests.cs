using System;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using MultiMail.Sandbox.Tests.Infrastructure;
using Xunit;

namespace MultiMail.Sandbox.Tests;

/// <summary>
/// The endpoints issue 15's catalog operations call (the rest of the vendor's MCP server): the account, usage, spam, the
/// suppression list and webhooks. Responses SPEC documents are validated against it; the approval-code steps follow
/// API.md §4.
/// </summary>
public sealed class ParityEndpointTests
{
    private const string Account = "/v1/account";

    private static string LatestApprovalCode(TestSandbox s, string to) =>
        Regex.Match(s.Sandbox.GetOutbox().Last(m => m.Kind == "operator_notice" && m.Subject.StartsWith("Approval needed", StringComparison.Ordinal) && m.To.Contains(to)).Markdown, @"code \(valid 24 hours\): (\S+)").Groups[1].Value;

    [Fact]
    public async Task The_account_is_read_and_renamed_and_its_oversight_address_moves_only_with_the_operator_s_code()
    {
        await using var s = await TestSandbox.StartAsync();
        var account = await s.Agent.Get("v1/account");
        Contract.AssertMatches(account, "GET", Account);
        Assert.Equal("operator@example.com", account.Str("oversight_email"));
        Assert.Equal("scale", account.Str("plan"));

        Assert.Equal(403, (await s.Agent.Patch("v1/account", new { name = "Agent's idea" })).Status);
        Assert.Equal(400, (await s.Admin.Patch("v1/account", new { name = "x", nickname = "y" })).Status);
        var renamed = await s.Admin.Patch("v1/account", Contract.ValidRequest("PATCH", Account, new { name = "Acme", physical_address = "1 Main St, Springfield" }));
        Contract.AssertMatches(renamed, "PATCH", Account);
        Assert.Equal("Acme", (await s.Agent.Get("v1/account")).Str("name"));
        Assert.Equal("1 Main St, Springfield", (await s.Agent.Get("v1/account")).Str("physical_address"));

        // A new oversight address: the code goes to the current one, and nothing changes until it is given.
        var pending = await s.Admin.Patch("v1/account", new { oversight_email = "attacker@example.net" });
        Assert.Equal(202, pending.Status);
        Assert.Equal("pending_approval", pending.Str("status"));
        Assert.Equal("operator@example.com", (await s.Agent.Get("v1/account")).Str("oversight_email"));
        var code = LatestApprovalCode(s, "operator@example.com");
        Assert.Equal(403, (await s.Admin.Patch("v1/account", new { oversight_email = "attacker@example.net", approval_code = "AAA-AAA" })).Status);
        Assert.Equal(409, (await s.Admin.Patch("v1/account", new { oversight_email = "other@example.net", approval_code = code })).Status);

        // The right code for the address it was issued for.
        await s.Admin.Patch("v1/account", new { oversight_email = "ops@example.com" });
        code = LatestApprovalCode(s, "operator@example.com");
        var moved = await s.Admin.Patch("v1/account", new { oversight_email = "ops@example.com", approval_code = code });
        Assert.Equal(200, moved.Status);
        Assert.Equal("ops@example.com", (await s.Agent.Get("v1/account")).Str("oversight_email"));
        Assert.Equal(404, (await s.Admin.Patch("v1/account", new { oversight_email = "ops2@example.com", approval_code = code })).Status);   // used

        // Operator notices now go to the new address (upgrade codes included).
        await s.Agent.Post("v1/mailboxes/" + s.Mailbox + "/request-upgrade", new { target_mode = "monitored" });
        Assert.Contains("ops@example.com", s.Sandbox.GetOutbox().Last(m => m.Kind == "operator_notice").To);
        Assert.Contains(s.Sandbox.GetAuditLog(), e => e.Action == "account.update");
    }

    [Fact]
    public async Task Deleting_the_account_needs_the_operator_s_code_and_then_revokes_every_key()
    {
        await using var s = await TestSandbox.StartAsync();
        Assert.Equal(403, (await s.Agent.Delete("v1/account")).Status);
        var pending = await s.Admin.Delete("v1/account");
        Assert.Equal(202, pending.Status);
        Assert.Equal("pending_approval", pending.Str("status"));
        Assert.Equal(200, (await s.Agent.Get("v1/account")).Status);

        // Five wrong codes void the request; the real code no longer works then.
        var code = LatestApprovalCode(s, "operator@example.com");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(403, (await s.Admin.Call(System.Net.Http.HttpMethod.Delete, "v1/account", new { approval_code = "WRO-NG" + i })).Status);
        }

        Assert.Equal(404, (await s.Admin.Call(System.Net.Http.HttpMethod.Delete, "v1/account", new { approval_code = code })).Status);

        await s.Admin.Delete("v1/account");
        code = LatestApprovalCode(s, "operator@example.com");
        var deleted = await s.Admin.Call(System.Net.Http.HttpMethod.Delete, "v1/account", Contract.ValidRequest("DELETE", Account, new { approval_code = code }));
        Contract.AssertMatches(deleted, "DELETE", Account);
        Assert.Equal("deleted", deleted.Str("status"));
        foreach (var client in new[] { s.Agent, s.Admin, s.Oversight })
        {
            Assert.Equal(401, (await client.Get("v1/mailboxes")).Status);
        }
    }

    [Fact]
    public async Task Usage_counts_mail_decisions_and_calls_in_the_period()
    {
        await using var s = await TestSandbox.StartAsync();
        await s.InboundAsync();
        var sent = await s.SendAsync();
        await s.DecideAsync(sent, "approve");

        var summary = await s.Agent.Get("v1/usage");
        Contract.AssertMatches(summary, "GET", "/v1/usage");
        Assert.Equal(1, summary.Json.GetProperty("emails_sent").GetInt64());
        Assert.Equal(1, summary.Json.GetProperty("emails_received").GetInt64());
        Assert.Equal(1, summary.Json.GetProperty("oversight_actions").GetInt64());
        Assert.True(summary.Json.GetProperty("api_calls").GetInt64() >= 2);

        var daily = await s.Agent.Get("v1/usage?period=daily");
        Contract.AssertMatches(daily, "GET", "/v1/usage");
        Assert.Equal("daily", daily.Str("breakdown"));
        Assert.Contains(daily.Json.GetProperty("data").EnumerateArray(), d => d.GetProperty("event_type").GetString() == "email.received" && d.GetProperty("date").GetString() == "2026-03-02");
        Assert.Equal("daily", (await s.Agent.Get("v1/usage?breakdown=daily")).Str("breakdown"));

        var later = s.Time.GetUtcNow().AddDays(1).ToUnixTimeMilliseconds();
        Assert.Equal(0, (await s.Agent.Get("v1/usage?from=" + later + "&to=" + (later + 1000))).Json.GetProperty("emails_sent").GetInt64());
        Assert.Equal(400, (await s.Agent.Get("v1/usage?period=weekly")).Status);
        Assert.Equal(400, (await s.Agent.Get("v1/usage?from=5&to=4")).Status);
        Assert.Equal(400, (await s.Agent.Get("v1/usage?from=yesterday")).Status);
    }

    [Fact]
    public async Task Spam_is_reported_listed_and_cleared_for_inbound_mail_only()
    {
        await using var s = await TestSandbox.StartAsync();
        var inbound = await s.InboundAsync(subject: "Cheap watches");
        var reported = await s.Agent.Post("v1/emails/" + inbound + "/report-spam");
        Contract.AssertMatches(reported, "POST", "/v1/emails/{id}/report-spam");
        Assert.Equal("spam_quarantined", reported.Str("status"));
        Assert.Equal("spam", reported.Str("user_label"));
        Assert.Equal("spam_quarantined", (await s.Agent.Post("v1/emails/" + inbound + "/report-spam")).Str("status"));   // idempotent

        var list = await s.Agent.Get("v1/emails");
        Contract.AssertMatches(list, "GET", "/v1/emails");
        Assert.Equal(inbound, Assert.Single(list.Json.GetProperty("emails").EnumerateArray()).GetProperty("id").GetString());
        Assert.Empty((await s.Agent.Get("v1/emails?status=spam_flagged")).Json.GetProperty("emails").EnumerateArray());
        Assert.Equal(400, (await s.Agent.Get("v1/emails?status=unread")).Status);
        Assert.Equal(400, (await s.Agent.Get("v1/emails?limit=0")).Status);

        var cleared = await s.Agent.Post("v1/emails/" + inbound + "/not-spam");
        Contract.AssertMatches(cleared, "POST", "/v1/emails/{id}/not-spam");
        Assert.Equal("unread", cleared.Str("status"));
        Assert.Empty((await s.Agent.Get("v1/emails")).Json.GetProperty("emails").EnumerateArray());

        Assert.Equal(409, (await s.Agent.Post("v1/emails/" + await s.SendAsync() + "/report-spam")).Status);
        Assert.Equal(404, (await s.Agent.Post("v1/emails/em_nope/report-spam")).Status);
        Assert.Equal(403, (await s.Oversight.Post("v1/emails/" + inbound + "/report-spam")).Status);

        // Mail held for the operator is as unknown here as anywhere else.
        await s.Sandbox.SetOversightModeAsync(s.Mailbox, SandboxOversightMode.GatedAll);
        var held = await s.InboundAsync(subject: "Held");
        Assert.Equal(404, (await s.Agent.Post("v1/emails/" + held + "/report-spam")).Status);
    }

    [Fact]
    public async Task Suppressed_addresses_are_listed_and_removed_with_an_admin_key()
    {
        await using var s = await TestSandbox.StartAsync();
        await s.Sandbox.SuppressAsync("bounced@example.com");
        await s.Sandbox.SuppressAsync("complained@example.com", "spam_complaint");

        var list = await s.Admin.Get("v1/suppression?limit=1");
        Contract.AssertMatches(list, "GET", "/v1/suppression", Strictness.Strict(mayAdd: ["$.cursor"]));
        Assert.Equal("complained@example.com", Assert.Single(list.Json.GetProperty("suppressions").EnumerateArray()).GetProperty("email_address").GetString());
        var next = await s.Admin.Get("v1/suppression?limit=1&cursor=" + list.Str("cursor"));
        Assert.Equal("bounced@example.com", Assert.Single(next.Json.GetProperty("suppressions").EnumerateArray()).GetProperty("email_address").GetString());

        Assert.Equal(403, (await s.Agent.Get("v1/suppression")).Status);
        Assert.Equal(403, (await s.Agent.Delete("v1/suppression/bounced@example.com")).Status);
        var removed = await s.Admin.Delete("v1/suppression/BOUNCED@example.com");
        Contract.AssertMatches(removed, "DELETE", "/v1/suppression/{address}");
        Assert.Equal(404, (await s.Admin.Delete("v1/suppression/bounced@example.com")).Status);
        Assert.Single((await s.Admin.Get("v1/suppression")).Json.GetProperty("suppressions").EnumerateArray());
        await Assert.ThrowsAsync<ArgumentException>(() => s.Sandbox.SuppressAsync("not an address"));
    }

    [Fact]
    public async Task Webhooks_are_created_listed_without_secrets_and_deleted()
    {
        await using var s = await TestSandbox.StartAsync();
        var created = await s.Admin.Post("v1/webhooks", Contract.ValidRequest("POST", "/v1/webhooks", new { url = "https://hooks.example.com/mm", events = new[] { "message.received", "oversight.pending" }, mailbox_id = s.Mailbox }));
        Contract.AssertMatches(created, "POST", "/v1/webhooks");
        Assert.StartsWith("whsec_", created.Str("signing_secret"));
        var id = created.Str("id");

        var list = await s.Admin.Get("v1/webhooks");
        Contract.AssertMatches(list, "GET", "/v1/webhooks");
        Assert.DoesNotContain("whsec_", list.Text);
        Assert.Equal(created.Str("signing_secret"), (await s.Admin.Get("v1/webhooks/" + id)).Str("signing_secret"));

        Assert.Equal(400, (await s.Admin.Post("v1/webhooks", new { url = "http://hooks.example.com/mm", events = new[] { "message.received" } })).Status);
        Assert.Equal(400, (await s.Admin.Post("v1/webhooks", new { url = "https://hooks.example.com/mm", events = new[] { "message.exploded" } })).Status);
        Assert.Equal(400, (await s.Admin.Post("v1/webhooks", new { url = "https://hooks.example.com/mm", events = Array.Empty<string>() })).Status);
        Assert.Equal(404, (await s.Admin.Post("v1/webhooks", new { url = "https://hooks.example.com/mm", events = new[] { "message.sent" }, mailbox_id = "mbx_nope" })).Status);
        Assert.Equal(403, (await s.Agent.Post("v1/webhooks", new { url = "https://hooks.example.com/mm", events = new[] { "message.sent" } })).Status);

        var deleted = await s.Admin.Delete("v1/webhooks/" + id);
        Contract.AssertMatches(deleted, "DELETE", "/v1/webhooks/{id}");
        Assert.Equal(404, (await s.Admin.Delete("v1/webhooks/" + id)).Status);
        Assert.Empty((await s.Admin.Get("v1/webhooks")).Json.GetProperty("subscriptions").EnumerateArray());
    }
}
