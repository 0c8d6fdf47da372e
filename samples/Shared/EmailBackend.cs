using System;
using System.Threading;
using System.Threading.Tasks;
using MultiMail.Sandbox;

namespace MultiMail.Samples;

/// <summary>
/// Where the samples' email goes: the real MultiMail API when <c>MULTIMAIL_API_KEY</c> is set (with
/// <c>MULTIMAIL_API_URL</c> and <c>MULTIMAIL_MAILBOX_ID</c>), otherwise a local MultiMail sandbox started in this
/// process (in memory; nothing is really sent, and it is gone when the sample ends).
/// </summary>
/// <remarks>
/// The agent's key (scopes read and send) and the operator's oversight key are kept apart: the agents only ever get
/// a client made with the agent's key, which can queue mail but never approve it.
/// </remarks>
public sealed class EmailBackend : IAsyncDisposable
{
    /// <summary>The environment variable read for the operator's oversight key when the real API is used.</summary>
    public const string OversightKeyVariable = "MULTIMAIL_OVERSIGHT_KEY";

    private readonly string _agentApiKey;
    private readonly string? _oversightApiKey;

    private EmailBackend(MultiMailSandbox? sandbox, Uri baseAddress, string agentApiKey, string? oversightApiKey, string? mailboxId, string? mailboxAddress)
    {
        Sandbox = sandbox;
        BaseAddress = baseAddress;
        _agentApiKey = agentApiKey;
        _oversightApiKey = oversightApiKey;
        MailboxId = mailboxId;
        MailboxAddress = mailboxAddress;
    }

    /// <summary>The in-process sandbox, or <see langword="null"/> when the real API is used.</summary>
    public MultiMailSandbox? Sandbox { get; }

    /// <summary>The API address.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The mailbox the tools use (<c>MULTIMAIL_MAILBOX_ID</c>, or the sandbox's default mailbox).</summary>
    public string? MailboxId { get; }

    /// <summary>The mailbox's address when known (the sandbox's); <see langword="null"/> for the real API.</summary>
    public string? MailboxAddress { get; }

    /// <summary>Whether an oversight key is available (always in the sandbox; <c>MULTIMAIL_OVERSIGHT_KEY</c> otherwise).</summary>
    public bool HasOversightKey => _oversightApiKey is not null;

    /// <summary>Uses the real API when <c>MULTIMAIL_API_KEY</c> is set, else starts a sandbox and lets <paramref name="seed"/> fill it.</summary>
    /// <param name="seed">Prepares a new sandbox (for example with inbound mail); not called for the real API.</param>
    /// <param name="sandboxOptions">Options for the sandbox, if one is started.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The backend; dispose it to stop the sandbox.</returns>
    public static async Task<EmailBackend> FromEnvironmentAsync(
        Func<MultiMailSandbox, Task>? seed = null, MultiMailSandboxOptions? sandboxOptions = null, CancellationToken cancellationToken = default)
    {
        var apiKey = Environment.GetEnvironmentVariable(MultiMailClientOptions.ApiKeyVariable);
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            return await StartSandboxAsync(seed, sandboxOptions, cancellationToken);
        }

        var fromEnvironment = new MultiMailClientOptions();   // reads MULTIMAIL_API_URL and MULTIMAIL_MAILBOX_ID
        var oversightKey = Environment.GetEnvironmentVariable(OversightKeyVariable);
        return ForApi(fromEnvironment.BaseAddress, apiKey.Trim(), fromEnvironment.DefaultMailboxId, string.IsNullOrWhiteSpace(oversightKey) ? null : oversightKey.Trim());
    }

    /// <summary>Uses a MultiMail API (the real one, or any server that speaks its contract) with the given keys.</summary>
    /// <param name="baseAddress">The API address.</param>
    /// <param name="agentApiKey">The agents' key (read, send).</param>
    /// <param name="mailboxId">The mailbox the tools use.</param>
    /// <param name="oversightApiKey">The operator's key (oversight), or <see langword="null"/> when approval happens elsewhere (the dashboard).</param>
    /// <returns>The backend.</returns>
    public static EmailBackend ForApi(Uri baseAddress, string agentApiKey, string? mailboxId, string? oversightApiKey) =>
        new(null, baseAddress, agentApiKey, oversightApiKey, mailboxId, null);

    /// <summary>Starts a sandbox in this process whatever the environment says (tests use this).</summary>
    /// <param name="seed">Prepares the new sandbox.</param>
    /// <param name="sandboxOptions">Options for the sandbox.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The backend; dispose it to stop the sandbox.</returns>
    public static async Task<EmailBackend> StartSandboxAsync(
        Func<MultiMailSandbox, Task>? seed = null, MultiMailSandboxOptions? sandboxOptions = null, CancellationToken cancellationToken = default)
    {
        var sandbox = await MultiMailSandbox.StartAsync(sandboxOptions, cancellationToken);
        try
        {
            if (seed is not null)
            {
                await seed(sandbox);
            }
        }
        catch
        {
            await sandbox.DisposeAsync();
            throw;
        }

        return new EmailBackend(
            sandbox, sandbox.BaseAddress, sandbox.AgentApiKey, sandbox.OversightApiKey, sandbox.DefaultMailboxId, sandbox.DefaultMailboxAddress);
    }

    /// <summary>A client with the agent's key (scopes read and send): what the agents' tools call.</summary>
    /// <returns>A new client; the caller disposes it.</returns>
    public MultiMailClient CreateAgentClient() => CreateClient(_agentApiKey);

    /// <summary>A client with the operator's oversight key, or <see langword="null"/> when there is none.</summary>
    /// <returns>A new client; the caller disposes it.</returns>
    public MultiMailClient? CreateOversightClient() => _oversightApiKey is null ? null : CreateClient(_oversightApiKey);

    /// <summary>Describes the backend in one or two lines, showing only key prefixes.</summary>
    /// <returns>The description.</returns>
    public string Describe() => Sandbox is { } sandbox
        ? "local MultiMail sandbox at " + sandbox.BaseAddress + " (in this process; set MULTIMAIL_API_KEY to use the real API)\n"
          + "mailbox " + sandbox.DefaultMailboxAddress + " (gated_send), agent key " + Secrets.Prefix(_agentApiKey)
          + " (read, send), operator key " + Secrets.Prefix(sandbox.OversightApiKey) + " (oversight)"
        : "MultiMail API at " + BaseAddress + " (MULTIMAIL_API_KEY " + Secrets.Prefix(_agentApiKey) + ")\n"
          + "mailbox " + (MailboxId ?? "not set: set MULTIMAIL_MAILBOX_ID") + ", operator key "
          + (_oversightApiKey is null ? "not set (" + OversightKeyVariable + ")" : Secrets.Prefix(_oversightApiKey));

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => Sandbox?.DisposeAsync() ?? default;

    private MultiMailClient CreateClient(string apiKey) =>
        new(new MultiMailClientOptions { ApiKey = apiKey, BaseAddress = BaseAddress, DefaultMailboxId = MailboxId });
}
