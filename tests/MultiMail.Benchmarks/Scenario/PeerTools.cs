using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;

namespace MultiMail.Benchmarks.Scenario;

/// <summary>
/// The reflection peer: the same three tools as plain methods for <c>AIFunctionFactory.Create</c>, which works out
/// names, schemas and argument binding at run time. send_email calls the hand-written client, so the request is the
/// same on the wire.
/// </summary>
public sealed class PeerTools
{
    private readonly HandWrittenClient _client;

    public PeerTools(HandWrittenClient client) => _client = client;

    [Description("Send an email via MultiMail. In gated_send mode it is queued for human approval before delivery.")]
    public Task<string> SendEmail(
        [Description("Recipient email addresses.")] string[] to,
        [Description("The subject line.")] string subject,
        [Description("The body, as markdown.")] string markdown,
        CancellationToken cancellationToken = default) =>
        _client.SendEmailAsync(to, subject, markdown, cancellationToken);

    [Description("Check the inbox for recent messages (newest first, without bodies).")]
    public Task<string> CheckInbox([Description("How many messages to return (1-100).")] int limit = 10, CancellationToken cancellationToken = default) =>
        Task.FromResult("[]");

    [Description("Reply to an email within its thread. In gated_send mode the reply is queued for human approval.")]
    public Task<string> ReplyEmail(
        [Description("The id of the email to answer, as returned by check_inbox.")] string emailId,
        [Description("The reply, as markdown.")] string markdown,
        CancellationToken cancellationToken = default) =>
        Task.FromResult("{}");
}
