using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MultiMail.Generators.Emit;
using MultiMail.Generators.Helpers;
using MultiMail.Generators.Model;
using MultiMail.Generators.Parsing;

namespace MultiMail.Generators;

/// <summary>
/// Writes the bodies of <c>[MultiMailTool]</c> partial methods and their compile-time tool descriptors.
/// Invalid methods are skipped silently: <see cref="Analysis.ToolDeclarationAnalyzer"/> reports why.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ToolGenerator : IIncrementalGenerator
{
    internal static readonly string Version = typeof(ToolGenerator).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(ToolGenerator).Assembly.GetName().Version?.ToString(3)
        ?? "0.0.0";

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var tools = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownTypeNames.MultiMailToolAttribute,
                static (node, _) => node is MethodDeclarationSyntax,
                static (context, cancellationToken) => Transform(context, cancellationToken))
            .WithTrackingName(TrackingNames.Transform)
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(TrackingNames.ValidTools);

        var byType = tools
            .Collect()
            .SelectMany(static (models, _) => GroupByType(models))
            .WithTrackingName(TrackingNames.ByType);

        context.RegisterSourceOutput(byType, static (context, model) =>
            context.AddSource(model.Type.HintName, ToolEmitter.Emit(model, Version)));
    }

    private static ToolMethodModel? Transform(GeneratorAttributeSyntaxContext context, System.Threading.CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol method)
        {
            return null;
        }

        var known = new KnownTypes(context.SemanticModel.Compilation);
        return ToolParser.Parse(method, context.TargetNode as MethodDeclarationSyntax, known, DiagnosticSink.Silent, cancellationToken);
    }

    /// <summary>One model per type, methods in declaration order; a repeated tool name keeps the first method.</summary>
    internal static ImmutableArray<ToolTypeModel> GroupByType(ImmutableArray<ToolMethodModel> models)
    {
        var order = new List<string>();
        var groups = new Dictionary<string, (ToolTypeSpec Type, List<ToolMethodSpec> Methods, HashSet<string> Names)>();
        foreach (var model in models)
        {
            var key = model.Type.FullName;
            if (!groups.TryGetValue(key, out var group))
            {
                group = (model.Type, new List<ToolMethodSpec>(), new HashSet<string>(System.StringComparer.Ordinal));
                groups.Add(key, group);
                order.Add(key);
            }

            if (group.Names.Add(model.Method.ToolName))
            {
                group.Methods.Add(model.Method);
            }
        }

        return order
            .Select(key => new ToolTypeModel(groups[key].Type, groups[key].Methods.ToEquatableArray()))
            .ToImmutableArray();
    }
}
