using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using MultiMail;

namespace McpServer;

/// <summary>wait_for_email's <c>filter</c> argument, as the vendor's tool takes it.</summary>
public sealed class EmailFilter
{
    /// <summary>Only email from this sender (partial match).</summary>
    public string? Sender { get; init; }

    /// <summary>Only email whose subject contains this text.</summary>
    public string? SubjectContains { get; init; }
}

/// <summary>
/// The vendor's MCP server (API.md §3), rebuilt with the generator: one <c>[MultiMailTool]</c> partial method per
/// catalog operation, named like the vendor's tool and taking the vendor's arguments (snake_case of each parameter
/// name), so an MCP client configured for the vendor's server works unchanged. The generator writes every body, the
/// schemas (with the contract's limits) and <c>AsMcpServerTools()</c>; the descriptions are the catalog's.
/// </summary>
/// <remarks>
/// As in the vendor's server, <c>mailbox_id</c> is an optional argument that falls back to the default mailbox
/// (<c>MULTIMAIL_MAILBOX_ID</c>), and the key decides what each tool may do: a key without <c>admin</c> gets 403 from
/// the admin tools, and no key can both send and approve (<c>decide_email</c> needs a separate oversight key).
/// </remarks>
public sealed partial class MultiMailServerTools
{
    private readonly MultiMailClient _client;

    /// <summary>Creates the tools over a client (its key decides what they may do).</summary>
    /// <param name="client">The client the generated bodies call.</param>
    public MultiMailServerTools(MultiMailClient client) => _client = client;

    // Email

    [MultiMailTool]
    public partial Task<string> SendEmail(string[] to, string subject, string markdown, string[]? cc = null, string[]? bcc = null, MultiMailAttachment[]? attachments = null, string? idempotencyKey = null, string? sendAt = null, string? gateTiming = null, string? mailboxId = null, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> CheckInbox(string? status = null, string? sender = null, string? subjectContains = null, string? dateAfter = null, string? dateBefore = null, string? direction = null, bool? hasAttachments = null, string? sinceId = null, int? limit = null, string? cursor = null, string? mailboxId = null, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> ReadEmail(string emailId, string? mailboxId = null, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> ReplyEmail(string emailId, string markdown, string[]? cc = null, string[]? bcc = null, MultiMailAttachment[]? attachments = null, string? idempotencyKey = null, string? mailboxId = null, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> GetThread(string threadId, string? mailboxId = null, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> DownloadAttachment(string emailId, string filename, string? mailboxId = null, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> CancelMessage(string emailId, string? mailboxId = null, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> WaitForEmail(string? mailboxId = null, int? timeoutSeconds = null, EmailFilter? filter = null, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> ScheduleEmail(string[] to, string subject, string markdown, string sendAt, string[]? cc = null, string[]? bcc = null, MultiMailAttachment[]? attachments = null, string? gateTiming = null, string? idempotencyKey = null, string? mailboxId = null, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> GetTags(string emailId, string? mailboxId = null, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> SetTags(string emailId, Dictionary<string, string> tags, string? mailboxId = null, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> DeleteTag(string emailId, string key, string? mailboxId = null, CancellationToken cancellationToken = default);

    // Oversight

    [MultiMailTool]
    public partial Task<string> ListPending(CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> DecideEmail(string emailId, string action, string? reason = null, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> ManageUpgrade(string action, string? targetMode = null, string? code = null, string? mailboxId = null, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> RequestUpgrade(string targetMode, string? mailboxId = null, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> ApplyUpgrade(string code, string? mailboxId = null, CancellationToken cancellationToken = default);

    // Mailboxes

    [MultiMailTool]
    public partial Task<string> ListMailboxes(CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> UpdateMailbox(string? mailboxId = null, string? displayName = null, string? oversightMode = null, string? autoCc = null, string? autoBcc = null, bool? forwardInbound = null, string? signatureBlock = null, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> CreateMailbox(string addressLocalPart, string? displayName = null, string? approvalCode = null, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> DeleteMailbox(string mailboxId, CancellationToken cancellationToken = default);

    // Account

    [MultiMailTool]
    public partial Task<string> GetAccount(CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> UpdateAccount(string? name = null, string? oversightEmail = null, string? physicalAddress = null, string? approvalCode = null, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> DeleteAccount(string? approvalCode = null, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> GetUsage(string? period = null, long? from = null, long? to = null, string? breakdown = null, CancellationToken cancellationToken = default);

    // API keys and audit

    [MultiMailTool]
    public partial Task<string> ListApiKeys(CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> CreateApiKey(string name, string[] scopes, string? approvalCode = null, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> RevokeApiKey(string keyId, string? approvalCode = null, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> GetAuditLog(int? limit = null, string? cursor = null, CancellationToken cancellationToken = default);

    // Contacts, spam and suppression

    [MultiMailTool]
    public partial Task<string> SearchContacts(string? query = null, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> AddContact(string name, string email, string[]? tags = null, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> DeleteContact(string contactId, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> ManageSpamStatus(string emailId, string action, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> ReportSpam(string emailId, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> NotSpam(string emailId, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> ListSpam(int? limit = null, string? status = null, string? cursor = null, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> ListSuppression(int? limit = null, string? cursor = null, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> RemoveSuppression(string emailAddress, CancellationToken cancellationToken = default);

    // Webhooks

    [MultiMailTool]
    public partial Task<string> CreateWebhook(string url, string[] events, string? mailboxId = null, string? approvalCode = null, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> ListWebhooks(CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> DeleteWebhook(string webhookId, CancellationToken cancellationToken = default);
}
