using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace MultiMail.Internal;

/// <summary>
/// Metadata a host can act on, in the shape framework adapters attach to a tool (for example
/// <c>AITool.AdditionalProperties</c>). Not for direct use; generated adapters call it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ToolMetadata
{
    /// <summary>The key OpenAI adapters read to send a tool in strict mode.</summary>
    public const string StrictKey = "strict";

    /// <summary>
    /// The properties of a tool: <c>strict</c> (when asked), <c>multimail.effect</c> (<c>reads</c>,
    /// <c>changes_state</c>, <c>sends_email</c>), <c>multimail.requires_approval</c> (sends: in gated modes a person
    /// approves each email on the MultiMail server) and the MCP hints <c>readOnlyHint</c>, <c>destructiveHint</c>,
    /// <c>idempotentHint</c> and <c>openWorldHint</c>.
    /// Computed once per descriptor and <paramref name="strict"/> value; every function of a tool shares it.
    /// </summary>
    public static IReadOnlyDictionary<string, object?> Properties(MultiMailToolDescriptor descriptor, bool strict)
    {
        if (descriptor is null)
        {
            throw new ArgumentNullException(nameof(descriptor));
        }

        return strict
            ? descriptor.StrictProperties ??= Create(descriptor, strict: true)
            : descriptor.Properties ??= Create(descriptor, strict: false);
    }

    private static IReadOnlyDictionary<string, object?> Create(MultiMailToolDescriptor descriptor, bool strict)
    {
        var properties = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["multimail.effect"] = descriptor.Effect switch
            {
                MultiMailToolEffect.SendsEmail => "sends_email",
                MultiMailToolEffect.ChangesState => "changes_state",
                _ => "reads",
            },
            ["multimail.requires_approval"] = descriptor.SendsEmail,
            ["readOnlyHint"] = descriptor.IsReadOnly,
            ["destructiveHint"] = descriptor.IsDestructive,
            ["idempotentHint"] = descriptor.IsIdempotent,
            ["openWorldHint"] = descriptor.IsOpenWorld,
        };
        if (strict)
        {
            properties[StrictKey] = true;
        }

        // Shared by every function of the tool: read-only, so no host can change it for the others.
        return new System.Collections.ObjectModel.ReadOnlyDictionary<string, object?>(properties);
    }
}
