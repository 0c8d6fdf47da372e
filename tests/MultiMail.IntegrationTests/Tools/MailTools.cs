using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using System.Threading;
using System.Threading.Tasks;

namespace MultiMail.IntegrationTests.Tools;

public enum EmailStatus
{
    Unread,
    Read,
    Archived,
    Deleted,
    PendingSendApproval,
    PendingInboundApproval,
    Rejected,
    Cancelled,
    SendFailed,
    Scheduled,
    SpamFlagged,
    SpamQuarantined,
}

public enum GateTiming
{
    GateFirst,
    ScheduleFirst,
}

public enum Direction
{
    Inbound,
    Outbound,
}

public enum DecisionAction
{
    Approve,
    Reject,
}

public enum OversightMode
{
    ReadOnly,
    GatedAll,
    GatedSend,
    Monitored,
    Autonomous,
}

/// <summary>One tool per catalog operation, found by tool name.</summary>
public partial class MailTools
{
    private readonly MultiMailClient _client;

    public MailTools(MultiMailClient client) => _client = client;

    /// <summary>Send an email.</summary>
    /// <param name="to">Recipients.</param>
    [MultiMailTool]
    public partial Task<string> SendEmail(
        string[] to,
        string subject,
        string markdown,
        string[]? cc = null,
        string[]? bcc = null,
        MultiMailAttachment[]? attachments = null,
        string? idempotencyKey = null,
        DateTimeOffset? sendAt = null,
        GateTiming? gateTiming = null,
        string? mailboxId = null,
        CancellationToken cancellationToken = default);

    /// <summary>Reply to an email in its thread.</summary>
    [MultiMailTool]
    public partial Task<string> ReplyEmail(
        string emailId,
        string markdown,
        List<string>? cc = null,
        IReadOnlyList<string>? bcc = null,
        IEnumerable<MultiMailAttachment>? attachments = null,
        string? idempotencyKey = null,
        string? mailboxId = null,
        CancellationToken cancellationToken = default);

    /// <summary>List recent messages.</summary>
    [MultiMailTool]
    public partial Task<string> CheckInbox(
        EmailStatus? status = null,
        int limit = 20,
        string? cursor = null,
        string? sender = null,
        string? subjectContains = null,
        DateTimeOffset? dateAfter = null,
        DateTime? dateBefore = null,
        Direction? direction = null,
        bool? hasAttachments = null,
        string? sinceId = null,
        string? mailboxId = null,
        CancellationToken cancellationToken = default);

    /// <summary>Read one email.</summary>
    [MultiMailTool]
    public partial Task<string> ReadEmail(string emailId, string? mailboxId = null, CancellationToken cancellationToken = default);

    /// <summary>Get a thread.</summary>
    [MultiMailTool]
    public partial ValueTask<string> GetThread(string threadId, string? mailboxId = null);

    /// <summary>Cancel a pending email.</summary>
    [MultiMailTool]
    public partial Task<string> CancelMessage(string emailId, string? mailboxId = null);

    /// <summary>Get an email's tags.</summary>
    [MultiMailTool]
    public partial Task<string> GetTags(string emailId, string? mailboxId = null);

    /// <summary>Set tags on an email.</summary>
    [MultiMailTool]
    public partial Task<string> SetTags(string emailId, Dictionary<string, string> tags, string? mailboxId = null);

    /// <summary>Delete a tag.</summary>
    [MultiMailTool]
    public partial Task<string> DeleteTag(string emailId, string key, string? mailboxId = null);

    /// <summary>List mailboxes.</summary>
    [MultiMailTool]
    public partial Task<string> ListMailboxes(CancellationToken cancellationToken = default);

    /// <summary>List pending emails.</summary>
    [MultiMailTool]
    public partial Task<string> ListPending();

    /// <summary>Approve or reject.</summary>
    [MultiMailTool]
    public partial Task<string> DecideEmail(string emailId, DecisionAction action, string? reason = null);

    /// <summary>Add a contact.</summary>
    [MultiMailTool]
    public partial Task<string> AddContact(string name, [EmailAddress] string email, string[]? tags = null);

    /// <summary>Search contacts.</summary>
    [MultiMailTool]
    public partial Task<string> SearchContacts([MultiMailParameter("q")] string? query = null);

    /// <summary>Delete a contact.</summary>
    [MultiMailTool]
    public partial Task<string> DeleteContact(string contactId);

    /// <summary>Update a mailbox.</summary>
    [MultiMailTool]
    public partial Task<string> UpdateMailbox(
        string? displayName = null,
        OversightMode? oversightMode = null,
        string? autoCc = null,
        string? autoBcc = null,
        bool? forwardInbound = null,
        string? signatureBlock = null,
        string? mailboxId = null);

    /// <summary>Create a mailbox.</summary>
    [MultiMailTool]
    public partial Task<string> CreateMailbox(string addressLocal, string? displayName = null);

    /// <summary>Report spam.</summary>
    [MultiMailTool]
    public partial Task<string> ReportSpam(string emailId);

    /// <summary>Not spam.</summary>
    [MultiMailTool]
    public partial Task<string> NotSpam(string emailId);

    /// <summary>List spam.</summary>
    [MultiMailTool]
    public partial Task<string> ListSpam(string? status = null, int? limit = null, string? cursor = null);

    /// <summary>Get the account.</summary>
    [MultiMailTool]
    public partial Task<string> GetAccount();

    /// <summary>Audit log.</summary>
    [MultiMailTool]
    public partial Task<string> GetAuditLog(int? limit = null, string? cursor = null);

    /// <summary>Request an upgrade.</summary>
    [MultiMailTool]
    public partial Task<string> RequestUpgrade(OversightMode targetMode, string? mailboxId = null);
}
