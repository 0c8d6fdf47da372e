using System;
using System.Net.Http;
using MultiMail.EndToEndTests.Tools;
using MultiMail.Sandbox;

namespace MultiMail.EndToEndTests.Infrastructure;

/// <summary>
/// A <see cref="MultiMailClient"/> pointed at a running sandbox with one of its keys, and the generated tools over it:
/// what an application builds for its agent (agent key) or for its operator console (oversight key).
/// </summary>
public sealed class ToolSession : IDisposable
{
    private readonly HttpClient? _http;

    private ToolSession(MultiMailClient client, HttpClient? http, CountingHandler? transport)
    {
        Client = client;
        Tools = new AgentMailTools(client);
        _http = http;
        Transport = transport;
    }

    /// <summary>The transport that notes every request; only for <see cref="CountedAgent"/>.</summary>
    public CountingHandler? Transport { get; }

    /// <summary>The runtime client (real HTTP to 127.0.0.1).</summary>
    public MultiMailClient Client { get; }

    /// <summary>The generated tools, called as C# methods.</summary>
    public AgentMailTools Tools { get; }

    /// <summary>The same tools as an agent loop sees them: descriptors and <c>InvokeAsync(name, json)</c>.</summary>
    public IMultiMailToolSet ToolSet => Tools;

    /// <summary>Tools with the sandbox's agent key (scopes read and send).</summary>
    public static ToolSession Agent(MultiMailSandbox sandbox, Action<MultiMailClientOptions>? configure = null) =>
        Create(sandbox, sandbox.AgentApiKey, configure, null);

    /// <summary>Agent tools over a transport that notes every request that leaves the process.</summary>
    public static ToolSession CountedAgent(MultiMailSandbox sandbox)
    {
        var transport = new CountingHandler();
        return Create(sandbox, sandbox.AgentApiKey, null, transport);
    }

    /// <summary>Tools with the sandbox's oversight key (pending list and decisions only).</summary>
    public static ToolSession Operator(MultiMailSandbox sandbox) => Create(sandbox, sandbox.OversightApiKey, null, null);

    /// <inheritdoc/>
    public void Dispose()
    {
        Client.Dispose();
        _http?.Dispose();
    }

    private static ToolSession Create(MultiMailSandbox sandbox, string apiKey, Action<MultiMailClientOptions>? configure, CountingHandler? transport)
    {
        var options = new MultiMailClientOptions
        {
            ApiKey = apiKey,
            BaseAddress = sandbox.BaseAddress,
            DefaultMailboxId = sandbox.DefaultMailboxId,
            Timeout = TimeSpan.FromSeconds(10),
        };
        configure?.Invoke(options);
        if (transport is null)
        {
            return new ToolSession(new MultiMailClient(options), null, null);
        }

        var http = new HttpClient(transport);
        return new ToolSession(new MultiMailClient(options, http), http, transport);
    }
}
