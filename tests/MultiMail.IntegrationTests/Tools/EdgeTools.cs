using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;

namespace MultiMail.IntegrationTests.Tools;

/// <summary>Priority of a ticket.</summary>
public enum Priority
{
    /// <summary>Whenever.</summary>
    Low,

    [EnumMember(Value = "normal-ish")]
    Normal,

#if NET9_0_OR_GREATER
    [JsonStringEnumMemberName("URGENT")]
#else
    [EnumMember(Value = "URGENT")]
#endif
    High,

    Critical = High,
}

/// <summary>A ticket filed by the agent.</summary>
public sealed record Ticket(string Title, Priority Priority, [property: Range(1, 5)] int Severity = 3)
{
    /// <summary>Labels on the ticket.</summary>
    public List<string>? Labels { get; init; }

    [JsonPropertyName("assignee_email")]
    [EmailAddress]
    public string? Assignee { get; set; }

    public Ticket? Parent => null;
}

public sealed class Mailbox
{
    public string Id { get; set; } = string.Empty;

    public string Address { get; set; } = string.Empty;

    [JsonPropertyName("oversight_mode")]
    public string? Mode { get; set; }

    public int CreatedAt { get; init; }

    public DateTimeOffset? LastSeen { get; set; }
}

public sealed class MailboxList
{
    public List<Mailbox> Mailboxes { get; set; } = new();
}

/// <summary>Tools with explicit endpoints, DTOs, binding, typed results and awkward names.</summary>
public partial class EdgeTools
{
    public EdgeTools(MultiMailClient client, string agentMailbox)
    {
        Client = client;
        AgentMailbox = agentMailbox;
    }

    public MultiMailClient Client { get; }

    public string AgentMailbox { get; }

    /// <summary>File a <see cref="Ticket"/> "quoted" \ with <c>code</c> and <paramref name="event"/>.
    /// Second   line.</summary>
    /// <param name="event">The event, a keyword-named parameter.</param>
    /// <param name="ticket">The ticket.</param>
    [MultiMailTool("POST", "/v1/tickets/{queue}", Name = "file-ticket")]
    public partial Task<string> FileTicket(string queue, string @event, Ticket ticket, Priority priority = Priority.High, CancellationToken cancellationToken = default);

    /// <summary>Check the agent's own inbox: the mailbox is bound by the application.</summary>
    [MultiMailTool("GET", "/v1/mailboxes/{mailbox_id}/emails")]
    public partial Task<string> CheckMyInbox([MultiMailBound(nameof(AgentMailbox))] string mailboxId, int limit = 20);

    /// <summary>Send from the client's default mailbox only.</summary>
    [MultiMailTool(Name = "send_email")]
    public partial Task<string> SendFromDefault(string[] to, string subject, string markdown, [MultiMailBound] string? mailboxId = null);

    /// <summary>List mailboxes as a typed result.</summary>
    [MultiMailTool(Name = "list_mailboxes")]
    public partial Task<MailboxList> ListMailboxesTyped(CancellationToken cancellationToken = default);

    /// <summary>Read an email as raw JSON.</summary>
    [MultiMailTool(Name = "read_email")]
    public partial ValueTask<JsonElement> ReadEmailJson(string emailId, string? mailboxId = null);

    /// <summary>Delete a tag, ignoring the result.</summary>
    [MultiMailTool(Name = "delete_tag")]
    public partial Task DeleteTagQuietly(string emailId, string key);

    /// <summary>Items by id.</summary>
    [Description("Look up items by numeric ids.")]
    [MultiMailTool("GET", "/v1/items/{item_id}")]
    public partial Task<string> GetItem(Guid itemId, long[] ids, double? ratio = null, [MultiMailParameter(Description = "Only after this.")] DateTime? after = null);
}

/// <summary>Static tools, taking the client as a parameter.</summary>
public static partial class StaticTools
{
    /// <summary>Get the account.</summary>
    [MultiMailTool]
    public static partial Task<string> GetAccount(MultiMailClient client, CancellationToken cancellationToken = default);

    /// <summary>Search contacts.</summary>
    [MultiMailTool(Name = "search_contacts")]
    public static partial Task<string> Find(MultiMailClient client, [MultiMailParameter("q")] string text);
}

public partial class Outer<TKey>
{
    /// <summary>Nested generic container.</summary>
    internal partial struct Inner<TValue>
    {
        private readonly MultiMailClient _client;

        public Inner(MultiMailClient client) => _client = client;

        /// <summary>Read an email from a nested generic struct.</summary>
        [MultiMailTool]
        public partial Task<string> ReadEmail(string emailId);
    }
}
