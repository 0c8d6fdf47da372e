using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using MultiMail.Sandbox.Identity;
using MultiMail.Sandbox.Storage;

namespace MultiMail.Sandbox.Oversight;

/// <summary>
/// The email state machine (API.md §4 and §10), enforced for every caller: sending, replying, simulated inbound mail,
/// oversight decisions, cancellation, scheduled release and delivery into the outbox. Each operation is one write
/// transaction, so a decision, its delivery and its audit entries commit together or not at all.
/// </summary>
internal sealed class MailService
{
    /// <summary>The actor recorded for in-process helper calls.</summary>
    public const string SandboxActor = "sandbox";

    /// <summary>The actor recorded for the scheduler.</summary>
    public const string SystemActor = "system";

    private static readonly TimeSpan IdempotencyTtl = TimeSpan.FromHours(24);
    private static readonly TimeSpan DuplicateReplyWindow = TimeSpan.FromSeconds(60);

    private readonly SandboxDatabase _database;
    private readonly IdentitySigner _signer;
    private readonly SandboxSettings _settings;
    private readonly TimeProvider _time;

    public MailService(SandboxDatabase database, IdentitySigner signer, SandboxSettings settings, TimeProvider time)
    {
        _database = database;
        _signer = signer;
        _settings = settings;
        _time = time;
    }

    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    public Task<ServiceResult<SendReceipt>> SendAsync(string actor, string mailboxId, OutboundDraft draft, CancellationToken cancellationToken) =>
        _database.WriteAsync<ServiceResult<SendReceipt>>(
            (c, t) =>
            {
                var now = Now;
                if (CheckSendable(c, t, actor, mailboxId, out var mailbox) is { } refusal)
                {
                    return refusal;
                }

                if (draft.SendAt is { } sendAt && sendAt <= now)
                {
                    return new ServiceError(400, "send_at must be in the future.");
                }

                if (Replay(c, t, mailbox!, draft.IdempotencyKey, now) is { } replay)
                {
                    return replay;
                }

                return CreateOutbound(c, t, actor, mailbox!, draft, parent: null, contentHash: null, now);
            },
            cancellationToken);

    public Task<ServiceResult<SendReceipt>> ReplyAsync(string actor, string mailboxId, string emailId, ReplyDraft draft, CancellationToken cancellationToken) =>
        _database.WriteAsync<ServiceResult<SendReceipt>>(
            (c, t) =>
            {
                var now = Now;
                if (CheckSendable(c, t, actor, mailboxId, out var mailbox) is { } refusal)
                {
                    return refusal;
                }

                var parent = EmailRows.GetVisible(c, t, mailboxId, emailId);
                if (parent is null)
                {
                    return new ServiceError(404, "Email not found");
                }

                if (Replay(c, t, mailbox!, draft.IdempotencyKey, now) is { } replay)
                {
                    return replay;
                }

                var hash = ContentHash(draft);
                var since = now - (long)DuplicateReplyWindow.TotalMilliseconds;
                if (EmailRows.RecentDuplicateReply(c, t, parent.Id, hash, since) is { } duplicate)
                {
                    AuditRows.Insert(c, t, _time, "email.reply_duplicate", "email", parent.Id, actor, new { duplicate_of = duplicate });
                    return new ServiceError(409, "Duplicate reply: the same content was sent in reply to this email less than 60 seconds ago (" + duplicate + ").");
                }

                var to = parent.IsInbound ? new[] { parent.From } : parent.To.ToArray();
                var subject = parent.Subject.StartsWith("Re:", StringComparison.OrdinalIgnoreCase) ? parent.Subject : "Re: " + parent.Subject;
                var outbound = new OutboundDraft(to, draft.Cc, draft.Bcc, subject, draft.Markdown, draft.Attachments, draft.IdempotencyKey, null, null);
                return CreateOutbound(c, t, actor, mailbox!, outbound, parent, hash, now);
            },
            cancellationToken);

    public Task<ServiceResult<InboundReceipt>> ReceiveAsync(string actor, string mailboxId, InboundDraft draft, CancellationToken cancellationToken) =>
        _database.WriteAsync<ServiceResult<InboundReceipt>>(
            (c, t) =>
            {
                var now = Now;
                var mailbox = MailboxRows.Get(c, t, mailboxId);
                if (mailbox is null)
                {
                    return new ServiceError(404, "Mailbox not found");
                }

                EmailRecord? parent = null;
                if (draft.InReplyTo is { } parentId)
                {
                    parent = EmailRows.Get(c, t, parentId);
                    if (parent is null || parent.MailboxId != mailbox.Id)
                    {
                        return new ServiceError(400, "in_reply_to does not name an email in this mailbox.");
                    }
                }

                var status = mailbox.Mode == SandboxOversightMode.GatedAll ? EmailStatus.PendingInboundApproval : EmailStatus.Unread;
                var email = new EmailRecord
                {
                    Id = Ids.New("em_", _time),
                    MailboxId = mailbox.Id,
                    Direction = Directions.Inbound,
                    From = draft.From,
                    To = draft.To ?? [mailbox.Address],
                    Cc = draft.Cc,
                    Bcc = [],
                    Subject = StripReplyPrefixes(draft.Subject),
                    Markdown = draft.Markdown,
                    Status = status,
                    ReceivedAt = now,
                    ThreadId = parent?.ThreadId ?? Ids.New("th_", _time),
                    ParentId = parent?.Id,
                    Attachments = draft.Attachments,
                    Tags = new SortedDictionary<string, string>(),
                    CreatedBy = actor,
                };
                EmailRows.Insert(c, t, email);
                AuditRows.Insert(c, t, _time, "email.receive", "email", email.Id, actor, new { mailbox_id = mailbox.Id, status, from = email.From });
                if (status == EmailStatus.Unread && mailbox.ForwardInbound)
                {
                    Forward(c, t, email, mailbox, now);
                }

                return new InboundReceipt(email.Id, status, email.ThreadId);
            },
            cancellationToken);

    /// <summary>Applies an operator decision; <paramref name="via"/> (<c>api</c> or <c>review_page</c>) is audited with the reason.</summary>
    public Task<ServiceResult<DecisionOutcome>> DecideAsync(string actor, string emailId, bool approve, string? reason, string via, CancellationToken cancellationToken) =>
        _database.WriteAsync<ServiceResult<DecisionOutcome>>(
            (c, t) =>
            {
                var now = Now;
                var email = EmailRows.Get(c, t, emailId);
                if (email is null)
                {
                    return new ServiceError(404, "Email not found");
                }

                if (email.Status is not (EmailStatus.PendingSendApproval or EmailStatus.PendingInboundApproval))
                {
                    return new ServiceError(409, "Email is not pending approval (status: " + email.Status + ").");
                }

                var mailbox = MailboxRows.Get(c, t, email.MailboxId);
                var lost = new ServiceError(409, "Email is no longer pending approval: another decision was applied first.");
                string result;
                string? messageId = null;
                if (!approve)
                {
                    if (!EmailRows.TryTransition(c, t, email.Id, [email.Status], EmailStatus.Rejected))
                    {
                        return lost;
                    }

                    result = "rejected";
                }
                else if (email.IsInbound)
                {
                    if (!EmailRows.TryTransition(c, t, email.Id, [EmailStatus.PendingInboundApproval], EmailStatus.Unread, approvedAt: now, approvedBy: actor))
                    {
                        return lost;
                    }

                    if (mailbox is { ForwardInbound: true })
                    {
                        Forward(c, t, email, mailbox, now);
                    }

                    result = "approved";
                }
                else if (mailbox is null)
                {
                    return new ServiceError(409, "The sending mailbox was deleted; the email can only be rejected.");
                }
                else if (email.SendAt is { } sendAt && sendAt > now)
                {
                    if (!EmailRows.TryTransition(c, t, email.Id, [EmailStatus.PendingSendApproval], EmailStatus.Scheduled, approvedAt: now, approvedBy: actor))
                    {
                        return lost;
                    }

                    result = "approved";
                }
                else
                {
                    if (!EmailRows.TryTransition(c, t, email.Id, [EmailStatus.PendingSendApproval], EmailStatus.Delivered, approvedAt: now, approvedBy: actor, deliveredAt: now))
                    {
                        return lost;
                    }

                    result = "approved_and_sent";
                }

                // The decision is audited before the delivery it causes, so the log reads in causal order.
                AuditRows.Insert(
                    c,
                    t,
                    _time,
                    approve ? "oversight.approve" : "oversight.reject",
                    "email",
                    email.Id,
                    actor,
                    new { reason, direction = email.Direction, mailbox_id = email.MailboxId, result, via });
                if (result == "approved_and_sent")
                {
                    messageId = WriteOutbox(c, t, email, mailbox!, now, actor);
                }

                return new DecisionOutcome(email.Id, result, messageId);
            },
            cancellationToken);

    public Task<ServiceResult<string>> CancelAsync(string actor, string mailboxId, string emailId, CancellationToken cancellationToken) =>
        _database.WriteAsync<ServiceResult<string>>(
            (c, t) =>
            {
                if (MailboxRows.Get(c, t, mailboxId) is null)
                {
                    return new ServiceError(404, "Mailbox not found");
                }

                var email = EmailRows.Get(c, t, emailId);
                if (email is null || email.MailboxId != mailboxId)
                {
                    return new ServiceError(404, "Email not found");
                }

                if (email.Status == EmailStatus.Cancelled)
                {
                    return email.Id;
                }

                if (!EmailStatus.Cancellable.Contains(email.Status)
                    || !EmailRows.TryTransition(c, t, email.Id, EmailStatus.Cancellable.ToArray(), EmailStatus.Cancelled))
                {
                    return new ServiceError(
                        409,
                        "Email cannot be cancelled in status '" + email.Status + "': only pending_scan, pending_send_approval, pending_inbound_approval and scheduled emails can be.");
                }

                AuditRows.Insert(c, t, _time, "email.cancel", "email", email.Id, actor, new { previous_status = email.Status });
                return email.Id;
            },
            cancellationToken);

    /// <summary>Reads an email for its mailbox's agent; an unread email becomes read.</summary>
    public async Task<ServiceResult<EmailRecord>> ReadAsync(string actor, string mailboxId, string emailId, CancellationToken cancellationToken)
    {
        var found = _database.Read(c => (Mailbox: MailboxRows.Get(c, null, mailboxId), Email: EmailRows.GetVisible(c, null, mailboxId, emailId)));
        if (found.Mailbox is null)
        {
            return new ServiceError(404, "Mailbox not found");
        }

        if (found.Email is null)
        {
            return new ServiceError(404, "Email not found");
        }

        if (found.Email.Status != EmailStatus.Unread)
        {
            return found.Email;
        }

        return await _database.WriteAsync(
            (c, t) =>
            {
                if (EmailRows.TryTransition(c, t, emailId, [EmailStatus.Unread], EmailStatus.Read))
                {
                    AuditRows.Insert(c, t, _time, "email.read", "email", emailId, actor);
                }

                return EmailRows.Get(c, t, emailId)!;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Merges <paramref name="tags"/> into an email's tags (existing keys are overwritten) and returns the result.</summary>
    public Task<ServiceResult<IReadOnlyDictionary<string, string>>> MergeTagsAsync(
        string actor, string mailboxId, string emailId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken) =>
        _database.WriteAsync<ServiceResult<IReadOnlyDictionary<string, string>>>(
            (c, t) =>
            {
                if (FindVisible(c, t, mailboxId, emailId, out var email) is { } missing)
                {
                    return missing;
                }

                var merged = new SortedDictionary<string, string>(email!.Tags.ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal);
                foreach (var (key, value) in tags)
                {
                    merged[key] = value;
                }

                EmailRows.SetTags(c, t, email.Id, merged);
                AuditRows.Insert(c, t, _time, "email.tags_update", "email", email.Id, actor, new { keys = tags.Keys.ToArray() });
                return merged;
            },
            cancellationToken);

    /// <summary>Removes one tag; the value says whether it existed.</summary>
    public Task<ServiceResult<bool>> DeleteTagAsync(string actor, string mailboxId, string emailId, string key, CancellationToken cancellationToken) =>
        _database.WriteAsync<ServiceResult<bool>>(
            (c, t) =>
            {
                if (FindVisible(c, t, mailboxId, emailId, out var email) is { } missing)
                {
                    return missing;
                }

                var tags = new SortedDictionary<string, string>(email!.Tags.ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal);
                if (!tags.Remove(key))
                {
                    return false;
                }

                EmailRows.SetTags(c, t, email.Id, tags);
                AuditRows.Insert(c, t, _time, "email.tag_delete", "email", email.Id, actor, new { key });
                return true;
            },
            cancellationToken);

    /// <summary>Whether any scheduled email is due (a cheap read before <see cref="ReleaseDueAsync"/>).</summary>
    public bool AnyDue() => _database.Read(c => EmailRows.DueScheduled(c, null, Now).Count > 0);

    /// <summary>
    /// Releases scheduled emails whose <c>send_at</c> has come: delivered, or (when the mailbox holds outbound mail and
    /// nobody approved it yet, the <c>schedule_first</c> case) moved to <c>pending_send_approval</c>. A mailbox that
    /// became read_only meanwhile fails the send. Returns how many emails changed.
    /// </summary>
    public Task<int> ReleaseDueAsync(CancellationToken cancellationToken) =>
        _database.WriteAsync(
            (c, t) =>
            {
                var now = Now;
                var changed = 0;
                foreach (var email in EmailRows.DueScheduled(c, t, now))
                {
                    var mailbox = MailboxRows.Get(c, t, email.MailboxId);
                    if (mailbox is null || mailbox.Mode == SandboxOversightMode.ReadOnly)
                    {
                        if (EmailRows.TryTransition(c, t, email.Id, [EmailStatus.Scheduled], EmailStatus.SendFailed))
                        {
                            AuditRows.Insert(c, t, _time, "email.send_failed", "email", email.Id, SystemActor, new { reason = mailbox is null ? "mailbox deleted" : "mailbox is read_only" });
                            changed++;
                        }
                    }
                    else if (mailbox.Mode.HoldsOutbound() && email.ApprovedAt is null)
                    {
                        if (EmailRows.TryTransition(c, t, email.Id, [EmailStatus.Scheduled], EmailStatus.PendingSendApproval))
                        {
                            AuditRows.Insert(c, t, _time, "email.schedule_due", "email", email.Id, SystemActor, new { status = EmailStatus.PendingSendApproval });
                            changed++;
                        }
                    }
                    else if (EmailRows.TryTransition(c, t, email.Id, [EmailStatus.Scheduled], EmailStatus.Delivered, deliveredAt: now))
                    {
                        WriteOutbox(c, t, email, mailbox, now, SystemActor);
                        changed++;
                    }
                }

                return changed;
            },
            cancellationToken);

    private ServiceError? CheckSendable(SqliteConnection c, SqliteTransaction t, string actor, string mailboxId, out MailboxRecord? mailbox)
    {
        mailbox = MailboxRows.Get(c, t, mailboxId);
        if (mailbox is null)
        {
            return new ServiceError(404, "Mailbox not found");
        }

        if (mailbox.Mode == SandboxOversightMode.ReadOnly)
        {
            AuditRows.Insert(c, t, _time, "email.send_blocked", "mailbox", mailbox.Id, actor, new { reason = "read_only" });
            return new ServiceError(
                403,
                "Mailbox is in read_only mode: sending and replying are blocked. Ask the operator to raise the oversight mode (POST /v1/mailboxes/"
                + mailbox.Id + "/request-upgrade).");
        }

        return null;
    }

    private ServiceError? CheckQuota(SqliteConnection c, SqliteTransaction t, string actor, MailboxRecord mailbox, long now)
    {
        if (_settings.SendQuota is { } quota)
        {
            var windowMs = (long)quota.Window.TotalMilliseconds;
            var (count, oldest) = EmailRows.OutboundSince(c, t, mailbox.Id, now - windowMs);
            if (count >= quota.MaxSends)
            {
                var wait = TimeSpan.FromMilliseconds(Math.Max(1000, (oldest ?? now) + windowMs - now));
                var seconds = (long)Math.Ceiling(wait.TotalSeconds);
                AuditRows.Insert(c, t, _time, "email.send_rate_limited", "mailbox", mailbox.Id, actor, new { max_sends = quota.MaxSends, window_seconds = (long)quota.Window.TotalSeconds });
                return new ServiceError(
                    429,
                    "Send quota exceeded: this mailbox may send " + quota.MaxSends + " emails per " + (long)quota.Window.TotalSeconds
                    + " seconds. Retry after " + seconds + " seconds.",
                    TimeSpan.FromSeconds(seconds));
            }
        }

        return null;
    }

    private static SendReceipt? Replay(SqliteConnection c, SqliteTransaction t, MailboxRecord mailbox, string? idempotencyKey, long now)
    {
        if (idempotencyKey is null)
        {
            return null;
        }

        var existing = IdempotencyRows.Find(c, t, mailbox.Id, idempotencyKey, now - (long)IdempotencyTtl.TotalMilliseconds);
        return existing is null ? null : new SendReceipt(existing, null, Replayed: true, "Already sent: an earlier request used this idempotency_key.");
    }

    private ServiceResult<SendReceipt> CreateOutbound(
        SqliteConnection c, SqliteTransaction t, string actor, MailboxRecord mailbox, OutboundDraft draft, EmailRecord? parent, string? contentHash, long now)
    {
        if (CheckQuota(c, t, actor, mailbox, now) is { } overQuota)
        {
            return overQuota;
        }

        var gateTiming = draft.GateTiming ?? mailbox.DefaultGateTiming;
        string status;
        if (mailbox.Mode.HoldsOutbound())
        {
            status = draft.SendAt is not null && gateTiming == "schedule_first" ? EmailStatus.Scheduled : EmailStatus.PendingSendApproval;
        }
        else
        {
            status = draft.SendAt is not null ? EmailStatus.Scheduled : EmailStatus.Delivered;
        }

        var email = new EmailRecord
        {
            Id = Ids.New("em_", _time),
            MailboxId = mailbox.Id,
            Direction = Directions.Outbound,
            From = mailbox.Address,
            To = draft.To,
            Cc = draft.Cc,
            Bcc = draft.Bcc,
            Subject = draft.Subject,
            Markdown = draft.Markdown,
            Status = status,
            ReceivedAt = now,
            ThreadId = parent?.ThreadId ?? Ids.New("th_", _time),
            ParentId = parent?.Id,
            Attachments = draft.Attachments,
            Tags = new SortedDictionary<string, string>(),
            DeliveredAt = status == EmailStatus.Delivered ? now : null,
            SendAt = draft.SendAt,
            GateTiming = draft.SendAt is null ? null : gateTiming,
            ContentHash = contentHash,
            CreatedBy = actor,
        };
        EmailRows.Insert(c, t, email);
        if (draft.IdempotencyKey is { } key)
        {
            IdempotencyRows.Put(c, t, mailbox.Id, key, email.Id, now);
        }

        var mode = mailbox.Mode.ToWire();
        AuditRows.Insert(
            c,
            t,
            _time,
            parent is null ? "email.send" : "email.reply",
            "email",
            email.Id,
            actor,
            new { mailbox_id = mailbox.Id, oversight_mode = mode, status, recipients = draft.To.Count + draft.Cc.Count + draft.Bcc.Count });

        string message;
        if (status == EmailStatus.Delivered)
        {
            WriteOutbox(c, t, email, mailbox, now, actor);
            message = mailbox.Mode == SandboxOversightMode.Monitored
                ? "Accepted and sent (monitored mode: a copy went to the operator's oversight address)."
                : "Accepted and sent (autonomous mode).";
        }
        else if (status == EmailStatus.Scheduled)
        {
            message = "Accepted and scheduled for " + SandboxSettings.FromMilliseconds(draft.SendAt!.Value).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)
                + (mailbox.Mode.HoldsOutbound() ? "; it will then wait for operator approval (" + mode + " mode)." : ".");
        }
        else
        {
            message = "Accepted. Mailbox is in " + mode + " mode: the email waits for operator approval before it is sent.";
        }

        return new SendReceipt(email.Id, email.ThreadId, Replayed: false, message);
    }

    private ServiceError? FindVisible(SqliteConnection c, SqliteTransaction t, string mailboxId, string emailId, out EmailRecord? email)
    {
        email = null;
        if (MailboxRows.Get(c, t, mailboxId) is null)
        {
            return new ServiceError(404, "Mailbox not found");
        }

        email = EmailRows.GetVisible(c, t, mailboxId, emailId);
        return email is null ? new ServiceError(404, "Email not found") : null;
    }

    /// <summary>Hands an approved or autonomous email to the outbox, signed, plus the operator's copy in monitored mode.</summary>
    private string WriteOutbox(SqliteConnection c, SqliteTransaction t, EmailRecord email, MailboxRecord mailbox, long now, string actor)
    {
        var header = _signer.CreateHeader(mailbox.Address, mailbox.Mode.ToWire(), _settings.OperatorName, SandboxSettings.FromMilliseconds(now));
        var body = string.IsNullOrEmpty(mailbox.SignatureBlock) ? email.Markdown : email.Markdown + "\n\n-- \n" + mailbox.SignatureBlock;
        var attachmentNames = email.Attachments.Select(a => a.Name).ToArray();
        var messageId = Ids.New("msg_", _time);
        OutboxRows.Insert(c, t, new OutboxRecord(
            messageId,
            email.Id,
            mailbox.Id,
            "delivery",
            mailbox.Address,
            email.To,
            WithExtra(email.Cc, mailbox.AutoCc),
            WithExtra(email.Bcc, mailbox.AutoBcc),
            email.Subject,
            body,
            attachmentNames,
            header,
            now));
        var copied = mailbox.Mode == SandboxOversightMode.Monitored;
        if (copied)
        {
            OutboxRows.Insert(c, t, new OutboxRecord(
                Ids.New("msg_", _time), email.Id, mailbox.Id, "oversight_copy", mailbox.Address, [_settings.OversightEmail], [], [], email.Subject, body, attachmentNames, header, now));
        }

        AuditRows.Insert(c, t, _time, "email.deliver", "email", email.Id, actor, new { outbox_message_id = messageId, oversight_copy = copied });
        return messageId;
    }

    /// <summary>Forwards a delivered inbound email to the oversight address (mailbox setting <c>forward_inbound</c>).</summary>
    private void Forward(SqliteConnection c, SqliteTransaction t, EmailRecord email, MailboxRecord mailbox, long now)
    {
        var header = _signer.CreateHeader(mailbox.Address, mailbox.Mode.ToWire(), _settings.OperatorName, SandboxSettings.FromMilliseconds(now));
        var body = "---------- Forwarded message ----------\nFrom: " + email.From + "\nSubject: " + email.Subject + "\n\n" + email.Markdown;
        OutboxRows.Insert(c, t, new OutboxRecord(
            Ids.New("msg_", _time), email.Id, mailbox.Id, "forward", mailbox.Address, [_settings.OversightEmail], [], [], "Fwd: " + email.Subject, body,
            email.Attachments.Select(a => a.Name).ToArray(), header, now));
    }

    private static IReadOnlyList<string> WithExtra(IReadOnlyList<string> list, string? extra) =>
        extra is null || list.Contains(extra, StringComparer.OrdinalIgnoreCase) ? list : [.. list, extra];

    /// <summary>Strips leading <c>Re:</c>/<c>Fwd:</c>/<c>Fw:</c> prefixes from an inbound subject (MCP-CL 0.5.2).</summary>
    internal static string StripReplyPrefixes(string subject)
    {
        var text = subject.Trim();
        while (true)
        {
            var stripped = text;
            foreach (var prefix in new[] { "re:", "fwd:", "fw:" })
            {
                if (stripped.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    stripped = stripped[prefix.Length..].TrimStart();
                }
            }

            if (stripped == text)
            {
                return text;
            }

            text = stripped;
        }
    }

    /// <summary>SHA-256 of a reply's content (body, copies and attachments), for the 60-second duplicate check.</summary>
    private static string ContentHash(ReplyDraft draft)
    {
        var canonical = StoredJson.Write(new object[] { draft.Markdown, draft.Cc, draft.Bcc, draft.Attachments });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
