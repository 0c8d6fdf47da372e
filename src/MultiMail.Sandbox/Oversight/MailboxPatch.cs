using System.Collections.Generic;

namespace MultiMail.Sandbox.Oversight;

/// <summary>A field of a PATCH body that may be absent, present with a value, or present as <c>null</c>.</summary>
internal readonly record struct Optional<T>(bool IsSet, T? Value)
{
    public static Optional<T> Of(T? value) => new(true, value);
}

/// <summary>A validated <c>PATCH /v1/mailboxes/{id}</c> body.</summary>
internal sealed record MailboxPatch
{
    public Optional<string> DisplayName { get; init; }

    public SandboxOversightMode? Mode { get; init; }

    public Optional<string> AutoCc { get; init; }

    public Optional<string> AutoBcc { get; init; }

    public bool? ForwardInbound { get; init; }

    public Optional<string> SignatureBlock { get; init; }

    public string? DefaultGateTiming { get; init; }

    /// <summary>The wire names of the fields present (for the audit log).</summary>
    public required IReadOnlyList<string> FieldNames { get; init; }
}
