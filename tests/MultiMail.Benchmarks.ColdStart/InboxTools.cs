using System.Threading;
using System.Threading.Tasks;
using MultiMail;

namespace MultiMail.Benchmarks.Scenario;

/// <summary>A tool type without a pattern-checked parameter (no Regex in its static constructor), for attribution.</summary>
public partial class InboxTools
{
    private readonly MultiMailClient _client;

    public InboxTools(MultiMailClient client) => _client = client;

    /// <summary>Check the inbox for recent messages (newest first, without bodies).</summary>
    /// <param name="limit">How many messages to return (1-100).</param>
    [MultiMailTool]
    public partial Task<string> CheckInbox(int limit = 10, CancellationToken cancellationToken = default);
}
