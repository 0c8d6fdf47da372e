using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MultiMail.Sandbox.Endpoints;
using MultiMail.Sandbox.Hosting;
using MultiMail.Sandbox.Oversight;
using MultiMail.Sandbox.Storage;

namespace MultiMail.Sandbox;

/// <summary>
/// A local MultiMail API server for tests, samples and manual runs: the REST endpoints the generated tools call, with
/// oversight enforced server-side, an outbox instead of real delivery, a signed <c>X-MultiMail-Identity</c> header and
/// an operator review page at <c>/</c>.
/// </summary>
/// <example>
/// <code>
/// await using var sandbox = await MultiMailSandbox.StartAsync();
/// using var http = sandbox.CreateClient(sandbox.AgentApiKey);
/// // POST /v1/mailboxes/{sandbox.DefaultMailboxId}/send → 202 pending_scan, held for approval (gated_send)
/// </code>
/// </example>
public sealed class MultiMailSandbox : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SandboxDatabase _database;
    private readonly SandboxState _state;
    private readonly InboxService _inbox;
    private readonly OutboundMailService _outbound;
    private readonly MailboxService _mailboxes;
    private readonly Outbox _outbox;
    private readonly AuditService _audit;
    private int _disposed;

    private MultiMailSandbox(WebApplication app, SandboxDatabase database, SandboxState state, Uri baseAddress)
    {
        _app = app;
        _database = database;
        _state = state;
        BaseAddress = baseAddress;
        _inbox = app.Services.GetRequiredService<InboxService>();
        _outbound = app.Services.GetRequiredService<OutboundMailService>();
        _mailboxes = app.Services.GetRequiredService<MailboxService>();
        _outbox = app.Services.GetRequiredService<Outbox>();
        _audit = app.Services.GetRequiredService<AuditService>();
    }

    /// <summary>The running application's services (tests read internal state through them).</summary>
    internal IServiceProvider Services => _app.Services;

    /// <summary>The address the sandbox listens on, ending in <c>/</c> (for example <c>http://127.0.0.1:38211/</c>).</summary>
    public Uri BaseAddress { get; }

    /// <summary>The agent's key: scopes <c>read</c> and <c>send</c>. It cannot approve mail.</summary>
    public string AgentApiKey => _state.AgentApiKey;

    /// <summary>The operator's key: scope <c>oversight</c> (pending list and decisions; signs in to the review page).</summary>
    public string OversightApiKey => _state.OversightApiKey;

    /// <summary>An admin key: scope <c>admin</c> (mailboxes, keys, audit log, sandbox endpoints), which includes read.</summary>
    public string AdminApiKey => _state.AdminApiKey;

    /// <summary>The seeded mailbox (created on first start in <c>gated_send</c>).</summary>
    public string DefaultMailboxId => _state.DefaultMailbox.Id;

    /// <summary>The default mailbox's address, for example <c>agent@sandbox.multimail.dev</c>.</summary>
    public string DefaultMailboxAddress => _state.DefaultMailbox.Address;

    /// <summary>The operator's oversight address (monitored copies, forwarded inbound mail, upgrade codes).</summary>
    public string OversightEmail => _state.Settings.OversightEmail;

    /// <summary>The operator's public name (the identity header's <c>operator</c> claim).</summary>
    public string OperatorName => _state.Settings.OperatorName;

    /// <summary>The database file, or <see langword="null"/> when the sandbox runs in memory.</summary>
    public string? DatabasePath => _database.FilePath;

    /// <summary>The public identity-signing key as a JWK JSON document (as served at <c>/.well-known/multimail-signing-key</c>).</summary>
    public string SigningKeyJwk => _state.Signer.PublicJwkJson;

    /// <summary>Starts a sandbox. Dispose it (or call <see cref="StopAsync"/>) to stop it.</summary>
    /// <param name="options">Settings; defaults: in memory, a free loopback port, random keys, no quota.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running sandbox.</returns>
    public static async Task<MultiMailSandbox> StartAsync(MultiMailSandboxOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new MultiMailSandboxOptions();
        options.Validate();
        var database = SandboxDatabase.Open(options.DatabasePath);
        WebApplication? app = null;
        try
        {
            var state = await SandboxBootstrap.RunAsync(database, options, cancellationToken).ConfigureAwait(false);
            app = SandboxApplication.Build(options, database, state);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new MultiMailSandbox(app, database, state, new Uri(address.TrimEnd('/') + "/"));
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }

            database.Dispose();
            throw;
        }
    }

    /// <summary>An <see cref="HttpClient"/> for this sandbox, sending <paramref name="apiKey"/> as a Bearer token when given.</summary>
    /// <param name="apiKey">The key to send, or <see langword="null"/> for none.</param>
    /// <returns>A new client; the caller disposes it.</returns>
    public HttpClient CreateClient(string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    /// <summary>Creates a mailbox <c>&lt;localPart&gt;@&lt;domain&gt;</c> in <paramref name="mode"/> and returns its id.</summary>
    /// <param name="localPart">The address's local part.</param>
    /// <param name="mode">The oversight mode (the API always creates <c>gated_send</c>; this helper may choose).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new mailbox's id.</returns>
    public async Task<string> CreateMailboxAsync(string localPart, SandboxOversightMode mode = SandboxOversightMode.GatedSend, CancellationToken cancellationToken = default)
    {
        var result = await _mailboxes.CreateAsync(Actors.Sandbox, localPart, null, mode, cancellationToken).ConfigureAwait(false);
        return Unwrap(result).Id;
    }

    /// <summary>Sets a mailbox's oversight mode directly (upgrades included; the API allows only downgrades without the operator's code).</summary>
    /// <param name="mailboxId">The mailbox.</param>
    /// <param name="mode">The new mode.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the mode is stored.</returns>
    public async Task SetOversightModeAsync(string mailboxId, SandboxOversightMode mode, CancellationToken cancellationToken = default)
    {
        var patch = new MailboxPatch { Mode = mode, FieldNames = ["oversight_mode"] };
        Unwrap(await _mailboxes.UpdateAsync(Actors.Sandbox, mailboxId, patch, allowUpgrade: true, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Delivers an email from outside into a mailbox (held as <c>pending_inbound_approval</c> in <c>gated_all</c>).</summary>
    /// <param name="mailboxId">The receiving mailbox.</param>
    /// <param name="email">The email.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new email's id.</returns>
    public async Task<string> SimulateInboundAsync(string mailboxId, SandboxInboundEmail email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(email);
        foreach (var address in new[] { email.From }.Concat(email.To ?? []).Concat(email.Cc ?? []))
        {
            if (!Wire.IsEmail(address))
            {
                throw new ArgumentException("'" + address + "' is not an email address.", nameof(email));
            }
        }

        var attachments = (email.Attachments ?? []).Select(a => new AttachmentRecord(a.Name, a.ContentType, Convert.ToBase64String(a.Content))).ToArray();
        var draft = new InboundDraft(email.From, email.To, email.Cc ?? [], email.Subject, email.Markdown, attachments, email.InReplyTo);
        return Unwrap(await _inbox.ReceiveAsync(Actors.Sandbox, mailboxId, draft, cancellationToken).ConfigureAwait(false)).Id;
    }

    /// <summary>Puts an address on the suppression list, as a bounce or complaint would (the sandbox delivers no real mail).</summary>
    /// <param name="address">The address.</param>
    /// <param name="reason">Why, for example <c>hard_bounce</c>, <c>spam_complaint</c> or <c>unsubscribed</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the entry is stored.</returns>
    public Task SuppressAsync(string address, string reason = "hard_bounce", CancellationToken cancellationToken = default)
    {
        if (!Wire.IsEmail(address))
        {
            throw new ArgumentException("'" + address + "' is not an email address.", nameof(address));
        }

        return _app.Services.GetRequiredService<SuppressionService>().AddAsync(Actors.Sandbox, address, reason, null, cancellationToken);
    }

    /// <summary>The messages the sandbox delivered, oldest first.</summary>
    /// <param name="mailboxId">Only this mailbox's messages; <see langword="null"/> for all.</param>
    /// <returns>The outbox.</returns>
    public IReadOnlyList<SandboxOutboxMessage> GetOutbox(string? mailboxId = null) =>
        _outbox.List(mailboxId).Select(o => new SandboxOutboxMessage(
            o.Id, o.EmailId, o.MailboxId, o.Kind, o.From, o.To, o.Cc, o.Bcc, o.Subject, o.Markdown, o.Attachments.Select(a => a.Name).ToArray(), o.IdentityHeader,
            SandboxSettings.FromMilliseconds(o.DeliveredAt))
        {
            Attachments = o.Attachments.Select(a => new SandboxAttachment(a.Name, a.ContentType, Convert.FromBase64String(a.ContentBase64))).ToArray(),
        }).ToArray();

    /// <summary>The whole audit log, newest first.</summary>
    /// <returns>The entries.</returns>
    public IReadOnlyList<SandboxAuditEntry> GetAuditLog() =>
        _audit.Page(null, int.MaxValue).Select(a => new SandboxAuditEntry(
            a.Id, a.Action, a.ResourceType, a.ResourceId, a.ActorKeyId, a.MetadataJson, SandboxSettings.FromMilliseconds(a.CreatedAt))).ToArray();

    /// <summary>Sets (or with <see langword="null"/> removes) the per-mailbox sending quota.</summary>
    /// <param name="quota">The quota.</param>
    public void SetSendQuota(SandboxSendQuota? quota) => _state.Settings.SendQuota = quota;

    /// <summary>Releases scheduled mail whose time has come now, instead of waiting for the once-a-second sweep (useful with a fake clock).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many emails changed status.</returns>
    public Task<int> ReleaseDueScheduledEmailsAsync(CancellationToken cancellationToken = default) => _outbound.ReleaseDueAsync(cancellationToken);

    /// <summary>Waits until the host shuts down (Ctrl+C or SIGTERM in a standalone run).</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes on shutdown.</returns>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops the server and closes the database. Safe to call more than once.</summary>
    /// <param name="cancellationToken">Cancels a graceful stop.</param>
    /// <returns>A task that completes when stopped.</returns>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            _state.Signer.Dispose();
            _database.Dispose();
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private static T Unwrap<T>(ServiceResult<T> result) =>
        result.Error is { } error
            ? throw new InvalidOperationException("The sandbox refused the call (" + error.Status + "): " + error.Message)
            : result.Value!;
}
