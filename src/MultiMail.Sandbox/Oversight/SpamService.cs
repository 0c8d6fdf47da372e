using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MultiMail.Sandbox.Storage;

namespace MultiMail.Sandbox.Oversight;

/// <summary>
/// Spam (API.md §2.7): an inbound email reported as spam is quarantined (<c>spam_quarantined</c>); marked not spam, it
/// returns to the inbox as <c>unread</c>. Tenant-wide, by email id. The sandbox runs no spam scanner, so nothing becomes
/// <c>spam_flagged</c> by itself; mail held for the operator (gated_all) is as unknown here as anywhere else.
/// </summary>
internal sealed class SpamService
{
    public static readonly IReadOnlyList<string> SpamStatuses = ["spam_flagged", "spam_quarantined"];
    private static readonly IReadOnlyList<string> Reportable = [EmailStatus.Unread, EmailStatus.Read, "spam_flagged", "spam_quarantined"];

    private readonly SandboxDatabase _database;
    private readonly TimeProvider _time;

    public SpamService(SandboxDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    /// <summary>Quarantines an inbound email; the new status.</summary>
    public Task<ServiceResult<string>> ReportAsync(string actor, string emailId, CancellationToken cancellationToken) =>
        ChangeAsync(actor, emailId, report: true, cancellationToken);

    /// <summary>Returns a spam email to the inbox as unread (an email that is not spam keeps its status); the new status.</summary>
    public Task<ServiceResult<string>> ClearAsync(string actor, string emailId, CancellationToken cancellationToken) =>
        ChangeAsync(actor, emailId, report: false, cancellationToken);

    /// <summary>A page of spam across every active mailbox, newest first, and the cursor of the next page.</summary>
    public (IReadOnlyList<EmailRecord> Page, long? NextCursor) List(string? status, long? beforeSeq, int limit) =>
        _database.Read(c =>
        {
            var statuses = status is null ? SpamStatuses : [status];
            var rows = ParityQueries.Spam(c, statuses, beforeSeq, limit + 1);
            var page = rows.Take(limit).Select(r => EmailRows.Get(c, null, r.Id)!).ToArray();
            return ((IReadOnlyList<EmailRecord>)page, rows.Count > limit ? rows[limit - 1].Seq : (long?)null);
        });

    private Task<ServiceResult<string>> ChangeAsync(string actor, string emailId, bool report, CancellationToken cancellationToken) =>
        _database.WriteAsync<ServiceResult<string>>(
            (c, t) =>
            {
                var email = EmailRows.Get(c, t, emailId);
                var mailbox = email is null ? null : MailboxRows.Get(c, t, email.MailboxId);
                if (email is null || mailbox is not { IsActive: true } || Hidden(email))
                {
                    return new ServiceError(404, "Email not found");
                }

                if (email.Direction != "inbound")
                {
                    return new ServiceError(409, "Only inbound email can be marked as spam or not spam.");
                }

                var target = report ? "spam_quarantined" : EmailStatus.Unread;
                var from = report ? Reportable : SpamStatuses;
                if (!from.Contains(email.Status))
                {
                    return email.Status;   // not spam: nothing to restore
                }

                if (email.Status != target && !EmailRows.TryTransition(c, t, email.Id, from.ToArray(), target))
                {
                    return new ServiceError(409, "The email changed meanwhile; try again.");
                }

                AuditRows.Insert(c, t, _time, report ? "email.report_spam" : "email.not_spam", "email", email.Id, actor, new { from = email.Status });
                return target;
            },
            cancellationToken);

    /// <summary>Inbound mail the agent never got to see (held for the operator, then possibly refused).</summary>
    private static bool Hidden(EmailRecord email) =>
        email.Direction == "inbound" && email.Status is EmailStatus.PendingInboundApproval or EmailStatus.Rejected or EmailStatus.Cancelled;
}
