using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MultiMail.Generators.Parsing;

namespace MultiMail.Generators.Analysis;

/// <summary>
/// The errors of the <c>[MultiMailTool]</c> methods the generator cannot write, reported by the generator itself.
/// </summary>
/// <remarks>
/// <para>
/// A refused method keeps its partial definition without an implementation, so the compiler reports a declaration
/// error (CS8795, CS8794 or CS0751, or CS0501 when the method is not partial). The command-line compiler stops after
/// declaration errors and never reports analyzer diagnostics in that case (it does so for errors in method bodies), so
/// the reason, reported by <see cref="ToolDeclarationAnalyzer"/>, would never reach <c>dotnet build</c>. The generator's
/// diagnostics are reported before that point. They are the parser's error diagnostics (the same ones the analyzer
/// computes) at the user's own source locations, so <c>.editorconfig</c> severities and the IDE's navigation apply.
/// </para>
/// <para>
/// When a method is refused, the generator also adds <see cref="MarkerHintName"/>: a comment that lists the refused
/// methods by documentation ID. <see cref="ToolDeclarationAnalyzer"/> reads it and leaves the errors of those methods
/// to the generator, so a host that shows both (the IDE, <c>CompilationWithAnalyzers</c> after the generator ran)
/// shows each error once. Without the marker (no generator, or nothing refused) the analyzer reports everything.
/// </para>
/// <para>
/// The pipeline carries <see cref="Diagnostic"/>s (which hold their syntax tree, never a compilation or symbol) only
/// for refused methods; every valid method contributes nothing, so edits to valid tools stay fully cached.
/// </para>
/// </remarks>
internal static class Refusals
{
    /// <summary>The hint name of the generated file that lists the refused methods.</summary>
    public const string MarkerHintName = "MultiMail.Generators.Refused.g.cs";

    /// <summary>The tracking name of the refusal step (for incrementality tests).</summary>
    public const string TrackingName = "Refusals";

    private const string EntryPrefix = "// refused: ";

    /// <summary>Adds the refusal pipeline to the generator.</summary>
    public static void Register(IncrementalGeneratorInitializationContext context)
    {
        var refusals = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownTypeNames.MultiMailToolAttribute,
                static (node, _) => node is MethodDeclarationSyntax,
                static (context, cancellationToken) => Transform(context, cancellationToken))
            .Where(static refusal => refusal is not null)
            .Select(static (refusal, _) => refusal!)
            .WithTrackingName(TrackingName);

        context.RegisterSourceOutput(refusals.Collect(), static (context, list) => Report(context, list));
    }

    /// <summary>The documentation IDs of the methods whose errors the generator reported in this compilation.</summary>
    public static ImmutableHashSet<string> ReadMarker(Compilation compilation, CancellationToken cancellationToken)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (!tree.FilePath.EndsWith(MarkerHintName, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var builder = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
            foreach (var line in tree.GetText(cancellationToken).Lines)
            {
                var text = line.ToString();
                if (text.StartsWith(EntryPrefix, StringComparison.Ordinal))
                {
                    builder.Add(text.Substring(EntryPrefix.Length).Trim());
                }
            }

            return builder.ToImmutable();
        }

        return ImmutableHashSet<string>.Empty;
    }

    /// <summary>
    /// The earlier method of the same type with the same tool name, if any: the generator keeps the first in compilation
    /// order (file order, then position), and so does MMG0012.
    /// </summary>
    public static IMethodSymbol? DuplicateOf(IMethodSymbol method, KnownTypes known, Compilation compilation)
    {
        var attribute = ToolParser.FindToolAttribute(method, known);
        var location = method.Locations.FirstOrDefault();
        if (attribute is null || location?.SourceTree is null || method.ContainingType is null)
        {
            return null;
        }

        var name = ToolParser.ToolNameOf(method, attribute);
        var order = Order(location, compilation);
        IMethodSymbol? first = null;
        (int, int) firstOrder = default;
        foreach (var member in method.ContainingType.GetMembers())
        {
            if (member is not IMethodSymbol { PartialDefinitionPart: null } other
                || SymbolEqualityComparer.Default.Equals(other, method)
                || other.Locations.FirstOrDefault() is not { SourceTree: not null } otherLocation
                || ToolParser.FindToolAttribute(other, known) is not { } otherAttribute
                || ToolParser.ToolNameOf(other, otherAttribute) != name)
            {
                continue;
            }

            var otherOrder = Order(otherLocation, compilation);
            if (otherOrder.CompareTo(order) < 0 && (first is null || otherOrder.CompareTo(firstOrder) < 0))
            {
                first = other;
                firstOrder = otherOrder;
            }
        }

        return first;
    }

    private static (int Tree, int Position) Order(Location location, Compilation compilation)
    {
        var index = 0;
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (tree == location.SourceTree)
            {
                break;
            }

            index++;
        }

        return (index, location.SourceSpan.Start);
    }

    private static Refusal? Transform(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol method)
        {
            return null;
        }

        var compilation = context.SemanticModel.Compilation;
        var known = new KnownTypes(compilation);
        var sink = DiagnosticSink.Collecting();
        ToolParser.Parse(method, context.TargetNode as MethodDeclarationSyntax, known, sink, cancellationToken);
        var errors = sink.Diagnostics!.Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.IsInSource).ToList();
        if (DuplicateOf(method, known, compilation) is { } first && method.Locations.FirstOrDefault() is { } location)
        {
            var attribute = ToolParser.FindToolAttribute(method, known)!;
            errors.Add(Diagnostic.Create(DiagnosticDescriptors.DuplicateToolName, location, ToolParser.ToolNameOf(method, attribute), first.Name));
        }

        return errors.Count == 0 ? null : new Refusal(method.GetDocumentationCommentId() ?? method.ToDisplayString(), errors.ToImmutableArray());
    }

    private static void Report(SourceProductionContext context, ImmutableArray<Refusal> refusals)
    {
        if (refusals.IsEmpty)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var diagnostic in refusals.SelectMany(r => r.Diagnostics))
        {
            // The same error can come from several methods (a containing type that is not partial): report it once.
            var key = diagnostic.Id + "|" + diagnostic.Location.SourceTree?.FilePath + "|" + diagnostic.Location.SourceSpan.Start.ToString(CultureInfo.InvariantCulture) + "|" + diagnostic.GetMessage(CultureInfo.InvariantCulture);
            if (seen.Add(key))
            {
                context.ReportDiagnostic(diagnostic);
            }
        }

        var text = new StringBuilder()
            .Append("// <auto-generated/>\n")
            .Append("// The MultiMail generator could not write these [MultiMailTool] methods and reported why (MMG0001-MMG0018\n")
            .Append("// errors next to the compiler's CS8795). MultiMail's analyzers read this list and leave those errors to the\n")
            .Append("// generator, so each is reported once.\n");
        foreach (var id in refusals.Select(r => r.MethodId).Distinct(StringComparer.Ordinal).OrderBy(id => id, StringComparer.Ordinal))
        {
            text.Append(EntryPrefix).Append(id.Replace('\r', ' ').Replace('\n', ' ')).Append('\n');
        }

        context.AddSource(MarkerHintName, text.ToString());
    }

    /// <summary>One refused method: its documentation ID and the errors that made the generator refuse it.</summary>
    private sealed class Refusal : IEquatable<Refusal>
    {
        public Refusal(string methodId, ImmutableArray<Diagnostic> diagnostics)
        {
            MethodId = methodId;
            Diagnostics = diagnostics;
        }

        public string MethodId { get; }

        public ImmutableArray<Diagnostic> Diagnostics { get; }

        public bool Equals(Refusal? other) =>
            other is not null && MethodId == other.MethodId && Diagnostics.SequenceEqual(other.Diagnostics);

        public override bool Equals(object? obj) => Equals(obj as Refusal);

        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(MethodId) ^ Diagnostics.Length;
    }
}
