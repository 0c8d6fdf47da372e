using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using MultiMail;

namespace GroupChat;

/// <summary>
/// The human operator's side of MultiMail: the approval queue. These calls need a key with the <c>oversight</c> scope,
/// which no agent gets (MultiMail refuses a key that holds both <c>send</c> and <c>oversight</c>). The bodies are
/// generated like the agents' tools; typed results throw <see cref="MultiMailApiException"/> on errors.
/// </summary>
public partial class OperatorConsole
{
    private readonly MultiMailClient _client;

    /// <summary>Creates the console over a client; its key decides whether MultiMail lets it decide anything.</summary>
    /// <param name="client">The client.</param>
    public OperatorConsole(MultiMailClient client) => _client = client;

    /// <summary>List emails waiting for oversight approval across all mailboxes.</summary>
    [MultiMailTool]
    public partial Task<PendingEmails> ListPending(CancellationToken cancellationToken = default);

    /// <summary>Approve or reject a pending email. An approved outbound email is sent immediately.</summary>
    /// <param name="emailId">The pending email's id.</param>
    /// <param name="action">Approve or reject.</param>
    /// <param name="reason">Why, for the audit log.</param>
    [MultiMailTool]
    public partial Task<Decision> DecideEmail(string emailId, DecisionAction action, string? reason = null, CancellationToken cancellationToken = default);
}

/// <summary>The answer to list_pending.</summary>
/// <param name="Emails">The emails waiting for a decision.</param>
public sealed record PendingEmails(IReadOnlyList<PendingEmail> Emails);

/// <summary>An email waiting for a decision, as the operator sees it.</summary>
/// <param name="Id">The email's id.</param>
/// <param name="MailboxId">The mailbox it belongs to.</param>
/// <param name="Direction">outbound (held before sending) or inbound (held before the agent sees it).</param>
/// <param name="From">The sender.</param>
/// <param name="To">The recipients.</param>
/// <param name="Subject">The subject.</param>
/// <param name="BodyMarkdown">The body the agent wrote.</param>
/// <param name="Status">For example pending_send_approval.</param>
public sealed record PendingEmail(string Id, string MailboxId, string Direction, string From, IReadOnlyList<string> To, string Subject, string BodyMarkdown, string Status);

/// <summary>The answer to decide_email.</summary>
/// <param name="Status">For example approved_and_sent.</param>
/// <param name="PostmarkMessageId">The delivery's message id, when the decision sent mail.</param>
public sealed record Decision(string Status, string? PostmarkMessageId);

/// <summary>What the operator decides.</summary>
public enum DecisionAction
{
    /// <summary>Send it.</summary>
    Approve,

    /// <summary>Never send it.</summary>
    Reject,
}
