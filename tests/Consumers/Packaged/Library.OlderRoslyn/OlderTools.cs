using System.Threading;
using System.Threading.Tasks;
using MultiMail;

namespace Consumer.Older;

public partial class OlderTools
{
    private readonly MultiMailClient _client;

    public OlderTools(MultiMailClient client) => _client = client;

    /// <summary>Send an email.</summary>
    [MultiMailTool]
    public partial Task<string> SendEmail(string[] to, string subject, string markdown, CancellationToken cancellationToken = default);
}
