using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using MultiMail.Sandbox.Storage;

namespace MultiMail.Sandbox.Oversight;

/// <summary>
/// A mailbox's mail as its agent sees it (API.md §2.2, §2.4, §2.5): inbound mail arriving (held in gated_all), listing,
/// reading, threads, attachments and tags. Mail the agent may not see (held or refused inbound mail) is reported
/// exactly like mail that does not exist.
/// </summary>
internal sealed class InboxService
{
    private readonly SandboxDatabase _database;
    private readonly Outbox _outbox;
    private readonly TimeProvider _time;

    public InboxService(SandboxDatabase database, Outbox outbox, TimeProvider time)
    {
        _database = database;
        _outbox = outbox;
        _time = time;
    }

    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Simulated inbound mail from outside; held as <c>pending_inbound_approval</c> in gated_all.</summary>
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
                    _outbox.Forward(c, t, email, mailbox, now);
                }

                return new InboundReceipt(email.Id, status, email.ThreadId);
            },
            cancellationToken);

    /// <summary>A page of the mailbox's visible mail, newest first; <c>since_id</c> is resolved here.</summary>
    public ServiceResult<(IReadOnlyList<EmailRecord> Page, long? NextCursor)> List(string mailboxId, EmailFilter filter, string? sinceId, int limit) =>
        _database.Read<ServiceResult<(IReadOnlyList<EmailRecord>, long?)>>(c =>
        {
            if (MailboxRows.Get(c, null, mailboxId) is null)
            {
                return new ServiceError(404, "Mailbox not found");
            }

            if (sinceId is not null)
            {
                var since = EmailRows.SeqOf(c, mailboxId, sinceId);
                if (since is null)
                {
                    return new ServiceError(400, "since_id does not name an email in this mailbox.");
                }

                filter = filter with { SinceSeq = since };
            }

            var rows = EmailRows.List(c, mailboxId, filter, limit + 1);
            var page = rows.Take(limit).ToArray();

            // The cursor is opaque: the position after the page's last (oldest) email.
            return (page, rows.Count > limit ? page[^1].Seq : null);
        });

    /// <summary>Reads an email for its mailbox's agent; an unread email becomes read.</summary>
    public async Task<ServiceResult<EmailRecord>> ReadAsync(string actor, string mailboxId, string emailId, CancellationToken cancellationToken)
    {
        var found = Find(mailboxId, emailId);
        if (found.Error is not null || found.Value!.Status != EmailStatus.Unread)
        {
            return found;
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

    /// <summary>A visible email without side effects (tags, attachments).</summary>
    public ServiceResult<EmailRecord> Find(string mailboxId, string emailId) =>
        _database.Read(c => FindVisible(c, null, mailboxId, emailId, out var email) ?? (ServiceResult<EmailRecord>)email!);

    /// <summary>The visible emails of a thread, oldest first; an unknown thread (or a deleted mailbox's) is 404.</summary>
    public ServiceResult<IReadOnlyList<EmailRecord>> Thread(string mailboxId, string threadId) =>
        _database.Read<ServiceResult<IReadOnlyList<EmailRecord>>>(c =>
            MailboxRows.Get(c, null, mailboxId) is null ? new ServiceError(404, "Mailbox not found")
            : EmailRows.Thread(c, mailboxId, threadId) is { Count: > 0 } emails ? emails
            : new ServiceError(404, "Thread not found"));

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

    private static ServiceError? FindVisible(SqliteConnection c, SqliteTransaction? t, string mailboxId, string emailId, out EmailRecord? email)
    {
        email = null;
        if (MailboxRows.Get(c, t, mailboxId) is null)
        {
            return new ServiceError(404, "Mailbox not found");
        }

        email = EmailRows.GetVisible(c, t, mailboxId, emailId);
        return email is null ? new ServiceError(404, "Email not found") : null;
    }
}
