using System.Collections.Generic;
using System.ComponentModel;

namespace MultiMail.Internal;

/// <summary>
/// The model's arguments as a dispatcher receives them: JSON text, or a dictionary a framework already parsed. Not for
/// direct use; generated dispatchers open it with each tool's parameter names.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ToolInput
{
    private readonly string? _json;
    private readonly IReadOnlyDictionary<string, object?>? _dictionary;

    /// <summary>Arguments as JSON text (empty or <see langword="null"/>: none).</summary>
    public ToolInput(string? json)
    {
        _json = json;
        _dictionary = null;
    }

    /// <summary>Arguments as a dictionary (<see langword="null"/>: none).</summary>
    public ToolInput(IReadOnlyDictionary<string, object?>? dictionary)
    {
        _json = null;
        _dictionary = dictionary;
    }

    /// <summary>Reads the arguments for one tool, reporting names it does not take.</summary>
    /// <param name="toolName">The tool, for messages.</param>
    /// <param name="parameterNames">The parameter names the model may send.</param>
    public ToolArguments Open(string toolName, string[] parameterNames) => _dictionary is null
        ? ToolArguments.Parse(toolName, _json, parameterNames)
        : ToolArguments.FromDictionary(toolName, _dictionary, parameterNames);
}
