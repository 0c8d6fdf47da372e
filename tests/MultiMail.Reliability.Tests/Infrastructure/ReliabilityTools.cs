using System.Threading;
using System.Threading.Tasks;

namespace MultiMail.Reliability.Tests.Infrastructure;

/// <summary>The agent's tools: catalog operations, bodies and descriptors written by the generator.</summary>
public partial class AgentTools
{
    private readonly MultiMailClient _client;

    public AgentTools(MultiMailClient client) => _client = client;

    /// <summary>Send an email.</summary>
    /// <param name="to">Recipients.</param>
    /// <param name="subject">Subject.</param>
    /// <param name="markdown">Body.</param>
    /// <param name="mailboxId">The mailbox; omit for the default.</param>
    [MultiMailTool]
    public partial Task<string> SendEmail(string[] to, string subject, string markdown, string? mailboxId = null, CancellationToken cancellationToken = default);

    /// <summary>List recent messages.</summary>
    /// <param name="limit">How many.</param>
    /// <param name="direction">inbound or outbound.</param>
    /// <param name="mailboxId">The mailbox; omit for the default.</param>
    [MultiMailTool]
    public partial Task<string> CheckInbox(int limit = 20, string? direction = null, string? mailboxId = null, CancellationToken cancellationToken = default);

    /// <summary>Read one email.</summary>
    /// <param name="emailId">The email's id.</param>
    /// <param name="mailboxId">The mailbox; omit for the default.</param>
    [MultiMailTool]
    public partial Task<string> ReadEmail(string emailId, string? mailboxId = null, CancellationToken cancellationToken = default);

    /// <summary>Add a contact (a POST that carries no idempotency key).</summary>
    /// <param name="name">The contact's name.</param>
    /// <param name="email">The contact's address.</param>
    [MultiMailTool]
    public partial Task<string> AddContact(string name, string email, CancellationToken cancellationToken = default);
}

/// <summary>The operator's tools (oversight key): never given to an agent.</summary>
public partial class OperatorTools
{
    private readonly MultiMailClient _client;

    public OperatorTools(MultiMailClient client) => _client = client;

    /// <summary>List emails waiting for approval.</summary>
    [MultiMailTool]
    public partial Task<string> ListPending(CancellationToken cancellationToken = default);
}

/// <summary>Tools on made-up endpoints, one per HTTP method, answered by a scripted transport (retry-rule tests).</summary>
public partial class MethodTools
{
    private readonly MultiMailClient _client;

    public MethodTools(MultiMailClient client) => _client = client;

    /// <summary>GET.</summary>
    [MultiMailTool("GET", "/v1/probe")]
    public partial Task<string> GetProbe(CancellationToken cancellationToken = default);

    /// <summary>POST.</summary>
    /// <param name="value">A value.</param>
    [MultiMailTool("POST", "/v1/probe")]
    public partial Task<string> PostProbe(string value, CancellationToken cancellationToken = default);

    /// <summary>PUT.</summary>
    /// <param name="value">A value.</param>
    [MultiMailTool("PUT", "/v1/probe")]
    public partial Task<string> PutProbe(string value, CancellationToken cancellationToken = default);

    /// <summary>PATCH.</summary>
    /// <param name="value">A value.</param>
    [MultiMailTool("PATCH", "/v1/probe")]
    public partial Task<string> PatchProbe(string value, CancellationToken cancellationToken = default);

    /// <summary>DELETE.</summary>
    [MultiMailTool("DELETE", "/v1/probe")]
    public partial Task<string> DeleteProbe(CancellationToken cancellationToken = default);
}
