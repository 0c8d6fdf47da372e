using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using MultiMail.Sandbox.Oversight;
using MultiMail.Sandbox.Storage;

namespace MultiMail.Sandbox.Endpoints;

// Response shapes of SPEC's components.schemas, serialized with snake_case names (see SandboxApplication).

/// <summary>SPEC <c>Mailbox</c>, plus <c>default_gate_timing</c> (MCP reads it, API.md §2.1).</summary>
internal sealed record MailboxDto(
    string Id,
    string TenantId,
    string Address,
    string? DisplayName,
    string OversightMode,
    string? AutoCc,
    string? AutoBcc,
    int ForwardInbound,
    string? WebhookUrl,
    string? OversightWebhookUrl,
    string? SignatureBlock,
    long CreatedAt,
    int IsActive,
    string DefaultGateTiming)
{
    public static MailboxDto Of(MailboxRecord m, string tenantId) => new(
        m.Id, tenantId, m.Address, m.DisplayName, m.Mode.ToWire(), m.AutoCc, m.AutoBcc, m.ForwardInbound ? 1 : 0, null, null, m.SignatureBlock,
        m.CreatedAt, m.IsActive ? 1 : 0, m.DefaultGateTiming);
}

/// <summary>SPEC <c>EmailSummary</c>. The sandbox runs no spam scanner, so <c>spam_score</c>/<c>spam_verdict</c> are null.</summary>
internal sealed record EmailSummaryDto(
    string Id,
    string From,
    IReadOnlyList<string> To,
    string Subject,
    string Direction,
    string Status,
    int? SpamScore,
    string? SpamVerdict,
    string ReceivedAt,
    string? ThreadId,
    bool HasAttachments,
    string? DeliveredAt,
    string? BouncedAt,
    string? BounceType)
{
    public static EmailSummaryDto Of(EmailRecord e) => new(
        e.Id, e.From, e.To, e.Subject, e.Direction, e.Status, null, null, Wire.Time(e.ReceivedAt), e.ThreadId, e.Attachments.Count > 0,
        Wire.Time(e.DeliveredAt), null, null);
}

/// <summary>An attachment's metadata in SPEC <c>EmailResponse.attachments</c>.</summary>
internal sealed record AttachmentDto(string Name, int Size, string ContentType);

/// <summary>SPEC <c>EmailResponse</c>.</summary>
internal sealed record EmailDto(
    string Id,
    string From,
    IReadOnlyList<string> To,
    IReadOnlyList<string> Cc,
    string Subject,
    string ReceivedAt,
    string? ThreadId,
    string Markdown,
    string Status,
    bool HasAttachments,
    IReadOnlyList<AttachmentDto> Attachments,
    string? DeliveredAt,
    string? BouncedAt,
    string? BounceType,
    string? ApprovedAt,
    string? ApprovedBy,
    int? SpamScore,
    string? SpamVerdict,
    IReadOnlyDictionary<string, string> Tags)
{
    public static EmailDto Of(EmailRecord e) => new(
        e.Id, e.From, e.To, e.Cc, e.Subject, Wire.Time(e.ReceivedAt), e.ThreadId, e.Markdown, e.Status, e.Attachments.Count > 0,
        e.Attachments.Select(a => new AttachmentDto(a.Name, a.Size, a.ContentType)).ToArray(), Wire.Time(e.DeliveredAt), null, null,
        Wire.Time(e.ApprovedAt), e.ApprovedBy, null, null, e.Tags);
}

/// <summary>An item of SPEC <c>ThreadResponse.emails</c>.</summary>
internal sealed record ThreadEmailDto(
    string Id,
    string From,
    IReadOnlyList<string> To,
    string Subject,
    string Direction,
    string Status,
    string ReceivedAt,
    bool HasAttachments,
    string? DeliveredAt,
    string? BouncedAt);

/// <summary>SPEC <c>ThreadResponse</c>.</summary>
internal sealed record ThreadDto(
    string ThreadId,
    int MessageCount,
    IReadOnlyList<string> Participants,
    string LastActivity,
    bool HasUnansweredInbound,
    IReadOnlyList<ThreadEmailDto> Emails);

/// <summary>
/// An item of <c>GET /v1/oversight/pending</c>: SPEC's fields, plus (additive) everything else the recipients will
/// get or that the decision depends on: <c>cc</c>, <c>bcc</c>, <c>attachments</c>, <c>send_at</c> and, for a reply,
/// <c>in_reply_to</c> (the email it answers).
/// </summary>
internal sealed record PendingEmailDto(
    string Id,
    string MailboxId,
    string Direction,
    string From,
    IReadOnlyList<string> To,
    string Subject,
    string BodyMarkdown,
    string Status,
    string ReceivedAt,
    IReadOnlyList<string> Cc,
    IReadOnlyList<string> Bcc,
    IReadOnlyList<AttachmentDto> Attachments,
    string? SendAt,
    PendingParentDto? InReplyTo)
{
    public static PendingEmailDto Of(PendingReview p)
    {
        var e = p.Email;
        return new(
            e.Id, e.MailboxId, e.Direction, e.From, e.To, e.Subject, e.Markdown, e.Status, Wire.Time(e.ReceivedAt), e.Cc, e.Bcc,
            e.Attachments.Select(a => new AttachmentDto(a.Name, a.Size, a.ContentType)).ToArray(),
            Wire.Time(e.SendAt),
            p.InReplyTo is { } parent ? new PendingParentDto(parent.Id, parent.From, parent.Subject, parent.Markdown, Wire.Time(parent.ReceivedAt)) : null);
    }
}

/// <summary>The email a pending reply answers.</summary>
internal sealed record PendingParentDto(string Id, string From, string Subject, string BodyMarkdown, string ReceivedAt);

/// <summary>SPEC <c>Contact</c>.</summary>
internal sealed record ContactDto(string Id, string Name, string Email, IReadOnlyList<string> Tags, long CreatedAt)
{
    public static ContactDto Of(ContactRecord c) => new(c.Id, c.Name, c.Email, c.Tags, c.CreatedAt);
}

/// <summary>SPEC <c>AuditEntry</c>.</summary>
internal sealed record AuditEntryDto(
    string Id,
    string Action,
    string ResourceType,
    string ResourceId,
    string ActorKeyId,
    JsonElement? Metadata,
    string CreatedAt)
{
    public static AuditEntryDto Of(AuditRecord a) => new(
        a.Id, a.Action, a.ResourceType, a.ResourceId, a.ActorKeyId,
        a.MetadataJson is null ? null : JsonDocument.Parse(a.MetadataJson).RootElement.Clone(), Wire.Time(a.CreatedAt));
}

/// <summary>SPEC <c>ApiKeyInfo</c>.</summary>
internal sealed record ApiKeyInfoDto(string Id, string Name, string Prefix, IReadOnlyList<string> Scopes, string CreatedAt, string? LastUsedAt, bool IsActive)
{
    public static ApiKeyInfoDto Of(ApiKeyRecord k) => new(k.Id, k.Name, k.Prefix, k.Scopes, Wire.Time(k.CreatedAt), Wire.Time(k.LastUsedAt), k.IsActive);
}

/// <summary>The 200 answer to <c>POST /v1/oversight/decide</c>; <c>postmark_message_id</c> carries the outbox message id when the decision sent mail.</summary>
internal sealed record DecisionDto(
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PostmarkMessageId);

/// <summary>An outbox message as served by the sandbox-only <c>GET /sandbox/v1/outbox</c>.</summary>
internal sealed record OutboxMessageDto(
    string Id,
    string? EmailId,
    string MailboxId,
    string Kind,
    string From,
    IReadOnlyList<string> To,
    IReadOnlyList<string> Cc,
    IReadOnlyList<string> Bcc,
    string Subject,
    string Markdown,
    IReadOnlyList<string> Attachments,
    string? IdentityHeader,
    string DeliveredAt)
{
    public static OutboxMessageDto Of(OutboxRecord o) => new(
        o.Id, o.EmailId, o.MailboxId, o.Kind, o.From, o.To, o.Cc, o.Bcc, o.Subject, o.Markdown, o.Attachments.Select(a => a.Name).ToArray(), o.IdentityHeader, Wire.Time(o.DeliveredAt));
}
