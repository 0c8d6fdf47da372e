using System.Threading;
using System.Threading.Tasks;

namespace MultiMail.Adapters.Tests;

/// <summary>The seed guide's email tools.</summary>
public partial class EmailTools
{
    private readonly MultiMailClient _client;

    public EmailTools(MultiMailClient client) => _client = client;

    /// <summary>Send an email. In gated_send mode it is queued for human approval.</summary>
    /// <param name="to">Recipient addresses.</param>
    /// <param name="markdown">Body, as markdown.</param>
    [MultiMailTool]
    public partial Task<string> SendEmail(string[] to, string subject, string markdown, string? mailboxId = null, CancellationToken cancellationToken = default);

    /// <summary>Check the inbox for recent messages.</summary>
    [MultiMailTool]
    public partial Task<string> CheckInbox(int limit = 10, string? mailboxId = null, CancellationToken cancellationToken = default);

    /// <summary>Reply to an email within its thread.</summary>
    [MultiMailTool]
    public partial Task<string> ReplyEmail(string emailId, string markdown, string? mailboxId = null, CancellationToken cancellationToken = default);

    /// <summary>Delete a tag.</summary>
    [MultiMailTool]
    public partial Task<string> DeleteTag(string emailId, string key, string? mailboxId = null);
}

/// <summary>Static tools.</summary>
public static partial class MailboxTools
{
    /// <summary>List the mailboxes.</summary>
    [MultiMailTool]
    public static partial Task<string> ListMailboxes(MultiMailClient client);
}
