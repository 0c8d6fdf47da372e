using System;
using System.Threading;
using System.Threading.Tasks;
using MultiMail.Sandbox.Auth;
using MultiMail.Sandbox.Identity;
using MultiMail.Sandbox.Oversight;
using MultiMail.Sandbox.Storage;

namespace MultiMail.Sandbox.Hosting;

/// <summary>What a start established: the built-in keys (raw, for printing/handing to tests), the default mailbox and the signer.</summary>
internal sealed record SandboxState(
    string AgentApiKey,
    string OversightApiKey,
    string AdminApiKey,
    MailboxRecord DefaultMailbox,
    SandboxSettings Settings,
    IdentitySigner Signer);

/// <summary>
/// First-start and every-start work on the database: tenant id, signing key, default mailbox (with optional demo
/// mail), and the three built-in keys. Keys are stored as hashes only, so without fixed keys each start issues new ones
/// for the same built-in key ids (the previous run's keys stop working).
/// </summary>
internal static class SandboxBootstrap
{
    public const string AgentKeyId = "key_agent";
    public const string OversightKeyId = "key_oversight";
    public const string AdminKeyId = "key_admin";

    public static async Task<SandboxState> RunAsync(SandboxDatabase database, MultiMailSandboxOptions options, CancellationToken cancellationToken)
    {
        var time = options.TimeProvider;
        var agentKey = options.AgentApiKey ?? ApiKeyService.NewKey();
        var oversightKey = options.OversightApiKey ?? ApiKeyService.NewKey();
        var adminKey = options.AdminApiKey ?? ApiKeyService.NewKey();

        var (tenantId, signer, mailbox, created) = await database.WriteAsync(
            (c, t) =>
            {
                var tenant = MetaRows.Get(c, t, "tenant_id");
                if (tenant is null)
                {
                    tenant = Ids.New("tn_", time);
                    MetaRows.Set(c, t, "tenant_id", tenant);
                }

                var identitySigner = IdentitySigner.LoadOrCreate(c, t);
                var mailboxId = MetaRows.Get(c, t, "default_mailbox_id");
                var existing = mailboxId is null ? null : MailboxRows.Get(c, t, mailboxId);
                var isNew = existing is null;
                if (existing is null)
                {
                    existing = new MailboxRecord(
                        Ids.New(string.Empty, time),
                        options.DefaultMailboxLocalPart + "@" + options.MailDomain,
                        "Sandbox agent",
                        SandboxOversightMode.GatedSend,
                        null,
                        null,
                        false,
                        null,
                        "gate_first",
                        time.GetUtcNow().ToUnixTimeMilliseconds(),
                        true);
                    MailboxRows.Insert(c, t, existing);
                    MetaRows.Set(c, t, "default_mailbox_id", existing.Id);
                }

                var now = time.GetUtcNow().ToUnixTimeMilliseconds();
                foreach (var (id, name, scopes, raw) in new (string, string, string[], string)[]
                {
                    (AgentKeyId, "sandbox agent", [Scopes.Read, Scopes.Send], agentKey),
                    (OversightKeyId, "sandbox oversight", [Scopes.Oversight], oversightKey),
                    (AdminKeyId, "sandbox admin", [Scopes.Admin], adminKey),
                })
                {
                    ApiKeyRows.Upsert(c, t, new ApiKeyRecord(id, name, ApiKeyService.DisplayPrefix(raw), scopes, now, null, true), ApiKeyService.Hash(raw));
                }

                AuditRows.Insert(c, t, time, "sandbox.start", "sandbox", tenant, Actors.Sandbox, new { database = database.FilePath is null ? "memory" : "file", keys_issued = new[] { AgentKeyId, OversightKeyId, AdminKeyId } });
                return (tenant, identitySigner, existing, isNew);
            },
            cancellationToken).ConfigureAwait(false);

        var settings = new SandboxSettings
        {
            TenantId = tenantId,
            OperatorName = options.OperatorName,
            OversightEmail = options.OversightEmail,
            MailDomain = options.MailDomain,
            SendQuota = options.SendQuota,
        };
        AccountService.ApplyStored(database, settings);

        if (created && options.SeedDemoMail)
        {
            await SeedDemoMailAsync(new InboxService(database, new Outbox(database, signer, settings, time), time), mailbox.Id, cancellationToken).ConfigureAwait(false);
        }

        return new SandboxState(agentKey, oversightKey, adminKey, mailbox, settings, signer);
    }

    private static async Task SeedDemoMailAsync(InboxService mail, string mailboxId, CancellationToken cancellationToken)
    {
        var first = await mail.ReceiveAsync(
            Actors.Sandbox,
            mailboxId,
            new InboundDraft("dana.customer@example.com", null, [], "Order #1042 arrived damaged", "Hi,\n\nmy order #1042 arrived with a cracked screen. Could you send a replacement?\n\nThanks,\nDana", [], null),
            cancellationToken).ConfigureAwait(false);
        await mail.ReceiveAsync(
            Actors.Sandbox,
            mailboxId,
            new InboundDraft("dana.customer@example.com", null, [], "Re: Order #1042 arrived damaged", "I forgot to add: the box was fine, only the screen is broken. Photos attached.", [new AttachmentRecord("photo.txt", "text/plain", Convert.ToBase64String("(a photo of a cracked screen)"u8.ToArray()))], first.Value?.Id),
            cancellationToken).ConfigureAwait(false);
        await mail.ReceiveAsync(
            Actors.Sandbox,
            mailboxId,
            new InboundDraft("sam@example.org", null, [], "Meeting next week?", "Are you free on Tuesday at 10:00 to go over the Q3 plan?", [], null),
            cancellationToken).ConfigureAwait(false);
    }
}
