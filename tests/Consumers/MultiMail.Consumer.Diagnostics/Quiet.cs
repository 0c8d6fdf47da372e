using System.Threading.Tasks;
using MultiMail;

namespace Consumer;

// .editorconfig turns MMG0013 off for this file.
public partial class QuietTools
{
    private readonly MultiMailClient _client;

    public QuietTools(MultiMailClient client) => _client = client;

    [MultiMailTool("GET", "/v1/quiet")] public partial Task<string> ListQuiet();
}
