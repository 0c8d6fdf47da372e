using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
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

        // Type-level problems (MMG0001 on a containing type) are reported by AnalyzeType, once per type and as a local
        // diagnostic (a symbol action's diagnostic outside the symbol is non-local: no live squiggle and no code fix).
        var sink = DiagnosticSink.Collecting(typeLevel: false);
        ToolParser.Parse(definition, syntax, known, sink, context.CancellationToken);
        foreach (var diagnostic in sink.Diagnostics!)
        {
            context.ReportDiagnostic(diagnostic);
        }
    }

    private static void AnalyzeType(SymbolAnalysisContext context, KnownTypes known)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        var sink = DiagnosticSink.Collecting();
        ToolParser.CheckContainingType(type, known, sink, context.CancellationToken);
        foreach (var diagnostic in sink.Diagnostics!)
        {
            context.ReportDiagnostic(diagnostic);
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
}
