using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using MultiMail.Sandbox.Tests.Infrastructure;
using Xunit;

namespace MultiMail.Sandbox.Tests;

/// <summary>Keys, scopes, 401/403, and that no key is ever echoed back.</summary>
public sealed class AuthTests
{
    [Fact]
    public async Task MissingAndUnknownKeysGet401WithoutEchoingTheKey()
    {
        await using var s = await TestSandbox.StartAsync();
        var missing = await s.Anonymous.Get("v1/mailboxes");
        Assert.Equal(401, missing.Status);
        Contract.AssertError(missing);

        const string Guess = "mm_test_guessed0123456789abcdef";
        using var wrongBearer = s.Sandbox.CreateClient(Guess);
        using var wrongHeader = new HttpClient { BaseAddress = s.Sandbox.BaseAddress };
        wrongHeader.DefaultRequestHeaders.Add("X-API-Key", Guess);
        foreach (var client in new[] { wrongBearer, wrongHeader })
        {
            var response = await client.Get("v1/mailboxes");
            Assert.Equal(401, response.Status);
            Contract.AssertError(response);
            Assert.DoesNotContain(Guess, response.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("guessed", response.Text, StringComparison.Ordinal);
        }

        // A scheme other than Bearer is not a key.
        using var basic = new HttpClient { BaseAddress = s.Sandbox.BaseAddress };
        basic.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", s.Sandbox.AgentApiKey);
        Assert.Equal(401, (await basic.Get("v1/mailboxes")).Status);
    }

    [Fact]
    public async Task BothBearerAndXApiKeyAreAccepted()
    {
        await using var s = await TestSandbox.StartAsync();
        using var header = new HttpClient { BaseAddress = s.Sandbox.BaseAddress };
        header.DefaultRequestHeaders.Add("X-API-Key", s.Sandbox.AgentApiKey);
        Assert.Equal(200, (await header.Get("v1/mailboxes")).Status);
        Assert.Equal(200, (await s.Agent.Get("v1/mailboxes")).Status);
    }

    [Fact]
    public async Task ScopesAreEnforcedPerEndpoint()
    {
        await using var s = await TestSandbox.StartAsync();
        var id = await s.SendAsync();
        var mailbox = "v1/mailboxes/" + s.Mailbox;

        var cases = new (HttpClient Client, HttpMethod Method, string Path, object? Body, int Expected, string? Message)[]
        {
            (s.Agent, HttpMethod.Post, "v1/oversight/decide", new { email_id = id, action = "approve" }, 403, "Requires oversight scope"),
            (s.Agent, HttpMethod.Get, "v1/oversight/pending", null, 403, "Requires oversight scope"),
            (s.Agent, HttpMethod.Get, "v1/audit-log", null, 403, "Requires admin scope"),
            (s.Agent, HttpMethod.Post, "v1/mailboxes", new { address_local = "x" }, 403, "Requires admin scope"),
            (s.Agent, HttpMethod.Post, "sandbox/v1/mailboxes/" + s.Mailbox + "/inbound", new { from = "a@example.com", subject = "s", markdown = "m" }, 403, "Requires admin scope"),
            (s.Oversight, HttpMethod.Post, mailbox + "/send", Api.Email(), 403, "Requires send scope"),
            (s.Oversight, HttpMethod.Get, mailbox + "/emails", null, 403, "Requires read scope"),
            (s.Admin, HttpMethod.Post, mailbox + "/send", Api.Email(), 403, "Requires send scope"),
            (s.Admin, HttpMethod.Post, "v1/oversight/decide", new { email_id = id, action = "approve" }, 403, "Requires oversight scope"),
            (s.Admin, HttpMethod.Get, mailbox + "/emails", null, 200, null),
            (s.Oversight, HttpMethod.Get, "v1/oversight/pending", null, 200, null),
            (s.Agent, HttpMethod.Get, mailbox + "/emails", null, 200, null),
        };
        foreach (var (client, method, path, body, expected, message) in cases)
        {
            var response = await client.Call(method, path, body);
            Assert.True(expected == response.Status, method + " " + path + " → " + response);
            if (message is not null)
            {
                Assert.Equal(message, response.Error);
            }
        }

        Assert.Equal("pending_send_approval", (await s.ReadAsync(id)).Str("status"));
        var forbidden = s.Sandbox.GetAuditLog().Where(e => e.Action == "auth.forbidden").ToArray();
        Assert.Equal(cases.Count(c => c.Expected == 403), forbidden.Length);
        Assert.Contains(forbidden, e => e.ActorKeyId == "key_agent" && e.ResourceId == "POST /v1/oversight/decide");
    }

    [Fact]
    public async Task AKeyCanNeverHoldBothSendAndOversight()
    {
        await using var s = await TestSandbox.StartAsync();
        var both = await s.Admin.Post("v1/api-keys", new { name = "self-approver", scopes = new[] { "send", "oversight" } });
        Assert.Equal(400, both.Status);
        Assert.Contains("both send and oversight", both.Error, StringComparison.Ordinal);

        var agent = await s.Admin.Post("v1/api-keys", new { name = "agent 2", scopes = new[] { "read", "send" } });
        Assert.Equal(201, agent.Status);
        var widen = await s.Admin.Patch("v1/api-keys/" + agent.Str("id"), new { scopes = new[] { "read", "send", "oversight" } });
        Assert.Equal(400, widen.Status);
        Assert.Contains("both send and oversight", widen.Error, StringComparison.Ordinal);

        Assert.Equal(400, (await s.Admin.Post("v1/api-keys", new { name = "odd", scopes = new[] { "superuser" } })).Status);

        // A live key must never be configured into the sandbox.
        var live = await Assert.ThrowsAsync<ArgumentException>(() => MultiMailSandbox.StartAsync(new MultiMailSandboxOptions { AgentApiKey = "mm_live_0123456789abcdef0123" }));
        Assert.Contains("mm_test_", live.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreatedKeysWorkWithTheirScopesAndRevokedKeysStopWorking()
    {
        await using var s = await TestSandbox.StartAsync();
        var created = await s.Admin.Post("v1/api-keys", new { name = "reader" });
        Assert.Equal(["read"], created.Json.GetProperty("scopes").EnumerateArray().Select(e => e.GetString()));
        var raw = created.Str("api_key");
        Assert.StartsWith("mm_test_", raw, StringComparison.Ordinal);
        Assert.StartsWith(created.Str("prefix"), raw, StringComparison.Ordinal);

        using var reader = s.Sandbox.CreateClient(raw);
        Assert.Equal(200, (await reader.Get("v1/mailboxes")).Status);
        Assert.Equal(403, (await reader.Post("v1/mailboxes/" + s.Mailbox + "/send", Api.Email())).Status);

        var listed = await s.Admin.Get("v1/api-keys");
        Assert.DoesNotContain(raw, listed.Text, StringComparison.Ordinal);
        Assert.Contains(listed.Json.GetProperty("api_keys").EnumerateArray(), k => k.GetProperty("id").GetString() == created.Str("id") && k.GetProperty("last_used_at").ValueKind == System.Text.Json.JsonValueKind.String);

        Assert.Equal(200, (await s.Admin.Delete("v1/api-keys/" + created.Str("id"))).Status);
        Assert.Equal(401, (await reader.Get("v1/mailboxes")).Status);
    }

    [Fact]
    public async Task NoResponseOrAuditEntryEverContainsAKey()
    {
        await using var s = await TestSandbox.StartAsync();
        var keys = new[] { s.Sandbox.AgentApiKey, s.Sandbox.OversightApiKey, s.Sandbox.AdminApiKey };
        var bodies = new List<string>();
        async Task Record(Task<ApiResponse> call) => bodies.Add((await call).Text);

        var id = await s.SendAsync();
        await Record(s.Agent.Get("v1/mailboxes"));
        await Record(s.Agent.Get("v1/mailboxes/" + s.Mailbox + "/emails"));
        await Record(s.Agent.Post("v1/oversight/decide", new { email_id = id, action = "approve" }));
        await Record(s.Oversight.Post("v1/mailboxes/" + s.Mailbox + "/send", Api.Email()));
        await Record(s.DecideAsync(id, "approve"));
        await Record(s.Admin.Get("v1/api-keys"));
        await Record(s.Admin.Get("v1/audit-log?limit=100"));
        await Record(s.Admin.Get("sandbox/v1/outbox"));
        await Record(s.Anonymous.Get("v1/mailboxes"));
        await Record(s.Anonymous.Get("/"));

        foreach (var body in bodies)
        {
            foreach (var key in keys)
            {
                Assert.DoesNotContain(key, body, StringComparison.Ordinal);
            }
        }

        Assert.All(s.Sandbox.GetAuditLog(), e => Assert.DoesNotContain(e.ActorKeyId, keys));
    }
}
