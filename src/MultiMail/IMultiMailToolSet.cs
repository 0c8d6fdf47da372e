using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace MultiMail;

/// <summary>
/// A set of MultiMail tools with precomputed descriptors and a dispatcher. The source generator implements it on every
/// type that declares <see cref="MultiMailToolAttribute"/> methods.
/// </summary>
public interface IMultiMailToolSet
{
    /// <summary>The tools' descriptors, in declaration order.</summary>
    IReadOnlyList<MultiMailToolDescriptor> Tools { get; }

    /// <summary>
    /// Calls a tool by name with the model's JSON arguments. Never throws for unknown tools, malformed or invalid
    /// arguments, API errors or network failures: it returns a short text the model can act on. Only cancellation of
    /// <paramref name="cancellationToken"/> propagates.
    /// </summary>
    /// <param name="toolName">The tool name, as in <see cref="MultiMailToolDescriptor.Name"/>.</param>
    /// <param name="argumentsJson">The arguments as a JSON object (an empty string means no arguments).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask<string> InvokeAsync(string toolName, string argumentsJson, CancellationToken cancellationToken = default);

    /// <summary>
    /// Calls a tool like <see cref="InvokeAsync"/> and returns the same text with what the host needs to know about it:
    /// whether it is an error, of which kind, the HTTP status and the retry delay. Never throws except for cancellation.
    /// </summary>
    /// <param name="toolName">The tool name, as in <see cref="MultiMailToolDescriptor.Name"/>.</param>
    /// <param name="argumentsJson">The arguments as a JSON object (an empty string means no arguments).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask<MultiMailToolResult> InvokeForResultAsync(string toolName, string argumentsJson, CancellationToken cancellationToken = default);

    /// <summary>
    /// Calls a tool with arguments a framework already parsed into a dictionary (Microsoft.Extensions.AI's
    /// <c>AIFunctionArguments</c>, MCP, Semantic Kernel): values may be <see cref="System.Text.Json.JsonElement"/>s,
    /// which are read directly, or plain .NET values (strings, numbers, booleans, lists, dictionaries). Same rules and
    /// texts as the JSON overload; never throws except for cancellation.
    /// </summary>
    /// <param name="toolName">The tool name, as in <see cref="MultiMailToolDescriptor.Name"/>.</param>
    /// <param name="arguments">The arguments by parameter name; <see langword="null"/> means no arguments.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask<MultiMailToolResult> InvokeForResultAsync(string toolName, IReadOnlyDictionary<string, object?>? arguments, CancellationToken cancellationToken = default);
}
