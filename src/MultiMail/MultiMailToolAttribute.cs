using System;

namespace MultiMail;

/// <summary>
/// Marks a <c>partial</c> method as a MultiMail tool. The MultiMail source generator writes its body (an HTTP call
/// to the MultiMail REST API) and a compile-time JSON-schema tool descriptor for it.
/// </summary>
/// <remarks>
/// <para>
/// <c>[MultiMailTool]</c> finds the endpoint in the built-in catalog by tool name (for example <c>send_email</c>);
/// <c>[MultiMailTool("GET", "/v1/mailboxes/{mailbox_id}/emails")]</c> names the endpoint explicitly.
/// </para>
/// <para>
/// The containing type must expose exactly one <see cref="MultiMailClient"/> field or property; static tool methods
/// may take the client as a parameter instead.
/// </para>
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class MultiMailToolAttribute : Attribute
{
    /// <summary>Finds the endpoint in the built-in catalog by the tool's name.</summary>
    public MultiMailToolAttribute()
    {
    }

    /// <summary>Calls an explicit endpoint.</summary>
    /// <param name="method">The HTTP method: GET, POST, PUT, PATCH or DELETE.</param>
    /// <param name="path">
    /// The path template, for example <c>/v1/mailboxes/{mailbox_id}/emails</c>. Placeholders bind to parameters by
    /// wire name (the snake_case of the parameter name).
    /// </param>
    public MultiMailToolAttribute(string method, string path)
    {
        Method = method;
        Path = path;
    }

    /// <summary>The explicit HTTP method, or <see langword="null"/> when the catalog supplies it.</summary>
    public string? Method { get; }

    /// <summary>The explicit path template, or <see langword="null"/> when the catalog supplies it.</summary>
    public string? Path { get; }

    /// <summary>
    /// The tool name the model sees. Defaults to the snake_case of the method name without an <c>Async</c> suffix
    /// (<c>SendEmail</c> → <c>send_email</c>). Must match <c>^[a-zA-Z0-9_-]{1,64}$</c>.
    /// </summary>
    public string? Name { get; set; }

    /// <summary>The tool description the model sees. Defaults to <c>[Description]</c> or the XML <c>&lt;summary&gt;</c>.</summary>
    public string? Description { get; set; }
}

/// <summary>
/// Binds a tool parameter in the application, so the model neither sees nor chooses it: the parameter is left out of
/// the JSON schema and <see cref="IMultiMailToolSet.InvokeAsync"/> never reads it from the model's arguments.
/// </summary>
/// <remarks>
/// Without <see cref="From"/> the parameter's C# default is used (a <see langword="null"/> <c>mailboxId</c> falls back
/// to <see cref="MultiMailClientOptions.DefaultMailboxId"/>). With <see cref="From"/> the value is read from that field
/// or property of the containing type, for example the one mailbox an agent may use.
/// </remarks>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class MultiMailBoundAttribute : Attribute
{
    /// <summary>Binds the parameter to its C# default value.</summary>
    public MultiMailBoundAttribute()
    {
    }

    /// <summary>Binds the parameter to a field or property of the containing type.</summary>
    /// <param name="from">The member's name; use <c>nameof(...)</c>.</param>
    public MultiMailBoundAttribute(string from) => From = from;

    /// <summary>The field or property of the containing type that supplies the value, if any.</summary>
    public string? From { get; }
}

/// <summary>Overrides how a tool parameter appears on the wire and in the schema.</summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class MultiMailParameterAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    public MultiMailParameterAttribute()
    {
    }

    /// <summary>Creates the attribute with a wire name.</summary>
    /// <param name="name">The wire name (JSON property, query or route name), for example <c>q</c>.</param>
    public MultiMailParameterAttribute(string name) => Name = name;

    /// <summary>The wire name. Defaults to the snake_case of the parameter name.</summary>
    public string? Name { get; set; }

    /// <summary>The parameter description. Defaults to <c>[Description]</c> or the XML <c>&lt;param&gt;</c> text.</summary>
    public string? Description { get; set; }
}
