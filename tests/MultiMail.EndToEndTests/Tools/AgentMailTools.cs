using System;
using System.Threading;
using System.Threading.Tasks;

namespace MultiMail.EndToEndTests.Tools;

/// <summary>The operator's verdict on a pending email.</summary>
public enum Decision
{
    /// <summary>Deliver it.</summary>
    Approve,

    /// <summary>Never deliver it.</summary>
    Reject,
}

/// <summary>
/// Email tools as an application declares them: catalog operations found by tool name, the bodies and descriptors
/// written by the generator. The same class serves the agent (agent key) and the operator (oversight key); only the
/// client's key differs.
/// </summary>
public partial class AgentMailTools
{
    private readonly MultiMailClient _client;

    public AgentMailTools(MultiMailClient client) => _client = client;

    /// <summary>Send an email. In gated_send mode it is queued for human approval.</summary>
    /// <param name="to">Recipient addresses.</param>
    /// <param name="subject">The subject line.</param>
    /// <param name="markdown">The body, as markdown.</param>
    /// <param name="cc">Carbon-copy addresses.</param>
    /// <param name="attachments">Files to attach.</param>
    /// <param name="sendAt">Deliver at this time instead of now.</param>
    /// <param name="idempotencyKey">A deduplication key; derived from the arguments when omitted.</param>
    /// <param name="mailboxId">The mailbox to send from; omit for the default mailbox.</param>
    [MultiMailTool]
    public partial Task<string> SendEmail(
        string[] to,
        string subject,
        string markdown,
        string[]? cc = null,
        MultiMailAttachment[]? attachments = null,
        DateTimeOffset? sendAt = null,
        string? idempotencyKey = null,
        string? mailboxId = null,
        CancellationToken cancellationToken = default);

    /// <summary>List recent messages, newest first.</summary>
    /// <param name="limit">How many messages to return.</param>
    /// <param name="direction">inbound or outbound.</param>
    /// <param name="mailboxId">The mailbox; omit for the default mailbox.</param>
    [MultiMailTool]
    public partial Task<string> CheckInbox(int limit = 20, string? direction = null, string? mailboxId = null, CancellationToken cancellationToken = default);

    /// <summary>Read one email; an unread email becomes read.</summary>
    /// <param name="emailId">The email's id.</param>
    /// <param name="mailboxId">The mailbox; omit for the default mailbox.</param>
    [MultiMailTool]
    public partial Task<string> ReadEmail(string emailId, string? mailboxId = null, CancellationToken cancellationToken = default);

    /// <summary>Reply to an email within its thread.</summary>
    /// <param name="emailId">The email to answer.</param>
    /// <param name="markdown">The reply, as markdown.</param>
    /// <param name="idempotencyKey">A deduplication key; derived from the arguments when omitted.</param>
    /// <param name="mailboxId">The mailbox; omit for the default mailbox.</param>
    [MultiMailTool]
    public partial Task<string> ReplyEmail(
        string emailId,
        string markdown,
        string? idempotencyKey = null,
        string? mailboxId = null,
        CancellationToken cancellationToken = default);

    /// <summary>Get a conversation thread.</summary>
    /// <param name="threadId">The thread's id.</param>
    /// <param name="mailboxId">The mailbox; omit for the default mailbox.</param>
    [MultiMailTool]
    public partial Task<string> GetThread(string threadId, string? mailboxId = null, CancellationToken cancellationToken = default);

    /// <summary>Cancel an email that is still pending, so it is never delivered.</summary>
    /// <param name="emailId">The pending email's id.</param>
    /// <param name="mailboxId">The mailbox; omit for the default mailbox.</param>
    [MultiMailTool]
    public partial Task<string> CancelMessage(string emailId, string? mailboxId = null, CancellationToken cancellationToken = default);

    /// <summary>Ask the operator to raise the mailbox's oversight mode.</summary>
    /// <param name="targetMode">The mode to ask for.</param>
    /// <param name="mailboxId">The mailbox; omit for the default mailbox.</param>
    [MultiMailTool]
    public partial Task<string> RequestUpgrade(string targetMode, string? mailboxId = null, CancellationToken cancellationToken = default);

    /// <summary>List the mailboxes this key can use.</summary>
    [MultiMailTool]
    public partial Task<string> ListMailboxes(CancellationToken cancellationToken = default);

    /// <summary>List emails waiting for approval (oversight key).</summary>
    [MultiMailTool]
    public partial Task<string> ListPending(CancellationToken cancellationToken = default);

    /// <summary>Approve or reject a pending email (oversight key).</summary>
    /// <param name="emailId">The pending email's id.</param>
    /// <param name="action">approve or reject.</param>
    /// <param name="reason">Why, for the audit log.</param>
    [MultiMailTool]
    public partial Task<string> DecideEmail(string emailId, Decision action, string? reason = null, CancellationToken cancellationToken = default);
}
