using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using MultiMail.Sandbox;
using MultiMail.TestSupport;

namespace MultiMail.Samples.Tests;

/// <summary>
/// samples/McpServer (the vendor's MCP server rebuilt with the generator), started as a child process and used over
/// stdio the way an MCP client configured for the vendor's server would: every tool listed under the vendor's name with
/// the vendor's arguments, and every tool called against a sandbox. The server is the NativeAOT binary when
/// <c>MULTIMAIL_MCPSERVER_AOT</c> names one (./test.sh publishes it first), else the built dll.
/// </summary>
public sealed class McpServerSampleTests
{
    private const string AotVariable = "MULTIMAIL_MCPSERVER_AOT";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Lists_the_vendor_s_tools_with_its_arguments_and_calls_every_one_against_the_sandbox()
    {
        await using var sandbox = await MultiMailSandbox.StartAsync();
        var world = await World.SeedAsync(sandbox);
        using var timeout = new CancellationTokenSource(Timeout);
        var stderr = new ConcurrentQueue<string>();

        await using (var client = await StartAsync(sandbox, world.AgentKey, stderr, timeout.Token))
        {
            Assert.Equal("multimail", client.ServerInfo?.Name);
            var tools = await client.ListToolsAsync(cancellationToken: timeout.Token);
            CheckVendorSchemas(tools);

            var calls = new Calls(client, timeout.Token);
            await CallEmailTools(calls, sandbox, world);
            await CallMailboxAndAccountTools(calls, sandbox, world);
            await CallAdminTools(calls, sandbox, world);

            // The agent's key cannot approve (no key holds both send and oversight): the oversight tools answer 403.
            Assert.Contains("403", await calls.Text("list_pending"));
            Assert.Contains("403", await calls.Text("decide_email", new() { ["email_id"] = world.SentId!, ["action"] = "approve" }));
            Assert.Equal(VendorTools.Served.Count(), calls.Called.Count + 2);
        }

        // The operator's key, in a second server: the queue and a decision.
        await using (var oversight = await StartAsync(sandbox, sandbox.OversightApiKey, stderr, timeout.Token))
        {
            var calls = new Calls(oversight, timeout.Token);
            Assert.Contains(world.SentId!, await calls.Ok("list_pending"));
            Assert.Contains("approved", await calls.Ok("decide_email", new() { ["email_id"] = world.SentId!, ["action"] = "approve", ["reason"] = "fine" }));
        }

        Assert.Contains(sandbox.GetOutbox(), m => m.EmailId == world.SentId && m.Kind == "delivery");
        Assert.Contains(stderr, line => line.StartsWith("MultiMail MCP server (stdio). Email: MultiMail API at " + sandbox.BaseAddress, StringComparison.Ordinal));
        Assert.Contains(stderr, line => Regex.IsMatch(line, @"^startup: \d+ ms from process start to the first tools/list answer \(41 tools; \d+ ms from Main\)$"));
        Assert.DoesNotContain(stderr, line => line.Contains(world.AgentKey, StringComparison.Ordinal) || line.Contains(sandbox.OversightApiKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_key_the_built_server_serves_a_sandbox_of_its_own()
    {
        if (Environment.GetEnvironmentVariable(AotVariable) is { Length: > 0 })
        {
            return;   // the NativeAOT build has no in-process sandbox (see samples/McpServer/README.md); the dll is covered in the normal run
        }

        var stderr = new ConcurrentQueue<string>();
        using var timeout = new CancellationTokenSource(Timeout);
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "multimail-samples",
            Command = DotnetHost(),
            Arguments = [ServerPath()],
            EnvironmentVariables = new Dictionary<string, string?> { ["MULTIMAIL_API_KEY"] = string.Empty, ["MULTIMAIL_MAILBOX_ID"] = string.Empty, ["MULTIMAIL_API_URL"] = string.Empty },
            StandardErrorLines = stderr.Enqueue,
        });
        await using var client = await McpClient.CreateAsync(transport, cancellationToken: timeout.Token);

        var tools = await client.ListToolsAsync(cancellationToken: timeout.Token);
        Assert.Equal(41, tools.Count);
        var calls = new Calls(client, timeout.Token);
        Assert.Contains("Contract renewal: signature needed by Friday", await calls.Ok("check_inbox", new() { ["limit"] = 10 }));
        Assert.Contains("api_keys", await calls.Ok("list_api_keys"));   // the sample's own key may administer
        Assert.Contains(stderr, line => line.Contains("local MultiMail sandbox", StringComparison.Ordinal));
        Assert.DoesNotContain(stderr, line => Regex.IsMatch(line, "mm_(test|live)_[0-9a-zA-Z]{16,}"));   // key prefixes only, never a key
    }

    /// <summary>Every served tool is listed once, with the vendor's arguments (ours may add optional ones) and the same required ones.</summary>
    private static void CheckVendorSchemas(IList<McpClientTool> tools)
    {
        Assert.Equal(VendorTools.Served.Select(t => t.Name).OrderBy(n => n), tools.Select(t => t.Name).OrderBy(n => n));
        foreach (var vendor in VendorTools.Served)
        {
            var tool = tools.Single(t => t.Name == vendor.Name);
            Assert.False(string.IsNullOrWhiteSpace(tool.Description));
            var schema = tool.ProtocolTool.InputSchema;
            var properties = schema.TryGetProperty("properties", out var p) ? p.EnumerateObject().Select(x => x.Name).ToList() : [];
            var required = schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(x => x.GetString()!).ToList() : [];
            Assert.All(vendor.ArgumentNames, a => Assert.True(properties.Contains(a), vendor.Name + " has no argument " + a));
            Assert.Equal(vendor.RequiredArguments.OrderBy(a => a), required.OrderBy(a => a));
        }

        var annotations = tools.Single(t => t.Name == "delete_mailbox").ProtocolTool.Annotations!;
        Assert.True(annotations.DestructiveHint);
        Assert.True(tools.Single(t => t.Name == "wait_for_email").ProtocolTool.Annotations!.ReadOnlyHint);
        Assert.True(tools.Single(t => t.Name == "schedule_email").ProtocolTool.Annotations!.OpenWorldHint);
    }

    private static async Task CallEmailTools(Calls calls, MultiMailSandbox sandbox, World world)
    {
        var inbox = await calls.Ok("check_inbox", new() { ["limit"] = 10, ["has_attachments"] = true });
        Assert.Contains("Contract renewal", inbox);
        Assert.DoesNotContain("Scheduled maintenance", inbox);
        Assert.Contains("Term: 24 months", await calls.Ok("read_email", new() { ["email_id"] = world.RenewalId }));
        Assert.Contains(world.RenewalId, await calls.Ok("get_thread", new() { ["thread_id"] = world.RenewalThreadId }));
        Assert.Contains(Convert.ToBase64String(Encoding.UTF8.GetBytes("Term: 24 months.")), await calls.Ok("download_attachment", new() { ["email_id"] = world.RenewalId, ["filename"] = "renewal.txt" }));

        Assert.Contains("priority", await calls.Ok("set_tags", new() { ["email_id"] = world.RenewalId, ["tags"] = new Dictionary<string, string> { ["priority"] = "high" } }));
        Assert.Contains("high", await calls.Ok("get_tags", new() { ["email_id"] = world.RenewalId }));
        Assert.Contains("deleted", await calls.Ok("delete_tag", new() { ["email_id"] = world.RenewalId, ["key"] = "priority" }));

        var sent = await calls.Ok("send_email", new() { ["to"] = new[] { "ann@example.com" }, ["subject"] = "Renewal", ["markdown"] = "Signed copy to follow." });
        Assert.Contains("pending_scan", sent);
        world.SentId = Id(sent);
        Assert.Contains("pending_scan", await calls.Ok("reply_email", new() { ["email_id"] = world.RenewalId, ["markdown"] = "Thanks, signing today." }));
        var scheduled = await calls.Ok("schedule_email", new() { ["to"] = new[] { "ann@example.com" }, ["subject"] = "Reminder", ["markdown"] = "Friday.", ["send_at"] = "2099-01-01T09:00:00Z" });
        Assert.Contains("cancelled", await calls.Ok("cancel_message", new() { ["email_id"] = Id(scheduled) }));

        // wait_for_email returns as soon as matching mail arrives. It first notes the newest email, then waits for newer
        // ones: mail keeps arriving until it answers, so some arrives after that first look however slow the machine is.
        var waiting = calls.Ok("wait_for_email", new() { ["timeout_seconds"] = 60, ["filter"] = new Dictionary<string, object?> { ["sender"] = "marco" } });
        for (var i = 1; !waiting.IsCompleted && i <= 20; i++)
        {
            await sandbox.SimulateInboundAsync(sandbox.DefaultMailboxId, new SandboxInboundEmail { From = "marco.bianchi@example.net", Subject = "Lunch & learn, Thursday? (" + i + ")", Markdown = "Seats?" });
            await Task.WhenAny(waiting, Task.Delay(TimeSpan.FromSeconds(1)));
        }

        var arrived = await waiting;
        Assert.Contains("\"found\":true", arrived);
        Assert.Contains("marco.bianchi@example.net", arrived);

        // Spam: report and clear, by the latest tool and by the v0.7.0 ones.
        Assert.Contains("spam_quarantined", await calls.Ok("manage_spam_status", new() { ["email_id"] = world.MaintenanceId, ["action"] = "report" }));
        Assert.Contains(world.MaintenanceId, await calls.Ok("list_spam", new() { ["limit"] = 10 }));
        Assert.Contains("unread", await calls.Ok("manage_spam_status", new() { ["email_id"] = world.MaintenanceId, ["action"] = "clear" }));
        Assert.Contains("spam_quarantined", await calls.Ok("report_spam", new() { ["email_id"] = world.MaintenanceId }));
        Assert.Contains("unread", await calls.Ok("not_spam", new() { ["email_id"] = world.MaintenanceId }));

        Assert.Contains("\"id\"", await calls.Ok("add_contact", new() { ["name"] = "Ann", ["email"] = "ann@example.com", ["tags"] = new[] { "customer" } }));
        var contacts = await calls.Ok("search_contacts", new() { ["query"] = "ann" });
        Assert.Contains("ann@example.com", contacts);
        Assert.Contains("deleted", await calls.Ok("delete_contact", new() { ["contact_id"] = Id(contacts) }));
    }

    private static async Task CallMailboxAndAccountTools(Calls calls, MultiMailSandbox sandbox, World world)
    {
        Assert.Contains(sandbox.DefaultMailboxAddress, await calls.Ok("list_mailboxes"));
        Assert.Contains("updated", await calls.Ok("update_mailbox", new() { ["display_name"] = "Contracts desk" }));
        var created = await calls.Ok("create_mailbox", new() { ["address_local_part"] = "support", ["display_name"] = "Support" });
        Assert.Contains("support@", created);
        Assert.Contains("deleted", await calls.Ok("delete_mailbox", new() { ["mailbox_id"] = Id(created) }));

        // Raising the oversight mode needs the operator's code, which the sandbox mails to the operator (its outbox).
        Assert.Contains("upgrade_requested", await calls.Ok("request_upgrade", new() { ["target_mode"] = "monitored" }));
        Assert.Contains("monitored", await calls.Ok("apply_upgrade", new() { ["code"] = LatestUpgradeCode(sandbox) }));
        Assert.Contains("upgrade_requested", await calls.Ok("manage_upgrade", new() { ["action"] = "request", ["target_mode"] = "autonomous" }));
        Assert.Contains("autonomous", await calls.Ok("manage_upgrade", new() { ["action"] = "apply", ["code"] = LatestUpgradeCode(sandbox) }));
        Assert.Contains("updated", await calls.Ok("update_mailbox", new() { ["oversight_mode"] = "gated_send" }));   // back down, no code needed

        Assert.Contains("monthly_email_quota", await calls.Ok("get_account"));
        Assert.Contains("\"status\"", await calls.Ok("update_account", new() { ["name"] = "Acme Contracts" }));
        Assert.Contains("Acme Contracts", await calls.Ok("get_account"));
        Assert.Contains("emails_sent", await calls.Ok("get_usage", new() { ["period"] = "summary" }));
        Assert.Contains("\"daily\"", await calls.Ok("get_usage", new() { ["period"] = "daily" }));
    }

    private static async Task CallAdminTools(Calls calls, MultiMailSandbox sandbox, World world)
    {
        Assert.Contains("mcp-server-test", await calls.Ok("list_api_keys"));
        var key = await calls.Ok("create_api_key", new() { ["name"] = "reporting", ["scopes"] = new[] { "read" } });
        Assert.Contains("mm_", key);
        Assert.Contains("revoked", await calls.Ok("revoke_api_key", new() { ["key_id"] = Id(key) }));
        Assert.Contains("api_key.create", await calls.Ok("get_audit_log", new() { ["limit"] = 50 }));

        await sandbox.SuppressAsync("bounced@example.com", "hard_bounce");
        Assert.Contains("bounced@example.com", await calls.Ok("list_suppression", new() { ["limit"] = 10 }));
        await calls.Ok("remove_suppression", new() { ["email_address"] = "bounced@example.com" });
        Assert.DoesNotContain("bounced@example.com", await calls.Ok("list_suppression"));

        var webhook = await calls.Ok("create_webhook", new() { ["url"] = "https://hooks.example.com/multimail", ["events"] = new[] { "message.received" } });
        Assert.Contains("whsec_", webhook);
        Assert.Contains("hooks.example.com", await calls.Ok("list_webhooks"));
        Assert.Contains("deleted", await calls.Ok("delete_webhook", new() { ["webhook_id"] = Id(webhook) }));

        // Deleting the account needs the operator's approval code: the first call only asks for it.
        Assert.Contains("pending_approval", await calls.Ok("delete_account"));
        Assert.Contains("monthly_email_quota", await calls.Ok("get_account"));
    }

    /// <summary>The first <c>"id":"…"</c> of a tool's answer.</summary>
    private static string Id(string text) => Regex.Match(text, "\"id\"\\s*:\\s*\"([^\"]+)\"").Groups[1].Value is { Length: > 0 } id ? id : throw new Xunit.Sdk.XunitException("no id in: " + text);

    private static string LatestUpgradeCode(MultiMailSandbox sandbox) =>
        Regex.Match(sandbox.GetOutbox().Last(m => m.Kind == "operator_notice" && m.Subject.Contains("upgrade", StringComparison.OrdinalIgnoreCase)).Markdown, @"code \(valid 24 hours\): (\S+)").Groups[1].Value;

    private static async Task<McpClient> StartAsync(MultiMailSandbox sandbox, string apiKey, ConcurrentQueue<string> stderr, CancellationToken cancellationToken)
    {
        var aot = Environment.GetEnvironmentVariable(AotVariable);
        var useAot = aot is { Length: > 0 };
        Assert.True(!useAot || File.Exists(aot), AotVariable + " names a file that does not exist: " + aot);
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "multimail-samples",
            Command = useAot ? aot! : DotnetHost(),
            Arguments = useAot ? [] : [ServerPath()],
            EnvironmentVariables = new Dictionary<string, string?>
            {
                ["MULTIMAIL_API_KEY"] = apiKey,
                ["MULTIMAIL_API_URL"] = sandbox.BaseAddress.ToString(),
                ["MULTIMAIL_MAILBOX_ID"] = sandbox.DefaultMailboxId,
            },
            StandardErrorLines = stderr.Enqueue,
        });
        return await McpClient.CreateAsync(transport, cancellationToken: cancellationToken);
    }

    /// <summary>The dotnet host running these tests (the CLI sets DOTNET_HOST_PATH), else "dotnet" from PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>The McpServer sample's dll, built with this test project (see the project file).</summary>
    private static string ServerPath()
    {
        var path = typeof(McpServerSampleTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "McpServerSamplePath").Value;
        Assert.True(File.Exists(path), "The McpServer sample was not built: " + path);
        return path!;
    }

    /// <summary>Tool calls over one client, counting the tools called.</summary>
    private sealed class Calls(McpClient client, CancellationToken cancellationToken)
    {
        public HashSet<string> Called { get; } = [];

        /// <summary>Calls a tool that must succeed; returns its text.</summary>
        public async Task<string> Ok(string tool, Dictionary<string, object?>? arguments = null)
        {
            var result = await client.CallToolAsync(tool, arguments ?? [], cancellationToken: cancellationToken);
            var text = Join(result);
            Assert.True(result.IsError != true, tool + " failed: " + text);
            Assert.False(text.StartsWith("Invalid arguments", StringComparison.Ordinal) || text.StartsWith("Error", StringComparison.Ordinal) || text.Contains("MultiMail API error", StringComparison.Ordinal), tool + " failed: " + text);
            Called.Add(tool);
            return text;
        }

        /// <summary>Calls a tool and returns its text, whatever the outcome.</summary>
        public async Task<string> Text(string tool, Dictionary<string, object?>? arguments = null) =>
            Join(await client.CallToolAsync(tool, arguments ?? [], cancellationToken: cancellationToken));

        private static string Join(CallToolResult result) => string.Concat(result.Content.OfType<TextContentBlock>().Select(b => b.Text)).Replace("\\u0026", "&");
    }

    /// <summary>What the sandbox holds before the calls: two inbound emails (one with an attachment) and the agent's key.</summary>
    private sealed class World
    {
        public required string AgentKey { get; init; }

        public required string RenewalId { get; init; }

        public required string RenewalThreadId { get; init; }

        public required string MaintenanceId { get; init; }

        public string? SentId { get; set; }

        public static async Task<World> SeedAsync(MultiMailSandbox sandbox)
        {
            var renewal = await sandbox.SimulateInboundAsync(sandbox.DefaultMailboxId, new SandboxInboundEmail
            {
                From = "priya.raman@example.com",
                Subject = "Contract renewal: signature needed by Friday",
                Markdown = "Term: 24 months. Could you sign by Friday?",
                Attachments = [new SandboxAttachment("renewal.txt", "text/plain", Encoding.UTF8.GetBytes("Term: 24 months."))],
            });
            var maintenance = await sandbox.SimulateInboundAsync(sandbox.DefaultMailboxId, new SandboxInboundEmail
            {
                From = "helpdesk@example.org",
                Subject = "Scheduled maintenance on Saturday",
                Markdown = "No action is needed.",
            });

            // A vendor key with read, send and admin (never oversight: no key may both send and approve).
            using var admin = sandbox.CreateClient(sandbox.AdminApiKey);
            using var created = await admin.PostAsync("v1/api-keys", new StringContent("""{"name":"mcp-server-test","scopes":["read","send","admin"]}""", Encoding.UTF8, "application/json"));
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
            using var key = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
            using var email = JsonDocument.Parse(await admin.GetStringAsync("v1/mailboxes/" + sandbox.DefaultMailboxId + "/emails/" + renewal));
            return new World
            {
                AgentKey = key.RootElement.GetProperty("api_key").GetString()!,
                RenewalId = renewal,
                RenewalThreadId = email.RootElement.GetProperty("thread_id").GetString()!,
                MaintenanceId = maintenance,
            };
        }
    }
}
