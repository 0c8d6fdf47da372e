using System;
using Microsoft.Extensions.Logging;
using MultiMail.Sandbox.Auth;

namespace MultiMail.Sandbox;

/// <summary>Settings for <see cref="MultiMailSandbox.StartAsync"/>.</summary>
public sealed class MultiMailSandboxOptions
{
    /// <summary>
    /// Where Kestrel listens. Default <c>http://127.0.0.1:0</c> (a free loopback port). An <c>https://</c> URL needs
    /// <see cref="HttpsCertificate"/>; over HTTPS the review page's cookies are <c>Secure</c>.
    /// </summary>
    public string Url { get; set; } = "http://127.0.0.1:0";

    /// <summary>The server certificate for an <c>https://</c> <see cref="Url"/>.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? HttpsCertificate { get; set; }

    /// <summary>
    /// The SQLite database file; created when missing and reused when present (mail, pending approvals, audit log and
    /// signing key survive restarts). <see langword="null"/> (the default) keeps everything in memory for this sandbox only.
    /// </summary>
    public string? DatabasePath { get; set; }

    /// <summary>The clock for every timestamp, the idempotency and duplicate-reply windows, quotas and scheduled sends.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>A sending quota per mailbox; <see langword="null"/> (the default) for none. Can be changed later with <see cref="MultiMailSandbox.SetSendQuota"/>.</summary>
    public SandboxSendQuota? SendQuota { get; set; }

    /// <summary>Whether a new database's default mailbox gets a few inbound demo emails. Default <see langword="false"/>.</summary>
    public bool SeedDemoMail { get; set; }

    /// <summary>A fixed agent key (scopes read, send); when <see langword="null"/> a random <c>mm_test_…</c> key is issued on each start.</summary>
    public string? AgentApiKey { get; set; }

    /// <summary>A fixed oversight key (scope oversight); when <see langword="null"/> a random key is issued on each start.</summary>
    public string? OversightApiKey { get; set; }

    /// <summary>A fixed admin key (scope admin, which includes read); when <see langword="null"/> a random key is issued on each start.</summary>
    public string? AdminApiKey { get; set; }

    /// <summary>The operator's public name, published in the identity header's <c>operator</c> claim.</summary>
    public string OperatorName { get; set; } = "Sandbox Operator";

    /// <summary>The operator's oversight address: monitored-mode copies, forwarded inbound mail and upgrade codes go there.</summary>
    public string OversightEmail { get; set; } = "operator@example.com";

    /// <summary>The tenant's mail domain; mailbox addresses are <c>&lt;local&gt;@MailDomain</c>.</summary>
    public string MailDomain { get; set; } = "sandbox.multimail.dev";

    /// <summary>The local part of the default mailbox (created on first start in <c>gated_send</c>).</summary>
    public string DefaultMailboxLocalPart { get; set; } = "agent";

    /// <summary>The minimum level of log messages (console). Default <see cref="LogLevel.Warning"/>. API keys are never logged.</summary>
    public LogLevel MinimumLogLevel { get; set; } = LogLevel.Warning;

    /// <summary>Extra log sinks (tests capture every log line to prove no key is ever logged).</summary>
    internal ILoggerProvider? ExtraLoggerProvider { get; set; }

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(TimeProvider);
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var url) || !(url.Scheme == Uri.UriSchemeHttp || (url.Scheme == Uri.UriSchemeHttps && HttpsCertificate is not null)))
        {
            throw new ArgumentException("Url must be an absolute http:// URL, e.g. http://127.0.0.1:0 (or https:// with HttpsCertificate set).", nameof(Url));
        }

        foreach (var (name, key) in new[] { (nameof(AgentApiKey), AgentApiKey), (nameof(OversightApiKey), OversightApiKey), (nameof(AdminApiKey), AdminApiKey) })
        {
            if (key is not null && ApiKeyService.KeyProblem(key) is { } problem)
            {
                throw new ArgumentException(problem, name);
            }
        }

        if (AgentApiKey is not null && (AgentApiKey == OversightApiKey || AgentApiKey == AdminApiKey)
            || OversightApiKey is not null && OversightApiKey == AdminApiKey)
        {
            throw new ArgumentException("The agent, oversight and admin keys must differ.");
        }

        if (!Endpoints.Wire.IsEmail(OversightEmail))
        {
            throw new ArgumentException("OversightEmail must be an email address.", nameof(OversightEmail));
        }

        if (!Endpoints.Wire.IsEmail(DefaultMailboxLocalPart + "@" + MailDomain))
        {
            throw new ArgumentException("DefaultMailboxLocalPart and MailDomain must form an email address.", nameof(MailDomain));
        }

        SendQuota?.Validate();
    }
}
