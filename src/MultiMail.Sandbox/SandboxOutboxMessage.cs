using System;
using System.Collections.Generic;
using System.Linq;

namespace MultiMail.Sandbox;

/// <summary>A message the sandbox delivered (its simulated hand-off to SMTP).</summary>
/// <param name="Id">The outbox message id.</param>
/// <param name="EmailId">The email it delivers; <see langword="null"/> for operator notices (upgrade codes).</param>
/// <param name="MailboxId">The sending mailbox.</param>
/// <param name="Kind">
/// <c>delivery</c> (the email itself), <c>oversight_copy</c> (the operator's copy in monitored mode), <c>forward</c>
/// (an inbound email forwarded to the operator because the mailbox has <c>forward_inbound</c>) or <c>operator_notice</c>
/// (a message from the service to the operator, such as an upgrade code).
/// </param>
/// <param name="From">The sender address.</param>
/// <param name="To">The <c>To</c> recipients.</param>
/// <param name="Cc">The <c>Cc</c> recipients (including the mailbox's <c>auto_cc</c>).</param>
/// <param name="Bcc">The <c>Bcc</c> recipients (including the mailbox's <c>auto_bcc</c>).</param>
/// <param name="Subject">The subject.</param>
/// <param name="Markdown">The body as sent (with the mailbox's signature block, if any).</param>
/// <param name="AttachmentNames">The names of the attached files.</param>
/// <param name="IdentityHeader">The <c>X-MultiMail-Identity</c> header value; <see langword="null"/> on operator notices.</param>
/// <param name="DeliveredAt">When it was delivered.</param>
public sealed record SandboxOutboxMessage(
    string Id,
    string? EmailId,
    string MailboxId,
    string Kind,
    string From,
    IReadOnlyList<string> To,
    IReadOnlyList<string> Cc,
    IReadOnlyList<string> Bcc,
    string Subject,
    string Markdown,
    IReadOnlyList<string> AttachmentNames,
    string? IdentityHeader,
    DateTimeOffset DeliveredAt)
{
    /// <summary>The attached files as they left: name, content type and content.</summary>
    public IReadOnlyList<SandboxAttachment> Attachments { get; init; } = [];

    /// <summary>Every envelope recipient: <see cref="To"/>, <see cref="Cc"/> and <see cref="Bcc"/>.</summary>
    public IReadOnlyList<string> Recipients => To.Concat(Cc).Concat(Bcc).ToArray();
}
