using System;
using System.Collections.Generic;

namespace MultiMail.Sandbox.Storage;

/// <summary>A mailbox row.</summary>
internal sealed record MailboxRecord(
    string Id,
    string Address,
    string? DisplayName,
    SandboxOversightMode Mode,
    string? AutoCc,
    string? AutoBcc,
    bool ForwardInbound,
    string? SignatureBlock,
    string DefaultGateTiming,
    long CreatedAt,
    bool IsActive);

/// <summary>An attachment as stored with its email (content kept as base64, as it arrived).</summary>
internal sealed record AttachmentRecord(string Name, string ContentType, string ContentBase64)
{
    public int Size => Convert.FromBase64String(ContentBase64).Length;
}

/// <summary>An email row (inbound or outbound).</summary>
internal sealed record EmailRecord
{
    public long Seq { get; init; }

    public required string Id { get; init; }

    public required string MailboxId { get; init; }

    /// <summary><c>inbound</c> or <c>outbound</c>.</summary>
    public required string Direction { get; init; }

    public required string From { get; init; }

    public required IReadOnlyList<string> To { get; init; }

    public required IReadOnlyList<string> Cc { get; init; }

    public required IReadOnlyList<string> Bcc { get; init; }

    public required string Subject { get; init; }

    public required string Markdown { get; init; }

    public required string Status { get; init; }

    public required long ReceivedAt { get; init; }

    public required string ThreadId { get; init; }

    public string? ParentId { get; init; }

    public required IReadOnlyList<AttachmentRecord> Attachments { get; init; }

    public required IReadOnlyDictionary<string, string> Tags { get; init; }

    public long? DeliveredAt { get; init; }

    public long? ApprovedAt { get; init; }

    public string? ApprovedBy { get; init; }

    public long? SendAt { get; init; }

    public string? GateTiming { get; init; }

    public string? ContentHash { get; init; }

    public required string CreatedBy { get; init; }

    public bool IsInbound => Direction == Directions.Inbound;
}

/// <summary>The two email directions.</summary>
internal static class Directions
{
    public const string Inbound = "inbound";
    public const string Outbound = "outbound";
}

/// <summary>A message that left the sandbox (the simulated SMTP hand-off).</summary>
internal sealed record OutboxRecord(
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
    IReadOnlyList<AttachmentRecord> Attachments,
    string? IdentityHeader,
    long DeliveredAt);

/// <summary>An address-book contact.</summary>
internal sealed record ContactRecord(string Id, string Name, string Email, IReadOnlyList<string> Tags, long CreatedAt);

/// <summary>An API key row (only the SHA-256 hash of the key is stored).</summary>
internal sealed record ApiKeyRecord(
    string Id,
    string Name,
    string Prefix,
    IReadOnlyList<string> Scopes,
    long CreatedAt,
    long? LastUsedAt,
    bool IsActive);

/// <summary>An audit-log row.</summary>
internal sealed record AuditRecord(
    long Seq,
    string Id,
    string Action,
    string ResourceType,
    string ResourceId,
    string ActorKeyId,
    string? MetadataJson,
    long CreatedAt);
