using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MultiMail.Sandbox.Storage;

namespace MultiMail.Sandbox.Oversight;

/// <summary>
/// The operator's side (API.md §2.6): the tenant-wide queue of mail waiting for a decision, and the decision itself.
/// A decision, the delivery it causes and its audit entries are one write transaction.
/// </summary>
internal sealed class ReviewService
{
    private readonly SandboxDatabase _database;
    private readonly Outbox _outbox;
    private readonly TimeProvider _time;

    public ReviewService(SandboxDatabase database, Outbox outbox, TimeProvider time)
    {
        _database = database;
        _outbox = outbox;
        _time = time;
    }

    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>
    /// Mail waiting for an operator decision, oldest first (tenant-wide), each with the email it answers: the operator
    /// must see everything the recipients will get before deciding.
    /// </summary>
    public IReadOnlyList<PendingReview> Pending() =>
        _database.Read(c => EmailRows.Pending(c)
            .Select(e => new PendingReview(e, e.ParentId is { } parent ? EmailRows.Get(c, null, parent) : null))
            .ToArray());

    /// <summary>An attachment of an email that is waiting for a decision (the review page's download), or <see langword="null"/>.</summary>
    public AttachmentRecord? PendingAttachment(string emailId, int index) =>
        _database.Read(c => EmailRows.Get(c, null, emailId)) is { Status: EmailStatus.PendingSendApproval or EmailStatus.PendingInboundApproval } email
        && index >= 0 && index < email.Attachments.Count
            ? email.Attachments[index]
            : null;

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
                        _outbox.Forward(c, t, email, mailbox, now);
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
                    messageId = _outbox.Deliver(c, t, email, mailbox!, now, actor);
                }

                return new DecisionOutcome(email.Id, result, messageId);
            },
            cancellationToken);
}
