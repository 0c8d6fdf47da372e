using System;

namespace MultiMail.Sandbox;

/// <summary>An audit-log entry.</summary>
/// <param name="Id">The entry id.</param>
/// <param name="Action">What happened, for example <c>email.send</c>, <c>oversight.approve</c>, <c>auth.forbidden</c>.</param>
/// <param name="ResourceType">The kind of resource, for example <c>email</c> or <c>mailbox</c>.</param>
/// <param name="ResourceId">The resource's id.</param>
/// <param name="ActorKeyId">Who: the id of the API key used (never the key), <c>sandbox</c> for in-process helpers, <c>system</c> for the scheduler.</param>
/// <param name="MetadataJson">Details as a JSON object (for example the decision's reason), or <see langword="null"/>.</param>
/// <param name="CreatedAt">When.</param>
public sealed record SandboxAuditEntry(
    string Id,
    string Action,
    string ResourceType,
    string ResourceId,
    string ActorKeyId,
    string? MetadataJson,
    DateTimeOffset CreatedAt);
