using System.Collections.Generic;

namespace MultiMail.Sandbox;

/// <summary>An email arriving from outside, for <see cref="MultiMailSandbox.SimulateInboundAsync"/>.</summary>
public sealed class SandboxInboundEmail
{
    /// <summary>The sender's address (required).</summary>
    public required string From { get; init; }

    /// <summary>The subject (required). Leading <c>Re:</c>/<c>Fwd:</c> prefixes are stripped, as MultiMail does.</summary>
    public required string Subject { get; init; }

    /// <summary>The body as markdown (required).</summary>
    public required string Markdown { get; init; }

    /// <summary>The recipients; when <see langword="null"/>, the mailbox's own address.</summary>
    public IReadOnlyList<string>? To { get; init; }

    /// <summary>Carbon-copy recipients.</summary>
    public IReadOnlyList<string>? Cc { get; init; }

    /// <summary>The id of the email this one answers (its <c>In-Reply-To</c>); the new email joins that email's thread.</summary>
    public string? InReplyTo { get; init; }

    /// <summary>Attachments.</summary>
    public IReadOnlyList<SandboxAttachment>? Attachments { get; init; }
}
