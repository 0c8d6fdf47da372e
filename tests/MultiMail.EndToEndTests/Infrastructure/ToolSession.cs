using System;
using MultiMail.EndToEndTests.Tools;
using MultiMail.Sandbox;

namespace MultiMail.EndToEndTests.Infrastructure;

/// <summary>
/// A <see cref="MultiMailClient"/> pointed at a running sandbox with one of its keys, and the generated tools over it:
/// what an application builds for its agent (agent key) or for its operator console (oversight key).
/// </summary>
public sealed class ToolSession : IDisposable
{
    private ToolSession(MultiMailClient client)
    {
        Client = client;
        Tools = new AgentMailTools(client);
    }

    /// <summary>The runtime client (real HTTP to 127.0.0.1).</summary>
    public MultiMailClient Client { get; }

    /// <summary>The generated tools, called as C# methods.</summary>
    public AgentMailTools Tools { get; }

    /// <summary>The same tools as an agent loop sees them: descriptors and <c>InvokeAsync(name, json)</c>.</summary>
    public IMultiMailToolSet ToolSet => Tools;

    /// <summary>Tools with the sandbox's agent key (scopes read and send).</summary>
    public static ToolSession Agent(MultiMailSandbox sandbox, Action<MultiMailClientOptions>? configure = null) =>
        Create(sandbox, sandbox.AgentApiKey, configure);

    /// <summary>Tools with the sandbox's oversight key (pending list and decisions only).</summary>
    public static ToolSession Operator(MultiMailSandbox sandbox) => Create(sandbox, sandbox.OversightApiKey, null);

    /// <inheritdoc/>
    public void Dispose() => Client.Dispose();

    private static ToolSession Create(MultiMailSandbox sandbox, string apiKey, Action<MultiMailClientOptions>? configure)
    {
        var options = new MultiMailClientOptions
        {
            ApiKey = apiKey,
            BaseAddress = sandbox.BaseAddress,
            DefaultMailboxId = sandbox.DefaultMailboxId,
            Timeout = TimeSpan.FromSeconds(10),
        };
        configure?.Invoke(options);
        return new ToolSession(new MultiMailClient(options));
    }
}
