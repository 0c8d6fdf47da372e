using System;
using MultiMail.Generators.Catalog;
using MultiMail.Generators.Helpers;

namespace MultiMail.Generators.Model;

/// <summary>Where a parameter goes in the HTTP request (or that it is not part of it).</summary>
internal enum ParameterRole
{
    Path,
    Mailbox,
    Query,
    Body,
    IdempotencyKey,
    CancellationToken,
    Client,
}

/// <summary>A field or property of the tool's type (the client, or what a <c>[MultiMailBound]</c> parameter reads).</summary>
internal sealed record MemberReference(string Name, bool IsStatic);

/// <summary>A parameter of a tool method.</summary>
internal sealed record ParameterSpec : ValueSpec
{
    /// <summary>The declared type, fully qualified, with its nullable annotation.</summary>
    public required string TypeDisplay { get; init; }

    public required ParameterRole Role { get; init; }

    /// <summary><c>[MultiMailBound]</c>: hidden from the model; the value is <see cref="BoundMember"/>, or the default.</summary>
    public bool IsBound { get; init; }

    public MemberReference? BoundMember { get; init; }

    public bool IsParams { get; init; }

    /// <summary>Whether the parameter is part of the HTTP request.</summary>
    public bool IsRequestPart => Role is ParameterRole.Path or ParameterRole.Mailbox or ParameterRole.Query or ParameterRole.Body or ParameterRole.IdempotencyKey;

    /// <summary>Whether the model sees the parameter (it is in the schema and read by InvokeAsync).</summary>
    public bool IsModelVisible => IsRequestPart && !IsBound;
}

internal enum ReturnKind
{
    TaskOfString,
    ValueTaskOfString,
    TaskOfT,
    ValueTaskOfT,
    Task,
    ValueTask,
}

internal sealed record ReturnSpec
{
    public required ReturnKind Kind { get; init; }

    /// <summary>The declared return type, fully qualified.</summary>
    public required string TypeDisplay { get; init; }

    /// <summary>The shape of T for <c>Task&lt;T&gt;</c> and <c>ValueTask&lt;T&gt;</c> (T not string).</summary>
    public TypeShape? Result { get; init; }

    public bool ReturnsText => Kind is ReturnKind.TaskOfString or ReturnKind.ValueTaskOfString;

    public bool IsValueTask => Kind is ReturnKind.ValueTaskOfString or ReturnKind.ValueTaskOfT or ReturnKind.ValueTask;
}

/// <summary>One piece of a route: literal text, or a value bound by wire name.</summary>
internal sealed record PathSegment
{
    /// <summary>The literal text (empty for a value segment).</summary>
    public string Literal { get; init; } = string.Empty;

    /// <summary>The parameter that supplies the value; null for a mailbox segment the client's default fills.</summary>
    public string? ParameterName { get; init; }

    /// <summary>The placeholder's wire name; null for literal text.</summary>
    public string? WireName { get; init; }

    public bool IsMailbox { get; init; }

    public static PathSegment Text(string literal) => new() { Literal = literal };

    public static PathSegment Value(string wireName, string? parameterName, bool isMailbox = false) =>
        new() { WireName = wireName, ParameterName = parameterName, IsMailbox = isMailbox };
}

internal sealed record ToolMethodSpec
{
    /// <summary>The method's C# name (escaped).</summary>
    public required string MethodName { get; init; }

    /// <summary>The declaration's modifiers without <c>partial</c>, for example <c>public</c> or <c>internal static</c>.</summary>
    public required string Modifiers { get; init; }

    public required ReturnSpec Return { get; init; }

    public required EquatableArray<ParameterSpec> Parameters { get; init; }

    public required string ToolName { get; init; }

    public required string Description { get; init; }

    public required string HttpMethod { get; init; }

    public required EquatableArray<PathSegment> Path { get; init; }

    /// <summary>
    /// The runtime operation that carries out the call instead of one HTTP request (a member of
    /// <c>MultiMail.Internal.ClientOperations</c>, from the catalog), or <see langword="null"/>.
    /// </summary>
    public string? RuntimeOperation { get; init; }

    public required MultiMailToolEffectValue Effect { get; init; }

    public bool IsIdempotent { get; init; }

    public bool IsDestructive { get; init; }

    public bool IsOpenWorld { get; init; }

    /// <summary>Whether the answer holds mail written by outside senders; its text for the model is fenced as untrusted.</summary>
    public bool ReturnsMail { get; init; }

    public bool IsStatic { get; init; }
}

/// <summary>One type declaration around the tools, outermost first: <c>partial {Keyword} {Name}{TypeParameters}</c>.</summary>
internal sealed record TypeDeclarationSpec(string Keyword, string Name, string TypeParameters = "");

/// <summary>Names the generator would add that the user's type already has; the generator then writes other forms.</summary>
[Flags]
internal enum TakenNames
{
    None = 0,

    /// <summary><c>Tools</c>: IMultiMailToolSet.Tools is implemented explicitly.</summary>
    Tools = 1,

    /// <summary><c>InvokeAsync</c>: IMultiMailToolSet.InvokeAsync is implemented explicitly.</summary>
    InvokeAsync = 2,

    /// <summary><c>MultiMailTools</c> or <c>CreateToolSet</c>: no <c>MultiMailTools</c>; <c>CreateMultiMailToolSet</c> instead.</summary>
    StaticMembers = 4,

    /// <summary><c>AsAITools</c>, <c>AsMcpServerTools</c> or a name ending in <c>AIFunction</c>: no adapters.</summary>
    Adapters = 8,
}

/// <summary>The type that declares tools, as far as the emitter needs it.</summary>
internal sealed record ToolTypeSpec
{
    /// <summary>The namespace, or null for the global namespace.</summary>
    public string? Namespace { get; init; }

    /// <summary>The type and the types around it, outermost first.</summary>
    public required EquatableArray<TypeDeclarationSpec> Declarations { get; init; }

    /// <summary>The fully qualified name (<c>global::…</c>).</summary>
    public required string FullName { get; init; }

    public required string HintName { get; init; }

    /// <summary>The one MultiMailClient field or property the tools call through, when there is exactly one.</summary>
    public MemberReference? Client { get; init; }

    public bool IsStatic { get; init; }

    public TakenNames TakenNames { get; init; }
}

/// <summary>What the compilation references, reduced to a small record before any Combine (adapters are emitted only for these).</summary>
internal sealed record GenerationFacts
{
    public static readonly GenerationFacts None = new();

    /// <summary>Microsoft.Extensions.AI 9.3 or later (AIFunction and AIFunctionArguments).</summary>
    public bool HasExtensionsAI { get; init; }

    /// <summary>ApprovalRequiredAIFunction, not marked experimental.</summary>
    public bool HasApprovalRequiredFunction { get; init; }

    /// <summary>The MCP C# SDK's McpServerTool.</summary>
    public bool HasModelContextProtocol { get; init; }

    /// <summary>The namespace of the per-compilation adapter code: <c>MultiMail.Generated.{assembly name as an identifier}</c>.</summary>
    public string AdapterNamespace { get; init; } = "MultiMail.Generated";
}

/// <summary>The output of the per-method transform: the method and the type that declares it.</summary>
internal sealed record ToolMethodModel(ToolTypeSpec Type, ToolMethodSpec Method);

/// <summary>All valid tools of one type: the unit of generation (one file per type).</summary>
internal sealed record ToolTypeModel(ToolTypeSpec Type, EquatableArray<ToolMethodSpec> Methods);
