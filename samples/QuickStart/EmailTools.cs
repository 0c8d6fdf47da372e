using System.Threading;
using System.Threading.Tasks;
using MultiMail;

namespace QuickStart;

/// <summary>The seed guide's three email tools, on the real MultiMail contract.</summary>
public partial class EmailTools
{
    private readonly MultiMailClient _client;

    public EmailTools(MultiMailClient client) => _client = client;

    /// <summary>Send an email via MultiMail. In gated_send mode it is queued for human approval.</summary>
    /// <param name="to">Recipient email addresses.</param>
    /// <param name="subject">The subject line.</param>
    /// <param name="markdown">The body, as markdown.</param>
    /// <param name="mailboxId">The mailbox to send from; omit to use the default mailbox.</param>
    [MultiMailTool]
    public partial Task<string> SendEmail(string[] to, string subject, string markdown, string? mailboxId = null, CancellationToken cancellationToken = default);

    /// <summary>Check the inbox for recent messages.</summary>
    /// <param name="limit">How many messages to return.</param>
    [MultiMailTool("GET", "/v1/mailboxes/{mailbox_id}/emails")]
    public partial Task<string> CheckInbox(string? mailboxId = null, int limit = 10, CancellationToken cancellationToken = default);

    /// <summary>Reply to an email within its thread.</summary>
    /// <param name="emailId">The id of the email to answer.</param>
    /// <param name="markdown">The reply, as markdown.</param>
    [MultiMailTool]
    public partial Task<string> ReplyEmail(string emailId, string markdown, string? mailboxId = null, CancellationToken cancellationToken = default);
}
