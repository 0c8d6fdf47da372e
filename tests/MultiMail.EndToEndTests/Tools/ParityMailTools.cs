using System.Threading;
using System.Threading.Tasks;

namespace MultiMail.EndToEndTests.Tools;

/// <summary>wait_for_email's filter.</summary>
public sealed class WaitFilter
{
    public string? Sender { get; init; }

    public string? SubjectContains { get; init; }
}

/// <summary>Issue 15's operations with the vendor's argument names, over real HTTP to a sandbox.</summary>
public partial class ParityMailTools
{
    private readonly MultiMailClient _client;

    public ParityMailTools(MultiMailClient client) => _client = client;

    [MultiMailTool]
    public partial Task<string> ScheduleEmail(string[] to, string subject, string markdown, string sendAt, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> DownloadAttachment(string emailId, string filename, string? mailboxId = null, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> WaitForEmail(int? timeoutSeconds = null, WaitFilter? filter = null, string? mailboxId = null, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> ManageUpgrade(string action, string? targetMode = null, string? code = null, string? mailboxId = null, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> ManageSpamStatus(string emailId, string action, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> ReadEmail(string emailId, string? mailboxId = null, CancellationToken cancellationToken = default);

    [MultiMailTool]
    public partial Task<string> DeleteMailbox(string mailboxId, CancellationToken cancellationToken = default);
}
