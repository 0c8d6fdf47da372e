using System.Threading;
using System.Threading.Tasks;

namespace MultiMail.McpTestServer;

/// <summary>The seed guide's tools, against the sandbox's default (gated_send) mailbox.</summary>
public partial class EmailTools
{
    private readonly MultiMailClient _client;

    public EmailTools(MultiMailClient client) => _client = client;

    /// <summary>Send an email. In gated_send mode it is queued for human approval.</summary>
    /// <param name="to">Recipient addresses.</param>
    /// <param name="markdown">Body, as markdown.</param>
    [MultiMailTool]
    public partial Task<string> SendEmail(string[] to, string subject, string markdown, CancellationToken cancellationToken = default);

    /// <summary>Check the inbox for recent messages.</summary>
    [MultiMailTool]
    public partial Task<string> CheckInbox(int limit = 10, CancellationToken cancellationToken = default);

    /// <summary>Reply to an email within its thread.</summary>
    [MultiMailTool]
    public partial Task<string> ReplyEmail(string emailId, string markdown, CancellationToken cancellationToken = default);

    /// <summary>Delete a tag from an email.</summary>
    [MultiMailTool]
    public partial Task<string> DeleteTag(string emailId, string key, CancellationToken cancellationToken = default);
}

/// <summary>A send from a read_only mailbox: the API answers 403.</summary>
public partial class ReadOnlyTools
{
    private readonly MultiMailClient _client;

    public ReadOnlyTools(MultiMailClient client, string mailboxId)
    {
        _client = client;
        Mailbox = mailboxId;
    }

    public string Mailbox { get; }

    /// <summary>Send an email from the read_only mailbox.</summary>
    [MultiMailTool("POST", "/v1/mailboxes/{mailbox_id}/send", Name = "send_email_read_only")]
    public partial Task<string> SendEmail(string[] to, string subject, string markdown, [MultiMailBound(nameof(Mailbox))] string? mailboxId = null, CancellationToken cancellationToken = default);
}

/// <summary>A client whose key the API does not know: 401.</summary>
public partial class RevokedKeyTools
{
    private readonly MultiMailClient _client;

    public RevokedKeyTools(MultiMailClient client) => _client = client;

    /// <summary>Check the inbox with a revoked key.</summary>
    [MultiMailTool("GET", "/v1/mailboxes/{mailbox_id}/emails", Name = "check_inbox_revoked_key")]
    public partial Task<string> CheckInbox(int limit = 10, CancellationToken cancellationToken = default);
}

/// <summary>A sandbox whose send quota is used up: 429 with Retry-After.</summary>
public partial class QuotaTools
{
    private readonly MultiMailClient _client;

    public QuotaTools(MultiMailClient client) => _client = client;

    /// <summary>Send an email past the quota.</summary>
    [MultiMailTool("POST", "/v1/mailboxes/{mailbox_id}/send", Name = "send_email_over_quota")]
    public partial Task<string> SendEmail(string[] to, string subject, string markdown, CancellationToken cancellationToken = default);
}

/// <summary>A client pointed at a port nothing listens on: a network failure.</summary>
public partial class OfflineTools
{
    private readonly MultiMailClient _client;

    public OfflineTools(MultiMailClient client) => _client = client;

    /// <summary>Check the inbox of an unreachable API.</summary>
    [MultiMailTool("GET", "/v1/mailboxes/{mailbox_id}/emails", Name = "check_inbox_offline")]
    public partial Task<string> CheckInbox(int limit = 10, CancellationToken cancellationToken = default);
}
