using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using MultiMail.Generators.Parsing;

namespace MultiMail.Generators.Analysis;

/// <summary>
/// Reports the authoring rules (MMG0001–MMG0018) for <c>[MultiMailTool]</c> methods while the user types. It runs the
/// generator's own parser, so the analyzer and the generator never disagree about what is valid.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ToolDeclarationAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.MustBePartial,
        DiagnosticDescriptors.MissingClient,
        DiagnosticDescriptors.MultipleClients,
        DiagnosticDescriptors.UnsupportedReturnType,
        DiagnosticDescriptors.UnsupportedParameterType,
        DiagnosticDescriptors.UnboundRoutePlaceholder,
        DiagnosticDescriptors.UnknownOperation,
        DiagnosticDescriptors.RequiredFieldMissing,
        DiagnosticDescriptors.UnknownField,
        DiagnosticDescriptors.FieldTypeMismatch,
        DiagnosticDescriptors.InvalidToolName,
        DiagnosticDescriptors.DuplicateToolName,
        DiagnosticDescriptors.MissingDescription,
        DiagnosticDescriptors.InvalidEndpoint,
        DiagnosticDescriptors.UnsupportedMethodShape,
        DiagnosticDescriptors.InvalidBinding,
        DiagnosticDescriptors.OptionalRequiredField,
        DiagnosticDescriptors.DuplicateWireName);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var known = new KnownTypes(start.Compilation);
            if (known.ToolAttribute is null)
            {
                return;
            }

            start.RegisterSymbolAction(symbolContext => AnalyzeMethod(symbolContext, known), SymbolKind.Method);
            start.RegisterSymbolAction(symbolContext => AnalyzeType(symbolContext, known), SymbolKind.NamedType);
        });
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context, KnownTypes known)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (ToolParser.FindToolAttribute(method, known) is null)
        {
            return;
        }

        // The attribute sits on the defining declaration of a partial method.
        var definition = method.PartialDefinitionPart ?? method;
        MethodDeclarationSyntax? syntax = null;
        foreach (var reference in definition.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(context.CancellationToken) is MethodDeclarationSyntax declaration)
            {
                syntax = declaration;
                break;
            }
        }

        var sink = DiagnosticSink.Collecting();
        ToolParser.Parse(definition, syntax, known, sink, context.CancellationToken);
        foreach (var diagnostic in sink.Diagnostics!)
        {
            // MMG0001 on a containing type lies outside the method: reported by AnalyzeType instead, once per type and
            // as a local diagnostic (a symbol action's diagnostic outside the symbol is non-local: no live squiggle
            // and no code fix in the IDE).
            if (diagnostic.Id == DiagnosticIds.MustBePartial && syntax is not null
                && (diagnostic.Location.SourceTree != syntax.SyntaxTree || !syntax.Span.Contains(diagnostic.Location.SourceSpan)))
            {
                continue;
            }

            context.ReportDiagnostic(diagnostic);
        }
    }

    private static void AnalyzeType(SymbolAnalysisContext context, KnownTypes known)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (!IsPartial(type, context.CancellationToken) && ContainsTool(type, known))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MustBePartial, type.Locations.FirstOrDefault(), type.Name, " (every type that contains a tool must be partial)"));
        }

        var seen = new Dictionary<string, IMethodSymbol>(System.StringComparer.Ordinal);
        var methods = type.GetMembers().OfType<IMethodSymbol>()
            .OrderBy(m => m.Locations.FirstOrDefault()?.SourceTree?.FilePath ?? string.Empty, System.StringComparer.Ordinal)
            .ThenBy(m => m.Locations.FirstOrDefault()?.SourceSpan.Start ?? 0);
        foreach (var member in methods)
        {
            if (member.PartialDefinitionPart is not null)
            {
                continue;
            }

            var attribute = ToolParser.FindToolAttribute(member, known);
            if (attribute is null)
            {
                continue;
            }

            var name = ToolParser.ToolNameOf(member, attribute);
            if (seen.TryGetValue(name, out var first))
            {
                var location = member.Locations.FirstOrDefault();
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DuplicateToolName, location, name, first.Name));
            }
            else
            {
                seen.Add(name, member);
            }
        }
    }

    private static bool IsPartial(INamedTypeSymbol type, System.Threading.CancellationToken cancellationToken)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration && declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the type or a type nested in it declares a tool the parser checks (not in an interface or ref struct).</summary>
    private static bool ContainsTool(INamedTypeSymbol type, KnownTypes known)
    {
        foreach (var member in type.GetMembers())
        {
            if (member is IMethodSymbol { PartialDefinitionPart: null } method && ToolParser.FindToolAttribute(method, known) is not null && !InUnsupportedContainer(method.ContainingType))
            {
                return true;
            }

            if (member is INamedTypeSymbol nested && ContainsTool(nested, known))
            {
                return true;
            }
        }

        return false;
    }

    private static bool InUnsupportedContainer(INamedTypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.TypeKind == TypeKind.Interface || current.IsRefLikeType)
            {
                return true;
            }
        }

        return false;
    }
}
