using System.Threading;
using System.Threading.Tasks;

namespace MultiMail.Benchmarks.Scenario;

/// <summary>
/// Ours: the seed guide's three tools, declared as the README declares them. The generator writes the bodies, the
/// descriptors, <c>InvokeAsync</c> and (Microsoft.Extensions.AI is referenced) <c>AsAITools()</c> and <c>SendEmailAIFunction</c>.
/// </summary>
public partial class EmailTools
{
    private readonly MultiMailClient _client;

    public EmailTools(MultiMailClient client) => _client = client;

    /// <summary>Send an email via MultiMail. In gated_send mode it is queued for human approval before delivery.</summary>
    /// <param name="to">Recipient email addresses.</param>
    /// <param name="subject">The subject line.</param>
    /// <param name="markdown">The body, as markdown.</param>
    [MultiMailTool]
    public partial Task<string> SendEmail(string[] to, string subject, string markdown, CancellationToken cancellationToken = default);

    /// <summary>Check the inbox for recent messages (newest first, without bodies).</summary>
    /// <param name="limit">How many messages to return (1-100).</param>
    [MultiMailTool]
    public partial Task<string> CheckInbox(int limit = 10, CancellationToken cancellationToken = default);

    /// <summary>Reply to an email within its thread. In gated_send mode the reply is queued for human approval.</summary>
    /// <param name="emailId">The id of the email to answer, as returned by check_inbox.</param>
    /// <param name="markdown">The reply, as markdown.</param>
    [MultiMailTool]
    public partial Task<string> ReplyEmail(string emailId, string markdown, CancellationToken cancellationToken = default);
}
