using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using MultiMail.Sandbox.Storage;

namespace MultiMail.Sandbox.Oversight;

/// <summary>
/// Webhook subscriptions (API.md §2.9). The sandbox stores them with a <c>whsec_</c> signing secret (shown on create
/// and on <c>GET /v1/webhooks/{id}</c> only) but delivers no events. Like API keys, it creates them at once, without the
/// operator-approval step the real service asks for.
/// </summary>
internal sealed class WebhookService
{
    /// <summary>The event names (MCP's, API.md §2.9) plus <c>email.received</c> (the web page's name, §9).</summary>
    public static readonly IReadOnlyList<string> Events =
    [
        "message.received", "message.sent", "message.delivered", "message.bounced", "message.complained",
        "oversight.pending", "oversight.approved", "oversight.rejected", "email.received",
    ];

    private readonly SandboxDatabase _database;
    private readonly TimeProvider _time;

    public WebhookService(SandboxDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    public IReadOnlyList<WebhookRecord> List() => _database.Read(WebhookRows.List);

    public WebhookRecord? Get(string id) => _database.Read(c => WebhookRows.Get(c, id));

    public Task<ServiceResult<WebhookRecord>> CreateAsync(string actor, string url, IReadOnlyList<string> events, string? mailboxId, CancellationToken cancellationToken) =>
        _database.WriteAsync<ServiceResult<WebhookRecord>>(
            (c, t) =>
            {
                if (mailboxId is not null && MailboxRows.Get(c, t, mailboxId) is not { IsActive: true })
                {
                    return new ServiceError(404, "Mailbox not found");
                }

                var webhook = new WebhookRecord(
                    Ids.New("wh_", _time), url, events, mailboxId, "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)), _time.GetUtcNow().ToUnixTimeMilliseconds());
                WebhookRows.Insert(c, t, webhook);
                AuditRows.Insert(c, t, _time, "webhook.create", "webhook", webhook.Id, actor, new { url, events, mailbox_id = mailboxId });
                return webhook;
            },
            cancellationToken);

    /// <summary>Deletes a subscription; whether it existed.</summary>
    public Task<bool> DeleteAsync(string actor, string id, CancellationToken cancellationToken) =>
        _database.WriteAsync(
            (c, t) =>
            {
                var removed = WebhookRows.Delete(c, t, id);
                if (removed)
                {
                    AuditRows.Insert(c, t, _time, "webhook.delete", "webhook", id, actor);
                }

                return removed;
            },
            cancellationToken);
}
