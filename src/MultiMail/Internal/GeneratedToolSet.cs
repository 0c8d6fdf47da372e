using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;

namespace MultiMail.Internal;

/// <summary>Calls one tool of a generated tool set: the tool name, the model's JSON arguments.</summary>
/// <param name="client">The client the tool calls through.</param>
/// <param name="toolName">The tool name.</param>
/// <param name="argumentsJson">The arguments as a JSON object.</param>
/// <param name="cancellationToken">Cancels the call.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate ValueTask<string> ToolDispatcher(MultiMailClient client, string toolName, string argumentsJson, CancellationToken cancellationToken);

/// <summary>
/// The tool set <c>CreateToolSet(client)</c> returns for a type whose tools take their client from outside (a static
/// type, or one without a client member): the type's descriptors and its generated dispatcher, bound to one client.
/// Not for direct use; generated code creates it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class GeneratedToolSet : IMultiMailToolSet
{
    private readonly MultiMailClient _client;
    private readonly ToolDispatcher _dispatch;

    /// <summary>Binds a generated dispatcher to a client.</summary>
    /// <param name="client">The client the tools call.</param>
    /// <param name="tools">The tools' descriptors.</param>
    /// <param name="dispatch">The generated dispatcher.</param>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> is <see langword="null"/>.</exception>
    public GeneratedToolSet(MultiMailClient client, IReadOnlyList<MultiMailToolDescriptor> tools, ToolDispatcher dispatch)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        Tools = tools ?? throw new ArgumentNullException(nameof(tools));
        _dispatch = dispatch ?? throw new ArgumentNullException(nameof(dispatch));
    }

    /// <inheritdoc/>
    public IReadOnlyList<MultiMailToolDescriptor> Tools { get; }

    /// <inheritdoc/>
    public ValueTask<string> InvokeAsync(string toolName, string argumentsJson, CancellationToken cancellationToken = default) =>
        _dispatch(_client, toolName, argumentsJson, cancellationToken);
}
