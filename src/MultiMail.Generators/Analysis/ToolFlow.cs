using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace MultiMail.Generators.Analysis;

/// <summary>The MultiMail tools (and the parameters of the enclosing helper) an expression may carry.</summary>
internal sealed class Flow
{
    public static readonly Flow Empty = new();

    public HashSet<ToolInfo> Tools { get; } = new();

    public HashSet<IParameterSymbol> Parameters { get; } = new(SymbolEqualityComparer.Default);

    public bool IsEmpty => Tools.Count == 0 && Parameters.Count == 0;

    public static Flow Union(Flow a, Flow b)
    {
        if (b.IsEmpty)
        {
            return a;
        }

        if (a.IsEmpty)
        {
            return b;
        }

        var result = new Flow();
        result.Add(a);
        result.Add(b);
        return result;
    }

    public void Add(Flow other)
    {
        Tools.UnionWith(other.Tools);
        Parameters.UnionWith(other.Parameters);
    }
}

/// <summary>Tools that reach a registration through one syntax node of its arguments (an element, a spread, the argument).</summary>
internal readonly struct Element
{
    public Element(Flow flow, SyntaxNode via)
    {
        Flow = flow;
        Via = via;
    }

    public Flow Flow { get; }

    public SyntaxNode Via { get; }
}

/// <summary>A diagnostic to report, with a key that is the same in the per-file and the whole-compilation pass.</summary>
internal sealed class Finding
{
    public Finding(DiagnosticDescriptor descriptor, Location location, ImmutableArray<Location> additional, ImmutableDictionary<string, string?> properties, string key, object[] arguments)
    {
        Descriptor = descriptor;
        Location = location;
        Additional = additional;
        Properties = properties;
        Key = key;
        Arguments = arguments;
    }

    public DiagnosticDescriptor Descriptor { get; }

    public Location Location { get; }

    public ImmutableArray<Location> Additional { get; }

    public ImmutableDictionary<string, string?> Properties { get; }

    public string Key { get; }

    public object[] Arguments { get; }

    public Diagnostic ToDiagnostic() => Diagnostic.Create(Descriptor, Location, Additional, Properties, Arguments);
}

/// <summary>
/// Resolves which MultiMail tools reach which agents, which agents share a conversation (an Agent Framework workflow,
/// a conversation builder named in .editorconfig, or else their setup scope), and turns a tool held by several agents
/// of one conversation into findings. Symbols are compared by identity, so facts from different files of one
/// compilation join up.
/// </summary>
internal sealed partial class ToolFlow
{
    /// <summary>Diagnostic property keys read by the code fix.</summary>
    public const string ToolMethodProperty = "ToolMethod";
    public const string ToolMethodsProperty = "ToolMethods";
    public const string ToolNameProperty = "ToolName";

    /// <summary>Labels of the other holders ("agent 'Researcher'"), one per additional location, separated by <see cref="HolderSeparator"/>.</summary>
    public const string HoldersProperty = "Holders";
    public const char HolderSeparator = '\n';

    /// <summary>How the conversation the diagnostic is about is named ("the group chat built at Team.cs, line 12").</summary>
    public const string ConversationProperty = "Conversation";

    private const int MaxDepth = 24;

    private static readonly HashSet<string> PassThroughMethods = new(StringComparer.Ordinal)
    {
        "ToList", "ToArray", "AsEnumerable", "AsReadOnly", "Concat", "Append", "Prepend", "Distinct", "Union", "Reverse",
        "ToHashSet", "ToImmutableArray", "ToImmutableList", "ToFrozenSet", "Cast", "OfType", "AsSpan", "AsMemory",
    };

    private readonly AgentSymbols _symbols;
    private readonly CancellationToken _cancellationToken;
    private readonly bool _singleFile;
    private readonly Dictionary<ISymbol, List<IOperation>> _writes = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ISymbol, List<(IOperation Value, int Index)>> _elementWrites = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IMethodSymbol, List<IOperation>> _returns = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IMethodSymbol, List<CallSite>> _calls = new(SymbolEqualityComparer.Default);
    private readonly List<RegistrationSite> _sites = new();
    private readonly Dictionary<SyntaxNode, RegistrationSite> _siteBySyntax = new();
    private readonly HashSet<ISymbol> _configuredAgents = new(SymbolEqualityComparer.Default);
    private readonly List<JoinSite> _joins = new();
    private readonly Dictionary<ISymbol, Flow> _resolved = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ISymbol> _visiting = new(SymbolEqualityComparer.Default);

    /// <param name="symbols">The framework types.</param>
    /// <param name="files">The facts of one file (the live pass) or of every file (the compilation pass).</param>
    /// <param name="singleFile">
    /// The live pass: a setup-scope conflict is reported only when none of its agents leaves the file's view (returned,
    /// stored in a field, passed to a helper), because another file could still join those agents into different
    /// workflows, which would end the conflict. Workflow conflicts only grow with more files, so they are always reported.
    /// </param>
    /// <param name="cancellationToken">Cancels the analysis.</param>
    public ToolFlow(AgentSymbols symbols, IEnumerable<FileFacts> files, bool singleFile, CancellationToken cancellationToken)
    {
        _symbols = symbols;
        _singleFile = singleFile;
        _cancellationToken = cancellationToken;
        foreach (var file in files.OrderBy(f => f.Tree.FilePath, StringComparer.Ordinal))
        {
            foreach (var write in file.Writes)
            {
                Get(_writes, write.Key).Add(write.Value);
            }

            foreach (var write in file.ElementWrites)
            {
                Get(_elementWrites, write.Target).Add((write.Value, write.Index));
            }

            foreach (var value in file.Returns)
            {
                Get(_returns, value.Key).Add(value.Value);
            }

            foreach (var call in file.Calls)
            {
                Get(_calls, call.Method).Add(call);
            }

            foreach (var site in file.Sites)
            {
                _sites.Add(site);
                _siteBySyntax[site.Operation.Syntax] = site;
                if (site.Agent is { } agent)
                {
                    _configuredAgents.Add(agent);
                }
            }

            _joins.AddRange(file.Joins);
        }
    }

    /// <summary>The symbol an expression stores into, looking through <c>.Tools</c>/<c>.ChatOptions</c> and conversions.</summary>
    public static ISymbol? Holder(IOperation? operation)
    {
        operation = Unwrap(operation);
        switch (operation)
        {
            case ILocalReferenceOperation local:
                return local.Local;
            case IFieldReferenceOperation field:
                return field.Field;
            case IParameterReferenceOperation parameter:
                return parameter.Parameter;
            case IPropertyReferenceOperation property when property.Instance is not null && property.Property.Name is "Tools" or "ChatOptions":
                return Holder(property.Instance);
            case IPropertyReferenceOperation property when !property.Property.DeclaringSyntaxReferences.IsEmpty:
                return property.Property;
            default:
                return null;
        }
    }

    public static IOperation? Unwrap(IOperation? operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    public IEnumerable<Finding> Findings()
    {
        var agents = BuildAgents();
        if (agents.Count == 0)
        {
            yield break;
        }

        var reports = new Dictionary<(string Agent, ToolInfo Tool), Report>();
        foreach (var conversation in Conversations(agents))
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var holders = new Dictionary<ToolInfo, List<Agent>>();
            foreach (var key in conversation.Members)
            {
                if (agents.TryGetValue(key, out var agent))
                {
                    foreach (var tool in agent.Tools.Keys)
                    {
                        Get(holders, tool).Add(agent);
                    }
                }
            }

            foreach (var entry in holders)
            {
                var tool = entry.Key;
                var list = entry.Value.OrderBy(a => a.Tools[tool], Via.Comparer).ToList();
                var several = list.Select(a => a.Loop is not null && !conversation.RepeatsWith(a.Loop)).ToList();
                if (list.Count < 2 && !several[0])
                {
                    continue;
                }

                for (var i = 0; i < list.Count; i++)
                {
                    if (i == 0 && !several[i])
                    {
                        continue;
                    }

                    var key = (list[i].Key, tool);
                    if (!reports.TryGetValue(key, out var report))
                    {
                        report = new Report(list[i], tool);
                        reports.Add(key, report);
                    }

                    report.Add(conversation, list.Where((_, j) => j != i), several[i]);
                }
            }
        }

        foreach (var report in reports.Values.OrderBy(r => r.Tool.Key, StringComparer.Ordinal).ThenBy(r => r.Holder.Tools[r.Tool], Via.Comparer))
        {
            yield return report.ToFinding(_symbols);
        }
    }

    /// <summary>Splits an argument into the syntax nodes that bring tools: collection elements and spreads, or the argument.</summary>
    private IEnumerable<Element> Elements(IOperation value, bool wholeToolSets, int depth = 0)
    {
        var operation = Unwrap(value);
        if (operation is null)
        {
            yield break;
        }

        if (wholeToolSets && !_symbols.ToolsOf(operation.Type).IsEmpty)
        {
            var flow = new Flow();
            flow.Tools.UnionWith(_symbols.ToolsOf(operation.Type));
            yield return new Element(flow, operation.Syntax);
            yield break;
        }

        if (operation.Syntax is CollectionExpressionSyntax collection && operation.SemanticModel is { } model)
        {
            foreach (var (item, expression) in ElementExpressions(collection))
            {
                yield return new Element(Resolve(model.GetOperation(expression, _cancellationToken), depth + 1), item);
            }

            yield break;
        }

        if (operation is IArrayCreationOperation { Initializer: { } arrayInitializer })
        {
            foreach (var item in arrayInitializer.ElementValues)
            {
                yield return new Element(Resolve(item, depth + 1), item.Syntax);
            }

            yield break;
        }

        if (operation is IObjectCreationOperation { Initializer: { } initializer } creation
            && !creation.Arguments.Any(a => _symbols.CarriesTools(a.Value.Type)))
        {
            foreach (var element in InitializerElements(initializer, depth))
            {
                yield return element;
            }

            yield break;
        }

        yield return new Element(Resolve(operation, depth), operation.Syntax);
    }

    private IEnumerable<Element> InitializerElements(IObjectOrCollectionInitializerOperation initializer, int depth)
    {
        foreach (var item in initializer.Initializers)
        {
            switch (item)
            {
                case IInvocationOperation add:
                    foreach (var argument in add.Arguments)
                    {
                        if (_symbols.CarriesTools(argument.Value.Type))
                        {
                            yield return new Element(Resolve(argument.Value, depth + 1), argument.Value.Syntax);
                        }
                    }

                    break;
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Tools" or "ChatOptions" } } assignment:
                    foreach (var element in Elements(assignment.Value, wholeToolSets: false, depth + 1))
                    {
                        yield return element;
                    }

                    break;
                case IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation { Property.Name: "Tools" or "ChatOptions" }, Initializer: { } nested }:
                    foreach (var element in InitializerElements(nested, depth + 1))
                    {
                        yield return element;
                    }

                    break;
            }
        }
    }

    /// <summary>Every MultiMail tool the value may carry.</summary>
    private Flow Resolve(IOperation? operation, int depth)
    {
        operation = Unwrap(operation);
        if (operation is null || depth > MaxDepth)
        {
            return Flow.Empty;
        }

        _cancellationToken.ThrowIfCancellationRequested();
        switch (operation)
        {
            case IConditionalOperation conditional:
                return Flow.Union(Resolve(conditional.WhenTrue, depth + 1), Resolve(conditional.WhenFalse, depth + 1));
            case ICoalesceOperation coalesce:
                return Flow.Union(Resolve(coalesce.Value, depth + 1), Resolve(coalesce.WhenNull, depth + 1));
            case IPropertyReferenceOperation property:
                return ResolveProperty(property, depth);
            case IFieldReferenceOperation field:
                return ResolveSymbol(field.Field, depth);
            case ILocalReferenceOperation local:
                return ResolveSymbol(local.Local, depth);
            case IParameterReferenceOperation parameter:
                var flow = new Flow();
                flow.Parameters.Add(parameter.Parameter);
                flow.Add(ResolveSymbol(parameter.Parameter, depth));
                return flow;
            case IInvocationOperation invocation:
                return ResolveInvocation(invocation, depth);
            case IObjectCreationOperation creation:
                return ResolveCreation(creation, depth);
            case IArrayCreationOperation { Initializer: { } initializer }:
                return UnionOf(initializer.ElementValues, depth);
            case IArrayInitializerOperation initializer:
                return UnionOf(initializer.ElementValues, depth);
            case IAwaitOperation awaited:
                return Resolve(awaited.Operation, depth + 1);
            case ISimpleAssignmentOperation assignment:
                return Resolve(assignment.Value, depth + 1);
        }

        if (operation.Syntax is CollectionExpressionSyntax collection && operation.SemanticModel is { } model)
        {
            var result = Flow.Empty;
            foreach (var (_, expression) in ElementExpressions(collection))
            {
                result = Flow.Union(result, Resolve(model.GetOperation(expression, _cancellationToken), depth + 1));
            }

            return result;
        }

        return Flow.Empty;
    }

    private Flow ResolveProperty(IPropertyReferenceOperation property, int depth)
    {
        var owner = property.Property.ContainingType;
        if (property.Property.Name.EndsWith("AIFunction", StringComparison.Ordinal))
        {
            var methodName = property.Property.Name.Substring(0, property.Property.Name.Length - "AIFunction".Length);
            foreach (var tool in _symbols.ToolsOf(owner))
            {
                if (tool.Method.Name == methodName)
                {
                    var flow = new Flow();
                    flow.Tools.Add(tool);
                    return flow;
                }
            }
        }

        if (property.Instance is not null && property.Property.Name is "Tools" or "ChatOptions")
        {
            return Resolve(property.Instance, depth + 1);
        }

        return property.Property.DeclaringSyntaxReferences.IsEmpty ? Flow.Empty : ResolveSymbol(property.Property, depth);
    }

    private Flow ResolveInvocation(IInvocationOperation invocation, int depth)
    {
        var method = invocation.TargetMethod;
        if (method.Name is "AsAITools" or "AsMcpServerTools")
        {
            var tools = _symbols.ToolsOf(method.ContainingType);
            if (!tools.IsEmpty)
            {
                var flow = new Flow();
                flow.Tools.UnionWith(tools);
                return flow;
            }
        }

        if (PassThroughMethods.Contains(method.Name))
        {
            var result = Resolve(invocation.Instance, depth + 1);
            foreach (var argument in invocation.Arguments)
            {
                result = Flow.Union(result, Resolve(argument.Value, depth + 1));
            }

            return result;
        }

        // One of the project's own methods that returns tools: what it returns, with its parameters replaced by this call's arguments.
        var definition = method.OriginalDefinition;
        if (!_returns.TryGetValue(definition, out var returned) || !_visiting.Add(definition))
        {
            return Flow.Empty;
        }

        try
        {
            var inner = UnionOf(returned, depth);
            var result = new Flow();
            result.Tools.UnionWith(inner.Tools);
            foreach (var parameter in inner.Parameters)
            {
                if (SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol.OriginalDefinition, definition))
                {
                    if (ArgumentFor(invocation, parameter) is { } argument)
                    {
                        result.Add(Resolve(argument.Value, depth + 1));
                    }
                }
                else
                {
                    result.Parameters.Add(parameter);
                }
            }

            return result;
        }
        finally
        {
            _visiting.Remove(definition);
        }
    }

    private Flow ResolveCreation(IObjectCreationOperation creation, int depth)
    {
        var result = Flow.Empty;
        foreach (var argument in creation.Arguments)
        {
            if (_symbols.CarriesTools(argument.Value.Type))
            {
                result = Flow.Union(result, Resolve(argument.Value, depth + 1));
            }
        }

        if (creation.Initializer is { } initializer)
        {
            foreach (var element in InitializerElements(initializer, depth + 1))
            {
                result = Flow.Union(result, element.Flow);
            }
        }

        return result;
    }

    private Flow ResolveSymbol(ISymbol symbol, int depth)
    {
        if (_resolved.TryGetValue(symbol, out var known))
        {
            return known;
        }

        if (!_writes.TryGetValue(symbol, out var values) || !_visiting.Add(symbol))
        {
            return Flow.Empty;
        }

        try
        {
            var flow = UnionOf(values, depth);
            _resolved[symbol] = flow;
            return flow;
        }
        finally
        {
            _visiting.Remove(symbol);
        }
    }

    private Flow UnionOf(IEnumerable<IOperation> values, int depth)
    {
        var result = Flow.Empty;
        foreach (var value in values)
        {
            result = Flow.Union(result, Resolve(value, depth + 1));
        }

        return result;
    }

    /// <summary>A collection expression's elements with the expression each brings (spreads included).</summary>
    private static IEnumerable<(CollectionElementSyntax Item, ExpressionSyntax Expression)> ElementExpressions(CollectionExpressionSyntax collection)
    {
        foreach (var item in collection.Elements)
        {
            switch (item)
            {
                case ExpressionElementSyntax element:
                    yield return (item, element.Expression);
                    break;
                case SpreadElementSyntax spread:
                    yield return (item, spread.Expression);
                    break;
            }
        }
    }

    private static ImmutableArray<IArgumentOperation> ArgumentsOf(IOperation call) => call switch
    {
        IInvocationOperation invocation => invocation.Arguments,
        IObjectCreationOperation creation => creation.Arguments,
        _ => ImmutableArray<IArgumentOperation>.Empty,
    };

    private static IArgumentOperation? ArgumentFor(IOperation call, IParameterSymbol parameter)
    {
        foreach (var argument in ArgumentsOf(call))
        {
            if (argument.Parameter is not null && argument.Parameter.Ordinal == parameter.Ordinal && argument.ArgumentKind != ArgumentKind.DefaultValue)
            {
                return argument;
            }
        }

        return null;
    }

    /// <summary>The agent's name: a constant <c>name</c> argument or <c>Name = "…"</c>, else the variable it is stored in.</summary>
    private static string? NameOf(IOperation operation)
    {
        if (ConstantName(operation) is { } constant)
        {
            return constant;
        }

        var parent = operation.Parent;
        while (parent is IConversionOperation or IVariableInitializerOperation or IAwaitOperation)
        {
            parent = parent.Parent;
        }

        return parent switch
        {
            IVariableDeclaratorOperation declarator => declarator.Symbol.Name,
            ISimpleAssignmentOperation assignment => Holder(assignment.Target)?.Name,
            _ => null,
        };
    }

    /// <summary>A constant <c>name</c> argument or <c>Name = "…"</c> of an agent's creation.</summary>
    private static string? ConstantName(IOperation operation)
    {
        foreach (var argument in ArgumentsOf(operation))
        {
            if (argument.Parameter?.Name is "name" or "agentName" && argument.Value.ConstantValue is { HasValue: true, Value: string name })
            {
                return name;
            }

            if (Unwrap(argument.Value) is IObjectCreationOperation { Initializer: { } initializer })
            {
                foreach (var item in initializer.Initializers)
                {
                    if (item is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Name" }, Value.ConstantValue: { HasValue: true, Value: string optionName } })
                    {
                        return optionName;
                    }
                }
            }
        }

        return null;
    }

    private static string KeyOf(SyntaxNode node) => FactCollector.KeyOf(node);

    private static string SymbolKey(ISymbol symbol)
    {
        var location = symbol.Locations.FirstOrDefault();
        return symbol.ToDisplayString() + "@" + (location is null ? string.Empty : location.SourceTree?.FilePath + ":" + location.SourceSpan.Start.ToString(CultureInfo.InvariantCulture));
    }

    private static string JoinAnd(IReadOnlyList<string> items) => items.Count switch
    {
        0 => string.Empty,
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[items.Count - 1],
    };

    private static List<TValue> Get<TKey, TValue>(Dictionary<TKey, List<TValue>> map, TKey key)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = new List<TValue>();
            map.Add(key, list);
        }

        return list;
    }
}
