using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using MultiMail.Sandbox;

namespace MultiMail.McpTestServer;

/// <summary>
/// Two sandboxes and the tool sets the error tests call: the seed guide's tools (gated_send mailbox), a send from a
/// read_only mailbox (403), a revoked key (401), a used-up send quota (429 with Retry-After) and an unreachable API
/// (network failure). All of it in this process, on 127.0.0.1.
/// </summary>
public sealed class TestBackend : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _sandboxes = new();
    private readonly List<MultiMailClient> _clients = new();

    private TestBackend()
    {
    }

    /// <summary>Every tool the server serves, through the generated <c>AsMcpServerTools()</c>.</summary>
    public List<McpServerTool> Tools { get; } = new();

    /// <summary>The same tools as Microsoft.Extensions.AI functions (the generated <c>AsAITools()</c>), by tool name.</summary>
    public Dictionary<string, AIFunction> Functions { get; } = new(StringComparer.Ordinal);

    /// <summary>The tool sets behind <see cref="Tools"/>, by tool name (for calls without MCP).</summary>
    public Dictionary<string, IMultiMailToolSet> ToolSets { get; } = new(StringComparer.Ordinal);

    public static async Task<TestBackend> StartAsync()
    {
        var backend = new TestBackend();
        try
        {
            var sandbox = await backend.Sandbox(new MultiMailSandboxOptions { SeedDemoMail = true });
            var email = new EmailTools(backend.Client(sandbox.BaseAddress, sandbox.AgentApiKey, sandbox.DefaultMailboxId));
            backend.Add(email, email.AsMcpServerTools(), email.AsAITools());

            var readOnly = await sandbox.CreateMailboxAsync("readonly", SandboxOversightMode.ReadOnly);
            var readOnlyTools = new ReadOnlyTools(backend.Client(sandbox.BaseAddress, sandbox.AgentApiKey, sandbox.DefaultMailboxId), readOnly);
            backend.Add(readOnlyTools, readOnlyTools.AsMcpServerTools(), readOnlyTools.AsAITools());
            var revoked = new RevokedKeyTools(backend.Client(sandbox.BaseAddress, "revoked-test-key", sandbox.DefaultMailboxId));
            backend.Add(revoked, revoked.AsMcpServerTools(), revoked.AsAITools());

            var quota = await backend.Sandbox(new MultiMailSandboxOptions { SendQuota = new SandboxSendQuota(1, TimeSpan.FromHours(1)) });
            var overQuota = new QuotaTools(backend.Client(quota.BaseAddress, quota.AgentApiKey, quota.DefaultMailboxId));
            var first = await overQuota.SendEmail(new[] { "ann@example.com" }, "The one send the quota allows", "Hello.");
            if (!first.Contains("pending_scan", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("The quota sandbox refused its first send: " + first);
            }

            backend.Add(overQuota, overQuota.AsMcpServerTools(), overQuota.AsAITools());
            var offline = new OfflineTools(backend.Client(new Uri("http://127.0.0.1:9/"), "offline-test-key", "mbx_offline"));
            backend.Add(offline, offline.AsMcpServerTools(), offline.AsAITools());
            return backend;
        }
        catch
        {
            await backend.DisposeAsync();
            throw;
        }
    }

    /// <summary>Server options serving <see cref="Tools"/>.</summary>
    public McpServerOptions CreateServerOptions()
    {
        var options = new McpServerOptions { ServerInfo = new Implementation { Name = "multimail-error-tests", Version = MultiMailClient.LibraryVersion } };
        options.ToolCollection = new McpServerPrimitiveCollection<McpServerTool>();
        foreach (var tool in Tools)
        {
            options.ToolCollection.Add(tool);
        }

        return options;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        foreach (var sandbox in _sandboxes)
        {
            await sandbox.DisposeAsync();
        }
    }

    private void Add(IMultiMailToolSet toolSet, IList<McpServerTool> tools, IList<AITool> functions)
    {
        Tools.AddRange(tools);
        foreach (var function in functions)
        {
            Functions.Add(function.Name, (AIFunction)function);
        }

        foreach (var descriptor in toolSet.Tools)
        {
            ToolSets.Add(descriptor.Name, toolSet);
        }
    }

    private async Task<MultiMailSandbox> Sandbox(MultiMailSandboxOptions options)
    {
        var sandbox = await MultiMailSandbox.StartAsync(options);
        _sandboxes.Add(sandbox);
        return sandbox;
    }

    private MultiMailClient Client(Uri baseAddress, string apiKey, string mailboxId)
    {
        var client = new MultiMailClient(new MultiMailClientOptions { ApiKey = apiKey, BaseAddress = baseAddress, DefaultMailboxId = mailboxId, Timeout = TimeSpan.FromSeconds(10) });
        _clients.Add(client);
        return client;
    }
}
