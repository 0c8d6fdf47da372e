using Microsoft.CodeAnalysis;

namespace MultiMail.Generators.Parsing;

/// <summary>Well-known symbols, resolved once per compilation (the analyzer's start action, the generator's <see cref="For"/>).</summary>
internal sealed class KnownTypes
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, KnownTypes> PerCompilation = new();

    /// <summary>
    /// The symbols of <paramref name="compilation"/>, resolved by the first transform that asks and shared by the others
    /// (held as long as the compilation lives).
    /// </summary>
    public static KnownTypes For(Compilation compilation) => PerCompilation.GetValue(compilation, static c => new KnownTypes(c));

    public KnownTypes(Compilation compilation)
    {
        Compilation = compilation;
        ToolAttribute = compilation.GetTypeByMetadataName(KnownTypeNames.MultiMailToolAttribute);
        BoundAttribute = compilation.GetTypeByMetadataName(KnownTypeNames.MultiMailBoundAttribute);
        ParameterAttribute = compilation.GetTypeByMetadataName(KnownTypeNames.MultiMailParameterAttribute);
        Client = compilation.GetTypeByMetadataName(KnownTypeNames.MultiMailClient);
        CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
        Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
        ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        DateTimeOffset = compilation.GetTypeByMetadataName("System.DateTimeOffset");
        Guid = compilation.GetTypeByMetadataName("System.Guid");
        Uri = compilation.GetTypeByMetadataName("System.Uri");
        JsonElement = compilation.GetTypeByMetadataName("System.Text.Json.JsonElement");
        ListOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.List`1");
        IEnumerableOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.IEnumerable`1");
        IReadOnlyListOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.IReadOnlyList`1");
        IReadOnlyCollectionOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.IReadOnlyCollection`1");
        IListOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.IList`1");
        ICollectionOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.ICollection`1");
        Dictionary = compilation.GetTypeByMetadataName("System.Collections.Generic.Dictionary`2");
        IDictionary = compilation.GetTypeByMetadataName("System.Collections.Generic.IDictionary`2");
        IReadOnlyDictionary = compilation.GetTypeByMetadataName("System.Collections.Generic.IReadOnlyDictionary`2");
    }

    public Compilation Compilation { get; }

    public INamedTypeSymbol? ToolAttribute { get; }

    public INamedTypeSymbol? BoundAttribute { get; }

    public INamedTypeSymbol? ParameterAttribute { get; }

    public INamedTypeSymbol? Client { get; }

    public INamedTypeSymbol? CancellationToken { get; }

    public INamedTypeSymbol? Task { get; }

    public INamedTypeSymbol? TaskOfT { get; }

    public INamedTypeSymbol? ValueTask { get; }

    public INamedTypeSymbol? ValueTaskOfT { get; }

    public INamedTypeSymbol? DateTimeOffset { get; }

    public INamedTypeSymbol? Guid { get; }

    public INamedTypeSymbol? Uri { get; }

    public INamedTypeSymbol? JsonElement { get; }

    public INamedTypeSymbol? ListOfT { get; }

    public INamedTypeSymbol? IEnumerableOfT { get; }

    public INamedTypeSymbol? IReadOnlyListOfT { get; }

    public INamedTypeSymbol? IReadOnlyCollectionOfT { get; }

    public INamedTypeSymbol? IListOfT { get; }

    public INamedTypeSymbol? ICollectionOfT { get; }

    public INamedTypeSymbol? Dictionary { get; }

    public INamedTypeSymbol? IDictionary { get; }

    public INamedTypeSymbol? IReadOnlyDictionary { get; }

    public static bool Is(ISymbol? symbol, INamedTypeSymbol? known) =>
        symbol is not null && known is not null && SymbolEqualityComparer.Default.Equals(symbol.OriginalDefinition, known);

    /// <summary>Matches an attribute class by its full name (for attributes from optional assemblies).</summary>
    public static bool IsNamed(INamedTypeSymbol? type, string ns, string name)
    {
        if (type is null || type.Name != name)
        {
            return false;
        }

        return type.ContainingNamespace?.ToDisplayString() == ns;
    }
}
