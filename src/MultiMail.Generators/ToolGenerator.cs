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
/// Invalid methods are skipped; <see cref="Analysis.Refusals"/> reports their errors (the compiler's CS8795 hides
/// analyzer diagnostics in a build), <see cref="Analysis.ToolDeclarationAnalyzer"/> everything else.
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

        var facts = context.CompilationProvider
            .Select(static (compilation, _) => ReadFacts(compilation))
            .WithTrackingName(TrackingNames.Facts);

        context.RegisterSourceOutput(byType.Combine(facts), static (context, input) =>
            context.AddSource(input.Left.Type.HintName, ToolEmitter.Emit(input.Left, input.Right, Version)));

        // The Microsoft.Extensions.AI function type the adapters share: once per compilation, when there are tools.
        var adapters = tools
            .Collect()
            .Select(static (models, _) => !models.IsEmpty)
            .Combine(facts)
            .WithTrackingName(TrackingNames.Adapters);
        context.RegisterSourceOutput(adapters, static (context, input) =>
        {
            if (input.Left && input.Right.HasExtensionsAI)
            {
                context.AddSource(AdapterEmitter.HintName, AdapterEmitter.Emit(input.Right, Version));
            }
        });

        // The errors of the methods skipped above, reported by the generator so that they reach `dotnet build`.
        Analysis.Refusals.Register(context);
    }

    /// <summary>Which framework adapters the compilation can use, and where their shared code goes (cheap, and equal across edits).</summary>
    internal static GenerationFacts ReadFacts(Compilation compilation)
    {
        // AIFunctionArguments marks the Microsoft.Extensions.AI shape the adapters target (9.3 and later).
        var hasAI = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.AIFunction") is not null
            && compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.AIFunctionArguments") is not null;
        var approval = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.ApprovalRequiredAIFunction");
        var hasApproval = approval is not null && !approval.GetAttributes().Any(a => a.AttributeClass?.Name == "ExperimentalAttribute");
        // The MCP adapter returns CallToolResult (with isError) itself: the SDK's 0.3 shape and later.
        var hasMcp = compilation.GetTypeByMetadataName("ModelContextProtocol.Server.McpServerToolCreateOptions") is not null
            && compilation.GetTypeByMetadataName("ModelContextProtocol.Protocol.CallToolResult") is not null
            && compilation.GetTypeByMetadataName("ModelContextProtocol.Protocol.TextContentBlock") is not null;
        return new GenerationFacts
        {
            HasExtensionsAI = hasAI,
            HasApprovalRequiredFunction = hasAI && hasApproval,
            HasModelContextProtocol = hasAI && hasMcp,
            AdapterNamespace = AdapterNamespaceFor(compilation.AssemblyName),
        };
    }

    /// <summary><c>MultiMail.Generated.</c> + the assembly name as one identifier (<c>My.App-2</c> → <c>My_App_2</c>).</summary>
    internal static string AdapterNamespaceFor(string? assemblyName)
    {
        var name = Naming.SafeIdentifier(assemblyName ?? string.Empty);
        if (name.Length == 0 || char.IsDigit(name[0]))
        {
            name = "_" + name;
        }

        return "MultiMail.Generated." + Naming.EscapeIdentifier(name);
    }

    private static ToolMethodModel? Transform(GeneratorAttributeSyntaxContext context, System.Threading.CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol method)
        {
            return null;
        }

        var known = KnownTypes.For(context.SemanticModel.Compilation);
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

        // Hint names are plain ASCII and compared without case, so two types can map to one (Outer<T> and Outer_1,
        // Tools and tools, Ä and Ö): the later ones get a number, or the generator would fail for every type.
        var hints = new HashSet<string>(System.StringComparer.OrdinalIgnoreCase);
        var result = ImmutableArray.CreateBuilder<ToolTypeModel>(order.Count);
        foreach (var key in order)
        {
            var type = groups[key].Type;
            var hint = type.HintName;
            for (var i = 2; !hints.Add(hint); i++)
            {
                hint = type.HintName.Substring(0, type.HintName.Length - HintSuffix.Length) + "_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + HintSuffix;
            }

            result.Add(new ToolTypeModel(hint == type.HintName ? type : type with { HintName = hint }, groups[key].Methods.ToEquatableArray()));
        }

        return result.MoveToImmutable();
    }

    private const string HintSuffix = ".MultiMailTools.g.cs";
}
