using System.Threading.Tasks;
using MultiMail;

namespace Consumer;

// Built only with -p:MultiMailRefused=true: the generator cannot write this tool.
public sealed record Node(string Name, Node? Next);

public partial class GraphTools
{
    private readonly MultiMailClient _client;

    public GraphTools(MultiMailClient client) => _client = client;

    /// <summary>Stores a node.</summary>
    [MultiMailTool("POST", "/v1/nodes")] public partial Task<string> StoreNode(Node node);
}
