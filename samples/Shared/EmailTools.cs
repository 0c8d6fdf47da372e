using System.Threading;
using System.Threading.Tasks;

namespace MultiMail.Samples;

/// <summary>
/// The seed guide's three email tools (send_email, check_inbox, reply_email) on the real MultiMail contract. The
/// generator writes the bodies and, because this project references Microsoft.Extensions.AI and the MCP SDK, also
/// <c>AsAITools()</c>, <c>SendEmailAIFunction</c> (one per tool) and <c>AsMcpServerTools()</c>.
/// </summary>
/// <remarks>
/// <c>[MultiMailBound]</c> keeps the mailbox out of the model's hands: the tools always use the client's default
/// mailbox (<c>MULTIMAIL_MAILBOX_ID</c>, or the sandbox's mailbox), and the model can neither see nor choose another.
/// </remarks>
public partial class EmailTools
{
    private readonly MultiMailClient _client;

    /// <summary>Creates the tools over a client (its key decides what the tools may do).</summary>
    /// <param name="client">The MultiMail client the generated bodies call.</param>
    public EmailTools(MultiMailClient client) => _client = client;

    /// <summary>Send an email via MultiMail. In gated_send mode it is queued for human approval before delivery.</summary>
    /// <param name="to">Recipient email addresses.</param>
    /// <param name="subject">The subject line.</param>
    /// <param name="markdown">The body, as markdown.</param>
    [MultiMailTool]
    public partial Task<string> SendEmail(string[] to, string subject, string markdown, [MultiMailBound] string? mailboxId = null, CancellationToken cancellationToken = default);

    /// <summary>Check the inbox for recent messages (newest first, without bodies).</summary>
    /// <param name="limit">How many messages to return (1-100).</param>
    [MultiMailTool]
    public partial Task<string> CheckInbox(int limit = 10, [MultiMailBound] string? mailboxId = null, CancellationToken cancellationToken = default);

    /// <summary>Reply to an email within its thread. In gated_send mode the reply is queued for human approval.</summary>
    /// <param name="emailId">The id of the email to answer, as returned by check_inbox.</param>
    /// <param name="markdown">The reply, as markdown.</param>
    [MultiMailTool]
    public partial Task<string> ReplyEmail(string emailId, string markdown, [MultiMailBound] string? mailboxId = null, CancellationToken cancellationToken = default);
}
