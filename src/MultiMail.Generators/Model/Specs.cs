using MultiMail.Generators.Helpers;

namespace MultiMail.Generators.Model;

// Pipeline models. Every model is immutable and value-equal all the way down (records + EquatableArray), and holds no
// ISymbol, SyntaxNode, SemanticModel, Compilation or Location, so incremental caching works (tests walk the graph).

/// <summary>The kinds of values the JSON schema mapper understands.</summary>
internal enum ShapeKind
{
    String,
    Boolean,
    Integer,
    Number,
    Enum,
    Array,
    Map,
    Object,
    DateTime,
    DateTimeOffset,
    Guid,
    Uri,
    JsonElement,
}

internal enum NumericKind
{
    None,
    SByte,
    Byte,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Single,
    Double,
    Decimal,
}

/// <summary>How an array-shaped value is materialised when read.</summary>
internal enum CollectionKind
{
    None,

    /// <summary>T[], or an interface an array implements (IEnumerable, IReadOnlyList, IList, ICollection, IReadOnlyCollection).</summary>
    Array,

    /// <summary>List&lt;T&gt;.</summary>
    List,
}

/// <summary>JSON-schema facets of one value, from the MultiMail contract and DataAnnotations.</summary>
internal sealed record Constraints(
    int MinLength,
    int MaxLength,
    int MinItems,
    int MaxItems,
    string? Minimum,
    string? Maximum,
    string? Pattern,
    string? Format,
    EquatableArray<string> AllowedValues)
{
    public static readonly Constraints None = new(-1, -1, -1, -1, null, null, null, null, EquatableArray<string>.Empty);

    public bool IsEmpty => this == None;
}

/// <summary>An enum member; <paramref name="IsAlias"/> when an earlier member has the same value.</summary>
internal sealed record EnumMemberSpec(string MemberName, string WireName, string? Description, bool IsAlias);

internal sealed record PropertySpec(
    string Name,
    string WireName,
    TypeShape Shape,
    bool Required,
    PropertyAssignment Assignment,
    int ConstructorIndex,
    string? Description,
    Constraints Constraints,
    Constraints ItemConstraints,
    string? DefaultLiteral,
    string? DefaultJson);

internal enum PropertyAssignment
{
    Constructor,
    Init,
    Set,
}

internal sealed record ObjectSpec(string Id, EquatableArray<PropertySpec> Properties, int ConstructorParameterCount);

/// <summary>A C# type as the schema, reader and writer see it.</summary>
internal sealed record TypeShape(
    ShapeKind Kind,
    string TypeName,
    bool IsNullable,
    bool IsValueType,
    NumericKind Numeric,
    CollectionKind Collection,
    TypeShape? Element,
    EquatableArray<EnumMemberSpec> EnumMembers,
    ObjectSpec? Object)
{
    /// <summary>The type as written in a declaration, with its nullable annotation.</summary>
    public string Display => IsNullable ? TypeName + "?" : TypeName;
}

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

internal sealed record ParameterSpec(
    string Name,
    string WireName,
    string TypeDisplay,
    ParameterRole Role,
    TypeShape? Shape,
    bool Required,
    string? DefaultLiteral,
    string? DefaultJson,
    string? Description,
    Constraints Constraints,
    Constraints ItemConstraints,
    bool IsBound,
    string? BoundFrom,
    bool IsParams)
{
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

internal sealed record ReturnSpec(ReturnKind Kind, string TypeDisplay, TypeShape? Result)
{
    public bool ReturnsText => Kind is ReturnKind.TaskOfString or ReturnKind.ValueTaskOfString;

    public bool IsValueTask => Kind is ReturnKind.ValueTaskOfString or ReturnKind.ValueTaskOfT or ReturnKind.ValueTask;
}

/// <summary>One piece of a route: a literal, or a parameter bound by wire name.</summary>
internal sealed record PathSegment(string Literal, string? ParameterName, string? WireName, bool IsMailbox);

internal sealed record ToolMethodSpec(
    string MethodName,
    string Modifiers,
    ReturnSpec Return,
    EquatableArray<ParameterSpec> Parameters,
    string ToolName,
    string Description,
    string HttpMethod,
    EquatableArray<PathSegment> Path,
    int Effect,
    bool Idempotent,
    bool Destructive,
    bool OpenWorld,
    bool IsStatic);

internal sealed record TypeDeclarationSpec(string Keyword, string Name, string TypeParameters);

/// <summary>The type that declares tools, as far as the emitter needs it.</summary>
internal sealed record ToolTypeSpec(
    string? Namespace,
    EquatableArray<TypeDeclarationSpec> Declarations,
    string FullName,
    string HintName,
    string? ClientMember,
    bool ClientMemberIsStatic,
    bool IsStatic,
    bool ToolsNameTaken,
    bool InvokeAsyncNameTaken,
    bool StaticNamesTaken,
    bool AdapterNamesTaken);

/// <summary>What the compilation references, reduced to flags before any Combine (adapters are emitted only for these).</summary>
internal sealed record GenerationFacts(bool HasExtensionsAI, bool HasApprovalRequiredFunction, bool HasModelContextProtocol)
{
    public static readonly GenerationFacts None = new(false, false, false);
}

/// <summary>The output of the per-method transform: the method and the type that declares it.</summary>
internal sealed record ToolMethodModel(ToolTypeSpec Type, ToolMethodSpec Method);

/// <summary>All valid tools of one type: the unit of generation (one file per type).</summary>
internal sealed record ToolTypeModel(ToolTypeSpec Type, EquatableArray<ToolMethodSpec> Methods);
