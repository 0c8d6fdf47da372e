using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using MultiMail.Sandbox.Storage;

namespace MultiMail.Sandbox.Oversight;

/// <summary>
/// The outbound pipeline (API.md §4 and §10): send and reply (read_only refusal, idempotency, duplicate replies, quota,
/// the mode's gate), cancellation and the release of scheduled mail. Each operation is one write transaction.
/// Operator decisions are <see cref="ReviewService"/>'s; the hand-off itself is <see cref="Outbox"/>'s.
/// </summary>
internal sealed class OutboundMailService
{
    private static readonly TimeSpan IdempotencyTtl = TimeSpan.FromHours(24);
    private static readonly TimeSpan DuplicateReplyWindow = TimeSpan.FromSeconds(60);

    private readonly SandboxDatabase _database;
    private readonly Outbox _outbox;
    private readonly SandboxSettings _settings;
    private readonly TimeProvider _time;

    public OutboundMailService(SandboxDatabase database, Outbox outbox, SandboxSettings settings, TimeProvider time)
    {
        _database = database;
        _outbox = outbox;
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

    public Task<ServiceResult<string>> CancelAsync(string actor, string mailboxId, string emailId, CancellationToken cancellationToken) =>
        _database.WriteAsync<ServiceResult<string>>(
            (c, t) =>
            {
                if (MailboxRows.Get(c, t, mailboxId) is null)
                {
                    return new ServiceError(404, "Mailbox not found");
                }

                // Mail the agent may not see (held or refused inbound mail) is as unknown as missing mail.
                var email = EmailRows.GetVisible(c, t, mailboxId, emailId);
                if (email is null)
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
                            AuditRows.Insert(c, t, _time, "email.send_failed", "email", email.Id, Actors.System, new { reason = mailbox is null ? "mailbox deleted" : "mailbox is read_only" });
                            changed++;
                        }
                    }
                    else if (mailbox.Mode.HoldsOutbound() && email.ApprovedAt is null)
                    {
                        if (EmailRows.TryTransition(c, t, email.Id, [EmailStatus.Scheduled], EmailStatus.PendingSendApproval))
                        {
                            AuditRows.Insert(c, t, _time, "email.schedule_due", "email", email.Id, Actors.System, new { status = EmailStatus.PendingSendApproval });
                            changed++;
                        }
                    }
                    else if (EmailRows.TryTransition(c, t, email.Id, [EmailStatus.Scheduled], EmailStatus.Delivered, deliveredAt: now))
                    {
                        _outbox.Deliver(c, t, email, mailbox, now, Actors.System);
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

    /// <summary>
    /// The earlier email sent with this key within 24 h. One that will never leave (cancelled, rejected, failed) is a
    /// 409 naming its status, not "already_sent": the agent must not believe it went out.
    /// </summary>
    private static ServiceResult<SendReceipt>? Replay(SqliteConnection c, SqliteTransaction t, MailboxRecord mailbox, string? idempotencyKey, long now)
    {
        if (idempotencyKey is null)
        {
            return null;
        }

        var existing = IdempotencyRows.Find(c, t, mailbox.Id, idempotencyKey, now - (long)IdempotencyTtl.TotalMilliseconds);
        if (existing is null)
        {
            return null;
        }

        var status = EmailRows.Get(c, t, existing)?.Status;
        if (status is EmailStatus.Cancelled or EmailStatus.Rejected or EmailStatus.SendFailed)
        {
            return new ServiceError(
                409,
                "An earlier request with this idempotency_key created email " + existing + ", which was " + (status == EmailStatus.SendFailed ? "not sent (send_failed)" : status)
                + " and will not be sent. Nothing new was created; to send the email again, use a new idempotency_key.");
        }

        return new SendReceipt(existing, null, Replayed: true, "Already sent: an earlier request used this idempotency_key.");
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

        var (cc, bcc, markdown) = Outbox.Envelope(mailbox, draft.Cc, draft.Bcc, draft.Markdown);
        var email = new EmailRecord
        {
            Id = Ids.New("em_", _time),
            MailboxId = mailbox.Id,
            Direction = Directions.Outbound,
            From = mailbox.Address,
            To = draft.To,
            Cc = cc,
            Bcc = bcc,
            Subject = draft.Subject,
            Markdown = markdown,
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
            new { mailbox_id = mailbox.Id, oversight_mode = mode, status, recipients = draft.To.Count + cc.Count + bcc.Count });

        string message;
        if (status == EmailStatus.Delivered)
        {
            _outbox.Deliver(c, t, email, mailbox, now, actor);
            message = mailbox.Mode == SandboxOversightMode.Monitored
                ? "Accepted and sent (monitored mode: a copy went to the operator's oversight address)."
                : "Accepted and sent (autonomous mode).";
        }
        else if (status == EmailStatus.Scheduled)
        {
            message = "Accepted and scheduled for " + SandboxSettings.FromMilliseconds(draft.SendAt!.Value).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
                + (mailbox.Mode.HoldsOutbound() ? "; it will then wait for operator approval (" + mode + " mode)." : ".");
        }
        else
        {
            message = "Accepted. Mailbox is in " + mode + " mode: the email waits for operator approval before it is sent.";
        }

        return new SendReceipt(email.Id, email.ThreadId, Replayed: false, message);
    }

    /// <summary>SHA-256 of a reply's content (body, copies and attachments), for the 60-second duplicate check.</summary>
    private static string ContentHash(ReplyDraft draft)
    {
        var canonical = StoredJson.Write(new object[] { draft.Markdown, draft.Cc, draft.Bcc, draft.Attachments });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
