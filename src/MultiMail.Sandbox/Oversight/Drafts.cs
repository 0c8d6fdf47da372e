using System.Collections.Generic;
using MultiMail.Sandbox.Storage;

namespace MultiMail.Sandbox.Oversight;

/// <summary>A validated send request.</summary>
internal sealed record OutboundDraft(
    IReadOnlyList<string> To,
    IReadOnlyList<string> Cc,
    IReadOnlyList<string> Bcc,
    string Subject,
    string Markdown,
    IReadOnlyList<AttachmentRecord> Attachments,
    string? IdempotencyKey,
    long? SendAt,
    string? GateTiming);

/// <summary>A validated reply request (recipients and subject come from the email replied to).</summary>
internal sealed record ReplyDraft(
    string Markdown,
    IReadOnlyList<string> Cc,
    IReadOnlyList<string> Bcc,
    IReadOnlyList<AttachmentRecord> Attachments,
    string? IdempotencyKey);

/// <summary>A validated simulated inbound email.</summary>
internal sealed record InboundDraft(
    string From,
    IReadOnlyList<string>? To,
    IReadOnlyList<string> Cc,
    string Subject,
    string Markdown,
    IReadOnlyList<AttachmentRecord> Attachments,
    string? InReplyTo);

/// <summary>The answer to an accepted send or reply.</summary>
/// <param name="Id">The email id.</param>
/// <param name="ThreadId">The thread id (null on an idempotent replay).</param>
/// <param name="Replayed">Whether an earlier email with the same idempotency key was found instead.</param>
/// <param name="Message">What happens next, in words (for the 202 <c>message</c>).</param>
internal sealed record SendReceipt(string Id, string? ThreadId, bool Replayed, string Message);

/// <summary>The answer to a simulated inbound email.</summary>
internal sealed record InboundReceipt(string Id, string Status, string ThreadId);

/// <summary>The result of an oversight decision.</summary>
/// <param name="EmailId">The email decided on.</param>
/// <param name="Status"><c>approved</c>, <c>approved_and_sent</c> or <c>rejected</c>.</param>
/// <param name="OutboxMessageId">The delivered message, when the decision sent one.</param>
internal sealed record DecisionOutcome(string EmailId, string Status, string? OutboxMessageId);

/// <summary>An email waiting for a decision, with the email it answers (for a reply).</summary>
internal sealed record PendingReview(EmailRecord Email, EmailRecord? InReplyTo);
