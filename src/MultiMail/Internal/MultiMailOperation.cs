using System;
using System.ComponentModel;
using System.Net.Http;

namespace MultiMail.Internal;

/// <summary>
/// What is fixed about one tool's request, known at compile time: the tool name, the HTTP method, the effect and the
/// route template. Generated code keeps one per tool in a static field, so a call builds none of it. Not for direct use.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class MultiMailOperation
{
    /// <summary>Describes a tool's request.</summary>
    /// <param name="toolName">The tool name, used in texts for the model.</param>
    /// <param name="method">The HTTP method.</param>
    /// <param name="effect">What the call does; sends get idempotency keys and approval hints.</param>
    /// <param name="route">The route template, for example <c>/v1/mailboxes/{mailbox_id}/send</c> (telemetry; never values).</param>
    public MultiMailOperation(string toolName, string method, MultiMailToolEffect effect, string route)
    {
        ToolName = toolName ?? throw new ArgumentNullException(nameof(toolName));
        Method = method ?? throw new ArgumentNullException(nameof(method));
        Effect = effect;
        Route = route ?? string.Empty;
        Name = method + " " + Route;
    }

    /// <summary>The tool name.</summary>
    public string ToolName { get; }

    /// <summary>The HTTP method.</summary>
    public string Method { get; }

    /// <summary>What the call does.</summary>
    public MultiMailToolEffect Effect { get; }

    /// <summary>The route template.</summary>
    public string Route { get; }

    /// <summary>The method and route template, as telemetry names the operation: <c>POST /v1/mailboxes/{mailbox_id}/send</c>.</summary>
    public string Name { get; }

    /// <summary>
    /// The shared <see cref="System.Net.Http.HttpMethod"/>, looked up on the first request: the operation is created in
    /// the tool type's static constructor, which reading a schema runs, and that must not load System.Net.Http.
    /// </summary>
    internal HttpMethod HttpMethod => _httpMethod ??= MethodOf(Method);

    private HttpMethod? _httpMethod;

    /// <summary>The shared <see cref="System.Net.Http.HttpMethod"/> for a method name (no new instance per request).</summary>
    internal static HttpMethod MethodOf(string method) => method switch
    {
        "GET" => HttpMethod.Get,
        "POST" => HttpMethod.Post,
        "PUT" => HttpMethod.Put,
        "DELETE" => HttpMethod.Delete,
        "PATCH" => PatchHolder.Patch,
        "HEAD" => HttpMethod.Head,
        _ => new HttpMethod(method),
    };

    // In a holder of its own, so creating an operation never initializes anything from System.Net.Http.
    private static class PatchHolder
    {
        internal static readonly HttpMethod Patch = new("PATCH");
    }
}
