using MultiMail.Generators.Helpers;

namespace MultiMail.Generators.Model;

// Pipeline models. Every model is immutable and value-equal all the way down (records + EquatableArray), and holds no
// ISymbol, SyntaxNode, SemanticModel, Compilation or Location, so incremental caching works (tests walk the graph).
// Members are named and `init`-only, so a test builds a spec by hand in a few lines; the essential ones are `required`.

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

/// <summary>JSON-schema facets of one value, from the MultiMail contract and DataAnnotations; <see langword="null"/> is "no limit".</summary>
internal sealed record Constraints
{
    public static readonly Constraints None = new();

    /// <summary>The least number of characters; only values above 0 check anything.</summary>
    public int? MinLength { get; init; }

    public int? MaxLength { get; init; }

    /// <summary>The least number of items; only values above 0 check anything.</summary>
    public int? MinItems { get; init; }

    public int? MaxItems { get; init; }

    /// <summary>An inclusive lower bound, as invariant number text.</summary>
    public string? Minimum { get; init; }

    /// <summary>An inclusive upper bound, as invariant number text.</summary>
    public string? Maximum { get; init; }

    public string? Pattern { get; init; }

    public string? Format { get; init; }

    public EquatableArray<string> AllowedValues { get; init; } = EquatableArray<string>.Empty;

    public bool IsEmpty => this == None;
}

/// <summary>An enum member; <see cref="IsAlias"/> when an earlier member has the same value.</summary>
internal sealed record EnumMemberSpec
{
    /// <summary>The member's C# name (escaped).</summary>
    public required string MemberName { get; init; }

    public required string WireName { get; init; }

    public string? Description { get; init; }

    public bool IsAlias { get; init; }
}

/// <summary>A C# type as the schema, reader and writer see it.</summary>
internal sealed record TypeShape
{
    public required ShapeKind Kind { get; init; }

    /// <summary>The type's fully qualified C# name, without a nullable annotation.</summary>
    public required string TypeName { get; init; }

    public bool IsNullable { get; init; }

    public bool IsValueType { get; init; }

    public NumericKind Numeric { get; init; }

    public CollectionKind Collection { get; init; }

    /// <summary>The item shape of an array, or the value shape of a map.</summary>
    public TypeShape? Element { get; init; }

    public EquatableArray<EnumMemberSpec> EnumMembers { get; init; } = EquatableArray<EnumMemberSpec>.Empty;

    public ObjectSpec? Object { get; init; }

    /// <summary>The type as written in a declaration, with its nullable annotation.</summary>
    public string Display => IsNullable ? TypeName + "?" : TypeName;

    /// <summary>Whether a value of this type can be null (a reference type, or a nullable value type).</summary>
    public bool CanBeNull => IsNullable || !IsValueType;
}

/// <summary>A JSON value with a name: a tool parameter, or a property of an object argument or result.</summary>
internal abstract record ValueSpec
{
    /// <summary>The C# name (escaped).</summary>
    public required string Name { get; init; }

    public required string WireName { get; init; }

    /// <summary>
    /// The name in the HTTP request when it is not <see cref="WireName"/> (a tool parameter named after one of a catalog
    /// field's aliases, such as search_contacts' <c>query</c> sent as <c>q</c>); <see langword="null"/> otherwise.
    /// </summary>
    public string? RequestName { get; init; }

    /// <summary>The value's shape; <see langword="null"/> only for parameters that are not part of the request.</summary>
    public TypeShape? Shape { get; init; }

    public bool Required { get; init; }

    public string? Description { get; init; }

    public Constraints Constraints { get; init; } = Constraints.None;

    /// <summary>Facets of each item, for arrays.</summary>
    public Constraints ItemConstraints { get; init; } = Constraints.None;

    /// <summary>The C# default value (escaped), or null.</summary>
    public string? DefaultLiteral { get; init; }

    /// <summary>The schema's <c>default</c> (JSON), or null.</summary>
    public string? DefaultJson { get; init; }
}

internal enum PropertyAssignment
{
    Constructor,
    Init,
    Set,
}

/// <summary>A property of an object argument or result.</summary>
internal sealed record PropertySpec : ValueSpec
{
    public required PropertyAssignment Assignment { get; init; }

    /// <summary>The constructor parameter position, for <see cref="PropertyAssignment.Constructor"/>.</summary>
    public int? ConstructorIndex { get; init; }
}

/// <summary>An object argument or result: its properties and how it is constructed.</summary>
internal sealed record ObjectSpec
{
    /// <summary>A stable identifier for the generated reader and writer (type name and a hash of the full name).</summary>
    public required string Id { get; init; }

    public required EquatableArray<PropertySpec> Properties { get; init; }

    public int ConstructorParameterCount { get; init; }
}
