using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Data.Sqlite;
using MultiMail.Sandbox.Identity;
using MultiMail.Sandbox.Storage;

namespace MultiMail.Sandbox.Oversight;

/// <summary>
/// The simulated SMTP hand-off: every message that leaves the sandbox is written here, inside the caller's write
/// transaction (so a decision and its delivery commit together). Deliveries carry the signed identity header.
/// </summary>
internal sealed class Outbox
{
    private readonly SandboxDatabase _database;
    private readonly IdentitySigner _signer;
    private readonly SandboxSettings _settings;
    private readonly TimeProvider _time;

    public Outbox(SandboxDatabase database, IdentitySigner signer, SandboxSettings settings, TimeProvider time)
    {
        _database = database;
        _signer = signer;
        _settings = settings;
        _time = time;
    }

    /// <summary>Delivered messages, oldest first, optionally of one mailbox.</summary>
    public IReadOnlyList<OutboxRecord> List(string? mailboxId) => _database.Read(c => OutboxRows.List(c, mailboxId));

    /// <summary>
    /// Hands an approved or autonomous email to the outbox, signed, plus the operator's copy in monitored mode. The
    /// envelope and body are the email's own, fixed when it was created (<see cref="Envelope"/>): exactly what the
    /// operator reviewed leaves, whatever changed in the mailbox's settings since.
    /// </summary>
    public string Deliver(SqliteConnection c, SqliteTransaction t, EmailRecord email, MailboxRecord mailbox, long now, string actor)
    {
        var header = _signer.CreateHeader(mailbox.Address, mailbox.Mode.ToWire(), _settings.OperatorName, SandboxSettings.FromMilliseconds(now));
        var body = email.Markdown;
        var attachments = email.Attachments;
        var messageId = Ids.New("msg_", _time);
        OutboxRows.Insert(c, t, new OutboxRecord(
            messageId,
            email.Id,
            mailbox.Id,
            "delivery",
            mailbox.Address,
            email.To,
            email.Cc,
            email.Bcc,
            email.Subject,
            body,
            attachments,
            header,
            now));
        var copied = mailbox.Mode == SandboxOversightMode.Monitored;
        if (copied)
        {
            OutboxRows.Insert(c, t, new OutboxRecord(
                Ids.New("msg_", _time), email.Id, mailbox.Id, "oversight_copy", mailbox.Address, [_settings.OversightEmail], [], [], email.Subject, body, attachments, header, now));
        }

        AuditRows.Insert(c, t, _time, "email.deliver", "email", email.Id, actor, new { outbox_message_id = messageId, oversight_copy = copied });
        return messageId;
    }

    /// <summary>Forwards a delivered inbound email to the oversight address (mailbox setting <c>forward_inbound</c>).</summary>
    public void Forward(SqliteConnection c, SqliteTransaction t, EmailRecord email, MailboxRecord mailbox, long now)
    {
        var header = _signer.CreateHeader(mailbox.Address, mailbox.Mode.ToWire(), _settings.OperatorName, SandboxSettings.FromMilliseconds(now));
        var body = "---------- Forwarded message ----------\nFrom: " + email.From + "\nSubject: " + email.Subject + "\n\n" + email.Markdown;
        OutboxRows.Insert(c, t, new OutboxRecord(
            Ids.New("msg_", _time), email.Id, mailbox.Id, "forward", mailbox.Address, [_settings.OversightEmail], [], [], "Fwd: " + email.Subject, body,
            email.Attachments, header, now));
    }

    /// <summary>A service notice to the operator (upgrade codes and the like): no identity header, not agent mail.</summary>
    public void NotifyOperator(SqliteConnection c, SqliteTransaction t, string mailboxId, string subject, string body, long now) =>
        OutboxRows.Insert(c, t, new OutboxRecord(
            Ids.New("msg_", _time), null, mailboxId, "operator_notice", _settings.NoReplyAddress, [_settings.OversightEmail], [], [], subject, body, [], null, now));

    /// <summary>
    /// What an outbound email will carry, fixed when it is created: the agent's recipients plus the mailbox's
    /// <c>auto_cc</c>/<c>auto_bcc</c>, and the body plus the mailbox's signature block.
    /// </summary>
    public static (IReadOnlyList<string> Cc, IReadOnlyList<string> Bcc, string Markdown) Envelope(MailboxRecord mailbox, IReadOnlyList<string> cc, IReadOnlyList<string> bcc, string markdown) =>
        (WithExtra(cc, mailbox.AutoCc), WithExtra(bcc, mailbox.AutoBcc), string.IsNullOrEmpty(mailbox.SignatureBlock) ? markdown : markdown + "\n\n-- \n" + mailbox.SignatureBlock);

    private static IReadOnlyList<string> WithExtra(IReadOnlyList<string> list, string? extra) =>
        extra is null || list.Contains(extra, StringComparer.OrdinalIgnoreCase) ? list : [.. list, extra];
}
