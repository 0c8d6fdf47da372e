using System;

namespace MultiMail.Identity;

/// <summary>
/// The claims carried by an <c>X-MultiMail-Identity</c> header: a canonical (sorted-key) JSON object signed by the
/// MultiMail service. Claims that are absent or of an unexpected type are <see langword="null"/>.
/// </summary>
public sealed class MultiMailIdentityClaims
{
    internal MultiMailIdentityClaims(
        bool aiGenerated,
        string? @operator,
        string? oversight,
        string? service,
        string? mailbox,
        DateTimeOffset? issuedAt,
        string rawJson)
    {
        AiGenerated = aiGenerated;
        Operator = @operator;
        Oversight = oversight;
        Service = service;
        Mailbox = mailbox;
        IssuedAt = issuedAt;
        RawJson = rawJson;
    }

    /// <summary>The <c>ai_generated</c> claim: <see langword="true"/> when the message says an AI agent wrote it.</summary>
    public bool AiGenerated { get; }

    /// <summary>The <c>operator</c> claim: the public name of the human operator accountable for the agent.</summary>
    public string? Operator { get; }

    /// <summary>The <c>oversight</c> claim: the mailbox's oversight mode when the message was sent (for example <c>gated_send</c>).</summary>
    public string? Oversight { get; }

    /// <summary>The <c>service</c> claim: which service signed the header (for example <c>multimail-sandbox</c>).</summary>
    public string? Service { get; }

    /// <summary>The <c>mailbox</c> claim: the sending mailbox's address.</summary>
    public string? Mailbox { get; }

    /// <summary>The <c>iat</c> claim (issued at, Unix seconds) as a point in time.</summary>
    public DateTimeOffset? IssuedAt { get; }

    /// <summary>The signed payload exactly as decoded from the header (UTF-8 JSON), including claims not modelled here.</summary>
    public string RawJson { get; }
}
