using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using MultiMail.Sandbox.Tests.Infrastructure;
using Xunit;

namespace MultiMail.Sandbox.Tests;

/// <summary>A file-backed sandbox loses nothing across a restart; in-memory sandboxes are isolated.</summary>
public sealed class PersistenceTests
{
    private const string FixedOversightKey = "mm_test_fixed_oversight_key_0123456789";

    [Fact]
    public async Task ARestartOnTheSameFileKeepsMailApprovalsOutboxAuditAndSigningKey()
    {
        var directory = Directory.CreateTempSubdirectory("mm-sandbox-");
        var path = Path.Combine(directory.FullName, "sandbox.db");
        var time = ManualTimeProvider.StartingAt2026();
        MultiMailSandboxOptions Options() => new() { DatabasePath = path, TimeProvider = time, OversightApiKey = FixedOversightKey, SeedDemoMail = true };
        try
        {
            string mailbox, pending, delivered, inbound, jwk, oldAgentKey;
            string[] auditIds;
            await using (var first = await MultiMailSandbox.StartAsync(Options()))
            {
                Assert.Equal(Path.GetFullPath(path), first.DatabasePath);
                using var agent = first.CreateClient(first.AgentApiKey);
                using var oversight = first.CreateClient(FixedOversightKey);
                mailbox = first.DefaultMailboxId;
                oldAgentKey = first.AgentApiKey;
                jwk = first.SigningKeyJwk;
                pending = (await agent.Post("v1/mailboxes/" + mailbox + "/send", Api.Email(subject: "Waiting"))).Str("id");
                delivered = (await agent.Post("v1/mailboxes/" + mailbox + "/send", Api.Email(subject: "Sent"))).Str("id");
                Assert.Equal(200, (await oversight.Post("v1/oversight/decide", new { email_id = delivered, action = "approve", reason = "fine" })).Status);
                inbound = await first.SimulateInboundAsync(mailbox, new SandboxInboundEmail { From = "carol@example.com", Subject = "Hi", Markdown = "Hello" });
                Assert.Equal(200, (await agent.Put("v1/mailboxes/" + mailbox + "/emails/" + inbound + "/tags", new { tags = new { kept = "yes" } })).Status);
                Assert.Equal(201, (await agent.Post("v1/contacts", new { name = "Carol", email = "carol@example.com" })).Status);
                auditIds = first.GetAuditLog().Select(e => e.Id).ToArray();
            }

            // Only hashes of keys are stored.
            var stored = File.ReadAllBytes(path).Concat(File.Exists(path + "-wal") ? File.ReadAllBytes(path + "-wal") : []).ToArray();
            Assert.Equal(-1, stored.AsSpan().IndexOf(Encoding.ASCII.GetBytes(oldAgentKey)));
            Assert.Equal(-1, stored.AsSpan().IndexOf(Encoding.ASCII.GetBytes(FixedOversightKey)));

            await using (var second = await MultiMailSandbox.StartAsync(Options()))
            {
                Assert.Equal(mailbox, second.DefaultMailboxId);
                Assert.Equal(jwk, second.SigningKeyJwk);
                using var agent = second.CreateClient(second.AgentApiKey);
                using var oversight = second.CreateClient(FixedOversightKey);
                using var stale = second.CreateClient(oldAgentKey);
                Assert.NotEqual(oldAgentKey, second.AgentApiKey);
                Assert.Equal(401, (await stale.Get("v1/mailboxes")).Status);

                var queue = await oversight.Get("v1/oversight/pending");
                Assert.Equal([pending], queue.Json.GetProperty("emails").EnumerateArray().Select(e => e.GetProperty("id").GetString()));
                Assert.Equal(delivered, Assert.Single(second.GetOutbox()).EmailId);
                Assert.Superset(auditIds.ToHashSet(), second.GetAuditLog().Select(e => e.Id).ToHashSet());
                Assert.Equal("yes", (await agent.Get("v1/mailboxes/" + mailbox + "/emails/" + inbound)).Json.GetProperty("tags").GetProperty("kept").GetString());
                Assert.Single((await agent.Get("v1/contacts")).Json.GetProperty("contacts").EnumerateArray());

                // Demo mail is seeded once, on the first start only: 3 demo + 1 simulated inbound + 2 outbound.
                Assert.Equal(6, (await agent.Get("v1/mailboxes/" + mailbox + "/emails?limit=100")).Json.GetProperty("emails").GetArrayLength());

                Assert.Equal("approved_and_sent", (await oversight.Post("v1/oversight/decide", new { email_id = pending, action = "approve" })).Str("status"));
            }

            await using (var third = await MultiMailSandbox.StartAsync(Options()))
            {
                Assert.Equal([delivered, pending], third.GetOutbox().Select(m => m.EmailId));
                Assert.Contains(third.GetAuditLog(), e => e.Action == "oversight.approve" && e.ResourceId == pending);
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task InMemorySandboxesShareNothing()
    {
        await using var a = await TestSandbox.StartAsync();
        await using var b = await TestSandbox.StartAsync();
        await a.SendAsync();
        Assert.Null(a.Sandbox.DatabasePath);
        Assert.NotEqual(a.Sandbox.AgentApiKey, b.Sandbox.AgentApiKey);
        using var foreignKey = b.Sandbox.CreateClient(a.Sandbox.AgentApiKey);
        Assert.Equal(401, (await foreignKey.Get("v1/mailboxes")).Status);
        Assert.Empty((await b.Oversight.Get("v1/oversight/pending")).Json.GetProperty("emails").EnumerateArray());
        Assert.Single((await a.Oversight.Get("v1/oversight/pending")).Json.GetProperty("emails").EnumerateArray());
    }
}
