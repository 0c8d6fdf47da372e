using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using MultiMail.Generators.Catalog;
using MultiMail.Generators.Parsing;

namespace MultiMail.Generators.Analysis;

/// <summary>One <c>[MultiMailTool]</c> method, as the agent analyzer sees it.</summary>
internal sealed class ToolInfo
{
    public ToolInfo(INamedTypeSymbol type, IMethodSymbol method, string name, bool sendsEmail)
    {
        Type = type;
        Method = method;
        Name = name;
        SendsEmail = sendsEmail;
    }

    public INamedTypeSymbol Type { get; }

    public IMethodSymbol Method { get; }

    public string Name { get; }

    public bool SendsEmail { get; }

    /// <summary>A key that is the same for the same tool in every pass of one compilation.</summary>
    public string Key => Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + Method.Name;
}

/// <summary>The framework types the agent analyzer recognises, resolved once per compilation.</summary>
internal sealed class AgentSymbols
{
    private readonly ConcurrentDictionary<INamedTypeSymbol, ImmutableArray<ToolInfo>> _tools = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ITypeSymbol, bool> _relevantTypes = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ITypeSymbol, bool> _agentCarriers = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ITypeSymbol, bool> _workflowBuilders = new(SymbolEqualityComparer.Default);
    private readonly INamespaceSymbol? _workflowsNamespace;

    /// <summary>Agent Framework's workflow namespace: its builders join agents into one conversation.</summary>
    public const string WorkflowsNamespace = "Microsoft.Agents.AI.Workflows";

    private AgentSymbols(Compilation compilation, KnownTypes known, INamedTypeSymbol aiTool)
    {
        Known = known;
        AITool = aiTool;
        ChatOptions = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.ChatOptions");
        ChatClientAgentOptions = compilation.GetTypeByMetadataName("Microsoft.Agents.AI.ChatClientAgentOptions");
        AIAgent = compilation.GetTypeByMetadataName("Microsoft.Agents.AI.AIAgent");
        IEnumerableOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.IEnumerable`1");
        ExecutorBinding = compilation.GetTypeByMetadataName(WorkflowsNamespace + ".ExecutorBinding");
        Workflow = compilation.GetTypeByMetadataName(WorkflowsNamespace + ".Workflow");
        _workflowsNamespace = Workflow?.ContainingNamespace;
    }

    public KnownTypes Known { get; }

    public INamedTypeSymbol AITool { get; }

    public INamedTypeSymbol? ChatOptions { get; }

    public INamedTypeSymbol? ChatClientAgentOptions { get; }

    public INamedTypeSymbol? AIAgent { get; }

    public INamedTypeSymbol? IEnumerableOfT { get; }

    public INamedTypeSymbol? ExecutorBinding { get; }

    public INamedTypeSymbol? Workflow { get; }

    /// <summary>Null when the compilation cannot give MultiMail tools to agents (no runtime library or no M.E.AI).</summary>
    public static AgentSymbols? Create(Compilation compilation)
    {
        var known = new KnownTypes(compilation);
        var aiTool = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.AITool");
        return known.ToolAttribute is null || aiTool is null ? null : new AgentSymbols(compilation, known, aiTool);
    }

    /// <summary>The tools a type declares, in declaration order (empty for any other type).</summary>
    public ImmutableArray<ToolInfo> ToolsOf(ITypeSymbol? type)
    {
        // Tools are declared in source (the generator only writes them there): metadata types are never read.
        if (type is not INamedTypeSymbol named || named.TypeKind is not (TypeKind.Class or TypeKind.Struct) || named.DeclaringSyntaxReferences.IsEmpty)
        {
            return ImmutableArray<ToolInfo>.Empty;
        }

        return _tools.GetOrAdd(named.OriginalDefinition, t =>
        {
            var builder = ImmutableArray.CreateBuilder<ToolInfo>();
            foreach (var member in t.GetMembers())
            {
                // Only partial definitions can be tools the generator implements; checking that first keeps the
                // attributes of every other method unread.
                if (member is IMethodSymbol { IsPartialDefinition: true } method && ToolParser.FindToolAttribute(method, Known) is { } attribute)
                {
                    var effect = ToolParser.EffectOf(method, attribute);
                    builder.Add(new ToolInfo(t, method, ToolParser.ToolNameOf(method, attribute), effect == MultiMailToolEffectValue.SendsEmail));
                }
            }

            return builder.ToImmutable();
        });
    }

    /// <summary>Whether values of the type can carry tools, are a tool set, or can carry agents (memoized per type).</summary>
    public bool IsRelevantType(ITypeSymbol type) =>
        _relevantTypes.GetOrAdd(type, t => CarriesTools(t) || !ToolsOf(t).IsEmpty || (t.SpecialType != SpecialType.System_Object && MayCarryAgents(t)));

    /// <summary>
    /// Whether a value of the type can be or hold an agent, a workflow or a workflow builder: <c>AIAgent</c>,
    /// <c>ExecutorBinding</c>, <c>Workflow</c>, a builder of the workflows namespace, a sequence, array, tuple or task
    /// of those, or <c>object</c> (memoized per type).
    /// </summary>
    public bool MayCarryAgents(ITypeSymbol? type) => type is not null && _agentCarriers.GetOrAdd(type, t => ComputeMayCarryAgents(t, 0));

    private bool ComputeMayCarryAgents(ITypeSymbol type, int depth)
    {
        if (depth > 4)
        {
            return false;
        }

        if (type.SpecialType == SpecialType.System_Object || type.TypeKind == TypeKind.Dynamic
            || IsAgent(type) || DerivesFrom(type, ExecutorBinding) || DerivesFrom(type, Workflow) || IsWorkflowBuilder(type))
        {
            return true;
        }

        if (type.SpecialType != SpecialType.None)
        {
            return false;
        }

        switch (type)
        {
            case IArrayTypeSymbol array:
                return ComputeMayCarryAgents(array.ElementType, depth + 1);
            case INamedTypeSymbol { IsTupleType: true } tuple:
                return tuple.TupleElements.Any(e => ComputeMayCarryAgents(e.Type, depth + 1));
            case INamedTypeSymbol { IsGenericType: true } named when named.Name is "Task" or "ValueTask" || named.OriginalDefinition.Equals(IEnumerableOfT, SymbolEqualityComparer.Default):
                return ComputeMayCarryAgents(named.TypeArguments[0], depth + 1);
            case INamedTypeSymbol named when IEnumerableOfT is not null:
                foreach (var candidate in named.AllInterfaces)
                {
                    if (SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, IEnumerableOfT) && ComputeMayCarryAgents(candidate.TypeArguments[0], depth + 1))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>A builder type of Agent Framework's workflows (GroupChatWorkflowBuilder, WorkflowBuilder, …), memoized.</summary>
    public bool IsWorkflowBuilder(ITypeSymbol type) =>
        _workflowsNamespace is not null && _workflowBuilders.GetOrAdd(type, t =>
        {
            for (var current = t; current is not null; current = current.BaseType)
            {
                if (current.Name.EndsWith("Builder", StringComparison.Ordinal) && InWorkflowsNamespace(current))
                {
                    return true;
                }
            }

            return false;
        });

    /// <summary>Whether the symbol is declared in Agent Framework's workflows namespace (or one below it).</summary>
    public bool InWorkflowsNamespace(ISymbol symbol)
    {
        if (_workflowsNamespace is null)
        {
            return false;
        }

        for (var ns = symbol.ContainingNamespace; ns is not null && !ns.IsGlobalNamespace; ns = ns.ContainingNamespace)
        {
            if (SymbolEqualityComparer.Default.Equals(ns, _workflowsNamespace))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A workflow value: <c>Workflow</c> or a workflow builder.</summary>
    public bool IsWorkflowValue(ITypeSymbol? type) => type is not null && (DerivesFrom(type, Workflow) || IsWorkflowBuilder(type));

    /// <summary>An executor binding (what an agent becomes inside a <c>WorkflowBuilder</c>).</summary>
    public bool IsExecutorBinding(ITypeSymbol? type) => type is not null && DerivesFrom(type, ExecutorBinding);

    /// <summary>AITool (or a subclass), a sequence of them, ChatOptions or ChatClientAgentOptions.</summary>
    public bool CarriesTools(ITypeSymbol? type) =>
        type is not null && (IsTool(type) || IsToolSequence(type) || IsOptions(type));

    public bool IsTool(ITypeSymbol type) => DerivesFrom(type, AITool);

    public bool IsOptions(ITypeSymbol type) => DerivesFrom(type, ChatOptions) || DerivesFrom(type, ChatClientAgentOptions);

    public bool IsAgent(ITypeSymbol? type) => type is not null && DerivesFrom(type, AIAgent);

    public bool IsToolSequence(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol array)
        {
            return IsTool(array.ElementType);
        }

        if (IEnumerableOfT is null || type is not INamedTypeSymbol named)
        {
            return false;
        }

        if (SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, IEnumerableOfT))
        {
            return IsTool(named.TypeArguments[0]);
        }

        foreach (var candidate in named.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, IEnumerableOfT) && IsTool(candidate.TypeArguments[0]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool DerivesFrom(ITypeSymbol type, INamedTypeSymbol? baseType)
    {
        if (baseType is null)
        {
            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// Names that make a declaration worth binding: a cheap syntactic filter in front of the agent analyzer's operation walk.
/// A declaration that mentions none of them can neither make, hold, register nor forward MultiMail tools: the tools come
/// from <c>AsAITools()</c>/<c>…AIFunction</c>, travel in values typed <c>AITool</c>/<c>ChatOptions</c>/… or through the
/// project's own members whose signatures carry them (all indexed here by name), and reach agents through members whose
/// names mention "Agent" or through the registration methods named in .editorconfig; agents are joined through
/// Agent Framework's workflows (names with "Workflow") or the conversation builders named in .editorconfig.
/// </summary>
internal sealed class RelevantNames
{
    private readonly HashSet<string> _names;

    /// <summary>Indexed names that are also names of everyday framework members, with the types that declare them here.</summary>
    private readonly Dictionary<string, HashSet<string>> _commonNames;

    private RelevantNames(HashSet<string> names, Dictionary<string, HashSet<string>> commonNames)
    {
        _names = names;
        _commonNames = commonNames;
    }

    /// <summary>Indexes the names of the compilation's own members whose signatures carry tools, tool sets or agents.</summary>
    public static RelevantNames Build(Compilation compilation, AgentSymbols symbols, CancellationToken cancellationToken)
    {
        // A member named like a member of the framework's everyday types (Add, Open, Run, …) would make nearly every file
        // relevant ("_items.Add(item)"): such a name counts only in a declaration that also names its type (Desk.Open).
        var common = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in CommonTypes)
        {
            foreach (var member in compilation.GetTypeByMetadataName(type)?.GetMembers() ?? ImmutableArray<ISymbol>.Empty)
            {
                common.Add(member.Name);
            }
        }

        var names = new HashSet<string>(StringComparer.Ordinal) { "Tools" };
        var commonNames = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var symbol in compilation.GetSymbolsWithName(_ => true, SymbolFilter.Member, cancellationToken))
        {
            var name = symbol switch
            {
                IMethodSymbol { MethodKind: MethodKind.Constructor } constructor
                    when symbols.IsAgent(constructor.ContainingType) || constructor.Parameters.Any(p => symbols.IsRelevantType(p.Type)) => constructor.ContainingType.Name,
                IMethodSymbol { MethodKind: not MethodKind.Constructor } method
                    when symbols.IsRelevantType(method.ReturnType) || method.Parameters.Any(p => symbols.IsRelevantType(p.Type)) => method.Name,
                IFieldSymbol field when symbols.IsRelevantType(field.Type) => field.Name,
                IPropertySymbol property when symbols.IsRelevantType(property.Type) => property.Name,
                _ => null,
            };
            if (name is null)
            {
                continue;
            }

            if (!common.Contains(name))
            {
                names.Add(name);
            }
            else if (symbol.ContainingType is { } owner)
            {
                if (!commonNames.TryGetValue(name, out var owners))
                {
                    owners = new HashSet<string>(StringComparer.Ordinal);
                    commonNames.Add(name, owners);
                }

                owners.Add(owner.Name);
            }
        }

        // Constructors are not listed by member name: a type whose constructor takes tools, tool sets or agents (or
        // that is an agent) counts by its own name ("new EmailDesk(…)").
        foreach (var symbol in compilation.GetSymbolsWithName(_ => true, SymbolFilter.Type, cancellationToken))
        {
            if (symbol is INamedTypeSymbol type
                && (symbols.IsAgent(type) || type.InstanceConstructors.Any(c => c.Parameters.Any(p => symbols.IsRelevantType(p.Type)))))
            {
                names.Add(type.Name);
            }
        }

        return new RelevantNames(names, commonNames);
    }

    private static readonly string[] CommonTypes =
    {
        "System.Object", "System.String", "System.Array", "System.Math", "System.Console", "System.Linq.Enumerable",
        "System.Collections.Generic.List`1", "System.Collections.Generic.Dictionary`2", "System.Collections.Generic.HashSet`1",
        "System.Collections.Generic.ICollection`1", "System.Text.StringBuilder", "System.Threading.Tasks.Task", "System.IO.File",
        "System.IO.Path",
    };

    /// <summary>
    /// An indexed name, or an identifier containing "Agent", "AITool", "AIFunction", "ChatOptions", "McpServerTool" or
    /// "Workflow" (one pass over the identifier: this runs for every identifier of every declaration).
    /// </summary>
    public bool Contains(string identifier)
    {
        if (_names.Contains(identifier))
        {
            return true;
        }

        for (var i = 0; i + 5 <= identifier.Length; i++)
        {
            switch (identifier[i])
            {
                case 'A' when At(identifier, i, "Agent") || At(identifier, i, "AITool") || At(identifier, i, "AIFunction"):
                case 'C' when At(identifier, i, "ChatOptions"):
                case 'M' when At(identifier, i, "McpServerTool"):
                case 'W' when At(identifier, i, "Workflow"):
                    return true;
            }
        }

        return false;
    }

    /// <summary>For an indexed name that everyday framework members share: the names of the types that declare it here.</summary>
    public HashSet<string>? OwnersOfCommonName(string identifier) =>
        _commonNames.Count > 0 && _commonNames.TryGetValue(identifier, out var owners) ? owners : null;

    private static bool At(string text, int index, string fragment) =>
        index + fragment.Length <= text.Length && string.CompareOrdinal(text, index, fragment, 0, fragment.Length) == 0;
}

/// <summary>
/// Methods a project names in <c>.editorconfig</c>: the registration methods
/// (<see cref="AgentToolAnalyzer.RegistrationMethodsOption"/>) or the conversation builders
/// (<see cref="AgentToolAnalyzer.ConversationBuildersOption"/>).
/// </summary>
internal sealed class RegistrationMethods
{
    public static readonly RegistrationMethods None = new(ImmutableArray<string>.Empty);

    private readonly ImmutableArray<string> _names;

    private readonly HashSet<string> _simpleNames;

    private RegistrationMethods(ImmutableArray<string> names)
    {
        _names = names;
        _simpleNames = new HashSet<string>(names.Select(SimpleName), StringComparer.Ordinal);
    }

    /// <summary>"Ns.Type.Method" → "Method"; "Ns.Type..ctor" → "Type".</summary>
    private static string SimpleName(string entry)
    {
        const string Constructor = "..ctor";
        if (entry.EndsWith(Constructor, StringComparison.Ordinal))
        {
            entry = entry.Substring(0, entry.Length - Constructor.Length);
        }

        return entry.Substring(entry.LastIndexOf('.') + 1);
    }

    /// <summary>Whether an identifier is the simple name of one of the methods (or, for constructors, types).</summary>
    public bool MentionedBy(string identifier) => _simpleNames.Count > 0 && _simpleNames.Contains(identifier);

    public static RegistrationMethods Read(AnalyzerConfigOptionsProvider provider, SyntaxTree tree, string option = AgentToolAnalyzer.RegistrationMethodsOption)
    {
        if (!provider.GetOptions(tree).TryGetValue(option, out var value)
            && !provider.GlobalOptions.TryGetValue(option, out value))
        {
            return None;
        }

        var names = value.Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries)
            .Select(n => n.Trim())
            .Select(n => n.StartsWith("M:", StringComparison.Ordinal) ? n.Substring(2) : n)
            .Select(n => n.StartsWith("global::", StringComparison.Ordinal) ? n.Substring(8) : n)
            .Where(n => n.Length > 0)
            .ToImmutableArray();
        return names.IsEmpty ? None : new RegistrationMethods(names);
    }

    public bool Matches(IMethodSymbol method)
    {
        if (_names.IsEmpty)
        {
            return false;
        }

        var definition = method.ReducedFrom ?? method;
        var simpleType = definition.ContainingType?.Name ?? string.Empty;
        if (!_simpleNames.Contains(definition.MethodKind == MethodKind.Constructor ? simpleType : definition.Name))
        {
            // Called for every call the agent analyzer sees: the simple name rules most out without formatting anything.
            return false;
        }

        var type = definition.ContainingType?.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat.WithGenericsOptions(SymbolDisplayGenericsOptions.None)) ?? string.Empty;
        var name = definition.MethodKind == MethodKind.Constructor ? ".ctor" : definition.Name;
        foreach (var entry in _names)
        {
            if (entry == name || entry == simpleType + "." + name || entry == type + "." + name)
            {
                return true;
            }
        }

        return false;
    }
}
