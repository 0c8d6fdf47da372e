using System.Threading.Tasks;
using MultiMail;

namespace Consumer;

public partial class EmailTools
{
    private readonly MultiMailClient _client;

    public EmailTools(MultiMailClient client) => _client = client;

    /// <summary>Send an email.</summary>
    [MultiMailTool] public partial Task<string> SendEmail(string[] to, string markdown, string? subject = null);

    /// <summary>Check the inbox.</summary>
    [MultiMailTool] public partial Task<string> CheckInbox(int limit = 10);

    [MultiMailTool("GET", "/v1/things")] public partial Task<string> ListThings();

#pragma warning disable MMG0013 // the system prompt describes it
    [MultiMailTool("GET", "/v1/others")] public partial Task<string> ListOthers();
#pragma warning restore MMG0013
}
