using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace MultiMail.Generators.Analysis;

/// <summary>The agent side of <see cref="ToolFlow"/>: which agents exist, and which of them share a conversation.</summary>
internal sealed partial class ToolFlow
{
    private static readonly HashSet<string> ElementwiseMethods = new(StringComparer.Ordinal) { "Select", "SelectMany", "ConvertAll" };

    private readonly Dictionary<(ISymbol Symbol, IOperation? Context), Members> _agentsOfSymbol = new(SymbolContextComparer.Instance);
    private readonly HashSet<(ISymbol Symbol, IOperation? Context)> _agentVisiting = new(SymbolContextComparer.Instance);
    private readonly HashSet<IMethodSymbol> _returnVisiting = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<string, Root> _roots = new(StringComparer.Ordinal);
    private HashSet<IMethodSymbol>? _configuredJoinSet;

    /// <summary>The conversation builders named in .editorconfig that this code calls.</summary>
    private HashSet<IMethodSymbol> ConfiguredJoins => _configuredJoinSet ??= new HashSet<IMethodSymbol>(
        _joins.Where(j => j.Configured).Select(j => TargetOf(j.Operation)).OfType<IMethodSymbol>(), SymbolEqualityComparer.Default);

    /// <summary>Every agent instance that holds MultiMail tools: one per registration, or one per call of a helper that registers.</summary>
    private Dictionary<string, Agent> BuildAgents()
    {
        var agents = new Dictionary<string, Agent>(StringComparer.Ordinal);
        foreach (var site in _sites)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            foreach (var agent in AgentsOf(site))
            {
                if (agent.Tools.Count == 0)
                {
                    continue;
                }

                if (agents.TryGetValue(agent.Key, out var existing))
                {
                    existing.Merge(agent);
                }
                else
                {
                    agents.Add(agent.Key, agent);
                }
            }
        }

        return agents;
    }

    private IEnumerable<Agent> AgentsOf(RegistrationSite site)
    {
        var elements = site.ToolArguments.SelectMany(a => Elements(a.Value, site.WholeToolSets)).ToList();
        var container = site.Container?.OriginalDefinition;
        var siteKey = KeyOf(site.Operation.Syntax);
        if (container is not null && _calls.TryGetValue(container, out var calls))
        {
            // A registration inside one of the project's helpers: each call of the helper is an agent. A helper that
            // returns what it made (or a constructor) hands the agent to the caller's scope; any other helper keeps it
            // in its own body, once per call.
            var handsOver = container.MethodKind == MethodKind.Constructor || _symbols.MayCarryAgents(container.ReturnType);
            foreach (var call in calls)
            {
                var scope = handsOver
                    ? call.Scope
                    : new Scope(KeyOf(call.Operation.Syntax) + ">" + site.Scope.Key, site.Scope.Label + " (called at " + FactCollector.Where(call.Operation.Syntax) + ")");
                var agent = new Agent(KeyOf(call.Operation.Syntax) + ">" + siteKey, ConstantName(call.Operation) ?? ConstantName(site.Operation) ?? NameOf(call.Operation), site.Loop ?? call.Loop, siteKey, scope);
                foreach (var element in elements)
                {
                    foreach (var tool in element.Flow.Tools)
                    {
                        agent.Add(tool, new Via(element.Via, call.Operation.Syntax));
                    }

                    foreach (var parameter in element.Flow.Parameters)
                    {
                        if (SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol.OriginalDefinition, container) && ArgumentFor(call.Operation, parameter) is { } argument)
                        {
                            foreach (var forwarded in Elements(argument.Value, wholeToolSets: false))
                            {
                                foreach (var tool in forwarded.Flow.Tools)
                                {
                                    agent.Add(tool, new Via(forwarded.Via, null));
                                }
                            }
                        }
                    }
                }

                yield return agent;
            }

            yield break;
        }

        var direct = site.Agent is { } symbol
            ? new Agent("symbol:" + SymbolKey(symbol), symbol.Name, site.Loop, siteKey, site.Scope)
            : new Agent(siteKey, NameOf(site.Operation), site.Loop, siteKey, site.Scope);
        foreach (var element in elements)
        {
            foreach (var tool in element.Flow.Tools)
            {
                direct.Add(tool, new Via(element.Via, null));
            }
        }

        yield return direct;
    }

    /// <summary>
    /// The conversations: every workflow (with the agents of the workflows nested in it), then, for the agents no
    /// workflow joins, one per setup scope.
    /// </summary>
    private List<Conversation> Conversations(Dictionary<string, Agent> agents)
    {
        var workflows = new Dictionary<string, Conversation>(StringComparer.Ordinal);
        foreach (var join in _joins)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var container = join.Container?.OriginalDefinition;
            IEnumerable<IOperation?> contexts = container is not null && _calls.TryGetValue(container, out var calls)
                ? calls.Select(c => (IOperation?)c.Operation)
                : new IOperation?[] { null };
            foreach (var context in contexts)
            {
                var root = RootOf(join.Operation, context, 0);
                if (!workflows.TryGetValue(root.Key, out var workflow))
                {
                    workflow = new Conversation(root.Key, root.Label, root.Syntax);
                    workflows.Add(root.Key, workflow);
                }

                var method = TargetOf(join.Operation);
                var arguments = ArgumentsOf(join.Operation);
                for (var i = method is { IsExtensionMethod: true } ? 1 : 0; i < arguments.Length; i++)
                {
                    if (arguments[i].ArgumentKind == ArgumentKind.DefaultValue || Unwrap(arguments[i].Value) is IDelegateCreationOperation or IAnonymousFunctionOperation)
                    {
                        continue;
                    }

                    var members = ResolveAgents(arguments[i].Value, context, 0);
                    workflow.Direct.UnionWith(members.Agents);
                    workflow.Nested.UnionWith(members.Workflows.Where(k => k != root.Key));
                }
            }
        }

        var result = new List<Conversation>();
        var inWorkflow = new HashSet<string>(StringComparer.Ordinal);
        foreach (var workflow in workflows.Values.OrderBy(w => w.Key, StringComparer.Ordinal))
        {
            Flatten(workflow, workflows, new HashSet<string>(StringComparer.Ordinal), workflow.Members);
            inWorkflow.UnionWith(workflow.Members);
            result.Add(workflow);
        }

        var escaping = _singleFile ? Escaping() : null;
        var scopes = new Dictionary<string, Conversation>(StringComparer.Ordinal);
        foreach (var agent in agents.Values)
        {
            if (inWorkflow.Contains(agent.Key))
            {
                continue;
            }

            foreach (var scope in agent.Scopes)
            {
                if (!scopes.TryGetValue(scope.Key, out var conversation))
                {
                    conversation = new Conversation("scope:" + scope.Key, "the setup in " + scope.Label, null);
                    scopes.Add(scope.Key, conversation);
                }

                conversation.Members.Add(agent.Key);
                conversation.Escapes |= escaping is not null && escaping.Contains(agent.Key);
            }
        }

        result.AddRange(scopes.Values.Where(s => !s.Escapes).OrderBy(s => s.Key, StringComparer.Ordinal));
        return result;
    }

    private static void Flatten(Conversation workflow, Dictionary<string, Conversation> all, HashSet<string> seen, HashSet<string> into)
    {
        if (!seen.Add(workflow.Key))
        {
            return;
        }

        into.UnionWith(workflow.Direct);
        foreach (var nested in workflow.Nested)
        {
            if (all.TryGetValue(nested, out var inner))
            {
                Flatten(inner, all, seen, into);
            }
        }
    }

    /// <summary>The agents this file's code hands on: returned, stored in a field or property, or passed to a helper.</summary>
    private HashSet<string> Escaping()
    {
        var escaping = new HashSet<string>(StringComparer.Ordinal);
        foreach (var values in _returns.Values)
        {
            foreach (var value in values)
            {
                escaping.UnionWith(ResolveAgents(value, null, 0).Agents);
            }
        }

        foreach (var write in _writes)
        {
            if (write.Key is IFieldSymbol or IPropertySymbol)
            {
                foreach (var value in write.Value)
                {
                    escaping.UnionWith(ResolveAgents(value, null, 0).Agents);
                }
            }
        }

        foreach (var calls in _calls.Values)
        {
            foreach (var call in calls)
            {
                foreach (var argument in ArgumentsOf(call.Operation))
                {
                    escaping.UnionWith(ResolveAgents(argument.Value, null, 0).Agents);
                }
            }
        }

        return escaping;
    }

    /// <summary>The agents (and workflows) an expression may evaluate to, inside the call <paramref name="context"/> if known.</summary>
    private Members ResolveAgents(IOperation? operation, IOperation? context, int depth)
    {
        operation = Unwrap(operation);
        if (operation is null || depth > MaxDepth)
        {
            return Members.Empty;
        }

        _cancellationToken.ThrowIfCancellationRequested();
        if (_siteBySyntax.TryGetValue(operation.Syntax, out var site) && site.Operation.Kind == operation.Kind)
        {
            return Members.Of(AgentKeys(site, context));
        }

        switch (operation)
        {
            case IConditionalOperation conditional:
                return Members.Union(ResolveAgents(conditional.WhenTrue, context, depth + 1), ResolveAgents(conditional.WhenFalse, context, depth + 1));
            case ICoalesceOperation coalesce:
                return Members.Union(ResolveAgents(coalesce.Value, context, depth + 1), ResolveAgents(coalesce.WhenNull, context, depth + 1));
            case IAwaitOperation awaited:
                return ResolveAgents(awaited.Operation, context, depth + 1);
            case ISimpleAssignmentOperation assignment:
                return ResolveAgents(assignment.Value, context, depth + 1);
            case ITupleOperation tuple:
                return UnionOfAgents(tuple.Elements, context, depth);
            case IArrayCreationOperation { Initializer: { } initializer }:
                return UnionOfAgents(initializer.ElementValues, context, depth);
            case IArrayInitializerOperation initializer:
                return UnionOfAgents(initializer.ElementValues, context, depth);
            case ILocalReferenceOperation local:
                return ResolveAgentSymbol(local.Local, context, depth);
            case IFieldReferenceOperation field when !field.Field.DeclaringSyntaxReferences.IsEmpty:
                return ResolveAgentSymbol(field.Field, field.Instance is { } fieldOwner ? CreationOf(fieldOwner, 0) ?? context : context, depth);
            case IPropertyReferenceOperation property when !property.Property.DeclaringSyntaxReferences.IsEmpty:
                return ResolveAgentProperty(property, context, depth);
            case IParameterReferenceOperation parameter:
                if (context is not null && SameMethod(parameter.Parameter.ContainingSymbol, TargetOf(context)) && ArgumentFor(context, parameter.Parameter) is { } argument)
                {
                    return ResolveAgents(argument.Value, null, depth + 1);
                }

                return ResolveAgentSymbol(parameter.Parameter, context, depth);
            case IInvocationOperation invocation:
                return ResolveAgentInvocation(invocation, context, depth);
            case IObjectCreationOperation creation:
                return ResolveAgentCreation(creation, context, depth);
        }

        if (operation.Syntax is CollectionExpressionSyntax collection && operation.SemanticModel is { } model)
        {
            var result = Members.Empty;
            foreach (var (_, expression) in ElementExpressions(collection))
            {
                result = Members.Union(result, ResolveAgents(model.GetOperation(expression, _cancellationToken), context, depth + 1));
            }

            return result;
        }

        // A params collection (C# 13: AddParticipants(a, b)) or a spread is an implicit operation Roslyn 4.8 has no
        // interface for: its children are the elements.
        if ((operation.IsImplicit || operation.Syntax is SpreadElementSyntax) && _symbols.MayCarryAgents(operation.Type))
        {
            return UnionOfAgents(operation.ChildOperations, context, depth);
        }

        return Members.Empty;
    }

    private Members ResolveAgentInvocation(IInvocationOperation invocation, IOperation? context, int depth)
    {
        var method = invocation.TargetMethod;
        if (IsJoinLike(method))
        {
            return Members.OfWorkflow(RootOf(invocation, context, depth).Key);
        }

        if (_symbols.InWorkflowsNamespace(method) && (_symbols.IsExecutorBinding(method.ReturnType) || _symbols.IsAgent(method.ReturnType)))
        {
            // BindAsExecutor(agent), workflow.AsAIAgent(): the same agents (or workflow), another type.
            return Members.Union(ResolveAgents(invocation.Instance, context, depth + 1), UnionOfArguments(invocation.Arguments, context, depth));
        }

        if (PassThroughMethods.Contains(method.Name))
        {
            return Members.Union(ResolveAgents(invocation.Instance, context, depth + 1), UnionOfArguments(invocation.Arguments, context, depth));
        }

        if (ElementwiseMethods.Contains(method.Name))
        {
            // names.Select(n => CreateAgent(n)): what the lambda returns.
            var result = Members.Empty;
            foreach (var argument in invocation.Arguments)
            {
                if (Unwrap(argument.Value) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda })
                {
                    foreach (var returned in lambda.Body.DescendantsAndSelf().OfType<IReturnOperation>())
                    {
                        result = Members.Union(result, ResolveAgents(returned.ReturnedValue, context, depth + 1));
                    }
                }
            }

            return result;
        }

        var definition = method.OriginalDefinition;
        if (method.DeclaringSyntaxReferences.IsEmpty || !_returns.TryGetValue(definition, out var returned2) || !_returnVisiting.Add(definition))
        {
            return Members.Empty;
        }

        try
        {
            // One of the project's own methods: what it returns, inside this call (its parameters are this call's arguments).
            return UnionOfAgents(returned2, invocation, depth);
        }
        finally
        {
            _returnVisiting.Remove(definition);
        }
    }

    private Members ResolveAgentCreation(IObjectCreationOperation creation, IOperation? context, int depth)
    {
        var constructor = creation.Constructor;
        if (constructor is null)
        {
            return Members.Empty;
        }

        if (IsJoinLike(constructor))
        {
            return Members.OfWorkflow(RootOf(creation, context, depth).Key);
        }

        if (_symbols.InWorkflowsNamespace(constructor) && _symbols.IsExecutorBinding(creation.Type))
        {
            return UnionOfArguments(creation.Arguments, context, depth);
        }

        var result = Members.Empty;
        if (!constructor.DeclaringSyntaxReferences.IsEmpty)
        {
            // An object of the project's own class whose constructor creates agents: those of this very creation.
            foreach (var site in _sites)
            {
                if (SameMethod(site.Container, constructor))
                {
                    result = Members.Union(result, Members.Of(AgentKeys(site, creation)));
                }
            }
        }

        foreach (var argument in creation.Arguments)
        {
            if (_symbols.MayCarryAgents(argument.Value.Type) && argument.Value.Type?.SpecialType != SpecialType.System_Object)
            {
                result = Members.Union(result, ResolveAgents(argument.Value, context, depth + 1));
            }
        }

        if (creation.Initializer is { } initializer)
        {
            foreach (var item in initializer.Initializers)
            {
                if (item is IInvocationOperation add)
                {
                    result = Members.Union(result, UnionOfArguments(add.Arguments, context, depth));
                }
            }
        }

        return result;
    }

    private Members ResolveAgentProperty(IPropertyReferenceOperation property, IOperation? context, int depth)
    {
        var ownerContext = property.Instance is { } instance ? CreationOf(instance, 0) ?? context : context;
        var result = ResolveAgentSymbol(property.Property, ownerContext, depth);
        if (property.Property.GetMethod is { } getter && _returns.TryGetValue(getter.OriginalDefinition, out var returned) && _returnVisiting.Add(getter.OriginalDefinition))
        {
            try
            {
                result = Members.Union(result, UnionOfAgents(returned, ownerContext, depth));
            }
            finally
            {
                _returnVisiting.Remove(getter.OriginalDefinition);
            }
        }

        return result;
    }

    private Members ResolveAgentSymbol(ISymbol symbol, IOperation? context, int depth)
    {
        var key = (symbol, context);
        if (_agentsOfSymbol.TryGetValue(key, out var known))
        {
            return known;
        }

        if (!_agentVisiting.Add(key))
        {
            return Members.Empty;
        }

        try
        {
            var result = _configuredAgents.Contains(symbol) ? Members.Of(new[] { "symbol:" + SymbolKey(symbol) }) : Members.Empty;
            if (_writes.TryGetValue(symbol, out var values))
            {
                result = Members.Union(result, UnionOfAgents(values, context, depth));
            }

            if (_elementWrites.TryGetValue(symbol, out var elements))
            {
                foreach (var (value, index) in elements)
                {
                    result = Members.Union(result, ResolveElement(value, index, context, depth + 1));
                }
            }

            _agentsOfSymbol[key] = result;
            return result;
        }
        finally
        {
            _agentVisiting.Remove(key);
        }
    }

    /// <summary>Element <paramref name="index"/> of a tuple value (<c>var (a, b) = Create();</c>).</summary>
    private Members ResolveElement(IOperation value, int index, IOperation? context, int depth)
    {
        var operation = Unwrap(value);
        if (depth > MaxDepth)
        {
            return Members.Empty;
        }

        switch (operation)
        {
            case ITupleOperation tuple when index < tuple.Elements.Length:
                return ResolveAgents(tuple.Elements[index], context, depth + 1);
            case IInvocationOperation invocation when !invocation.TargetMethod.DeclaringSyntaxReferences.IsEmpty
                && _returns.TryGetValue(invocation.TargetMethod.OriginalDefinition, out var returned)
                && _returnVisiting.Add(invocation.TargetMethod.OriginalDefinition):
                try
                {
                    var result = Members.Empty;
                    foreach (var item in returned)
                    {
                        result = Members.Union(result, ResolveElement(item, index, invocation, depth + 1));
                    }

                    return result;
                }
                finally
                {
                    _returnVisiting.Remove(invocation.TargetMethod.OriginalDefinition);
                }

            case IAwaitOperation awaited:
                return ResolveElement(awaited.Operation, index, context, depth + 1);
            case ILocalReferenceOperation local when _writes.TryGetValue(local.Local, out var writes):
                var union = Members.Empty;
                foreach (var write in writes)
                {
                    union = Members.Union(union, ResolveElement(write, index, context, depth + 1));
                }

                return union;
            default:
                return ResolveAgents(operation, context, depth + 1);
        }
    }

    private Members UnionOfAgents(IEnumerable<IOperation> values, IOperation? context, int depth)
    {
        var result = Members.Empty;
        foreach (var value in values)
        {
            result = Members.Union(result, ResolveAgents(value, context, depth + 1));
        }

        return result;
    }

    private Members UnionOfArguments(ImmutableArray<IArgumentOperation> arguments, IOperation? context, int depth)
    {
        var result = Members.Empty;
        foreach (var argument in arguments)
        {
            if (argument.ArgumentKind != ArgumentKind.DefaultValue && Unwrap(argument.Value) is not (IDelegateCreationOperation or IAnonymousFunctionOperation))
            {
                result = Members.Union(result, ResolveAgents(argument.Value, context, depth + 1));
            }
        }

        return result;
    }

    /// <summary>The agent instances a registration site stands for, inside the call <paramref name="context"/> if it is the helper's.</summary>
    private IEnumerable<string> AgentKeys(RegistrationSite site, IOperation? context)
    {
        var siteKey = KeyOf(site.Operation.Syntax);
        var container = site.Container?.OriginalDefinition;
        if (container is not null && _calls.TryGetValue(container, out var calls))
        {
            if (context is not null && SameMethod(TargetOf(context), container))
            {
                return new[] { KeyOf(context.Syntax) + ">" + siteKey };
            }

            return calls.Select(c => KeyOf(c.Operation.Syntax) + ">" + siteKey);
        }

        return new[] { site.Agent is { } symbol ? "symbol:" + SymbolKey(symbol) : siteKey };
    }

    /// <summary>The object an instance expression was created by (<c>new EmailDesk(…)</c>, directly or through one local).</summary>
    private IOperation? CreationOf(IOperation instance, int depth)
    {
        var operation = Unwrap(instance);
        if (depth > 4)
        {
            return null;
        }

        return operation switch
        {
            IObjectCreationOperation creation => creation,
            ILocalReferenceOperation local when _writes.TryGetValue(local.Local, out var writes) && writes.Count == 1 => CreationOf(writes[0], depth + 1),
            _ => null,
        };
    }

    /// <summary>A workflows-namespace method or constructor that returns a workflow or builder, or a conversation builder from .editorconfig.</summary>
    private bool IsJoinLike(IMethodSymbol method)
    {
        if (IsConfiguredJoin(method))
        {
            return true;
        }

        if (!_symbols.InWorkflowsNamespace(method))
        {
            return false;
        }

        return _symbols.IsWorkflowValue(method.MethodKind == MethodKind.Constructor ? method.ContainingType : method.ReturnType);
    }

    private bool IsConfiguredJoin(IMethodSymbol method) =>
        ConfiguredJoins.Count > 0 && ConfiguredJoins.Contains((method.ReducedFrom ?? method).OriginalDefinition);

    /// <summary>
    /// The conversation a join belongs to: a builder's calls (fluent, or on one local or field) share the root that
    /// created the builder; a static method or constructor starts its own.
    /// </summary>
    private Root RootOf(IOperation operation, IOperation? context, int depth, string? kind = null)
    {
        operation = Unwrap(operation)!;
        if (depth <= MaxDepth)
        {
            switch (operation)
            {
                case IInvocationOperation invocation when IsJoinLike(invocation.TargetMethod):
                    var configured = IsConfiguredJoin(invocation.TargetMethod);
                    if (configured)
                    {
                        kind ??= "the conversation of '" + invocation.TargetMethod.ContainingType.Name + "." + invocation.TargetMethod.Name + "'";
                    }

                    if (invocation.Instance is { } receiver && (configured || _symbols.IsWorkflowValue(receiver.Type)))
                    {
                        return RootOf(receiver, context, depth + 1, kind);
                    }

                    if (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0
                        && (configured || _symbols.IsWorkflowValue(invocation.Arguments[0].Value.Type)))
                    {
                        return RootOf(invocation.Arguments[0].Value, context, depth + 1, kind);
                    }

                    break;
                case ILocalReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation:
                    if (Holder(operation) is { } symbol)
                    {
                        if (_writes.TryGetValue(symbol, out var writes) && writes.Count == 1)
                        {
                            return RootOf(writes[0], context, depth + 1, kind);
                        }

                        return RootFor("symbol:" + (symbol is ILocalSymbol && context is not null ? KeyOf(context.Syntax) + ">" : string.Empty) + SymbolKey(symbol), (kind ?? "the workflow") + " in '" + symbol.Name + "'", null);
                    }

                    break;
                case IParameterReferenceOperation parameter:
                    if (context is not null && SameMethod(parameter.Parameter.ContainingSymbol, TargetOf(context)) && ArgumentFor(context, parameter.Parameter) is { } argument)
                    {
                        return RootOf(argument.Value, null, depth + 1, kind);
                    }

                    if (parameter.Parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } lambdaSymbol
                        && EnclosingCall(operation, lambdaSymbol) is { } call)
                    {
                        // AddSwitch(start, s => s.AddCase(…)): the lambda configures the builder of the call it is given to.
                        return RootOf(call, context, depth + 1, kind);
                    }

                    return RootFor("parameter:" + (context is not null ? KeyOf(context.Syntax) + ">" : string.Empty) + SymbolKey(parameter.Parameter), (kind ?? "the workflow") + " in '" + parameter.Parameter.Name + "'", null);
            }
        }

        var key = (context is not null ? KeyOf(context.Syntax) + ">" : string.Empty) + KeyOf(operation.Syntax);
        return RootFor("root:" + key, (kind ?? KindOf(operation)) + " built at " + FactCollector.Where(operation.Syntax), operation.Syntax);
    }

    private Root RootFor(string key, string label, SyntaxNode? syntax)
    {
        if (!_roots.TryGetValue(key, out var root))
        {
            root = new Root(key, label, syntax);
            _roots.Add(key, root);
        }

        return root;
    }

    /// <summary>The call that a lambda (whose parameter is <paramref name="lambda"/>'s) is an argument of.</summary>
    private static IOperation? EnclosingCall(IOperation operation, IMethodSymbol lambda)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation function && SymbolEqualityComparer.Default.Equals(function.Symbol, lambda))
            {
                var parent = function.Parent;
                while (parent is IDelegateCreationOperation or IConversionOperation)
                {
                    parent = parent.Parent;
                }

                return parent is IArgumentOperation { Parent: { } call and (IInvocationOperation or IObjectCreationOperation) } ? call : null;
            }
        }

        return null;
    }

    private string KindOf(IOperation operation)
    {
        var (name, type) = operation switch
        {
            IInvocationOperation invocation => (invocation.TargetMethod.Name, invocation.TargetMethod.ReturnType.Name),
            IObjectCreationOperation creation => (string.Empty, creation.Type?.Name ?? string.Empty),
            _ => (string.Empty, string.Empty),
        };
        var text = name + " " + type;
        if (operation is IInvocationOperation call && IsConfiguredJoin(call.TargetMethod))
        {
            return "the conversation of '" + call.TargetMethod.Name + "'";
        }

        if (text.Contains("GroupChat"))
        {
            return "the group chat";
        }

        if (text.Contains("Handoff"))
        {
            return "the handoff workflow";
        }

        if (text.Contains("Sequential"))
        {
            return "the sequential workflow";
        }

        if (text.Contains("Concurrent"))
        {
            return "the concurrent workflow";
        }

        if (text.Contains("Magentic"))
        {
            return "the Magentic workflow";
        }

        return "the workflow";
    }

    private static IMethodSymbol? TargetOf(IOperation call) => call switch
    {
        IInvocationOperation invocation => invocation.TargetMethod.OriginalDefinition,
        IObjectCreationOperation creation => creation.Constructor?.OriginalDefinition,
        _ => null,
    };

    private static bool SameMethod(ISymbol? a, ISymbol? b) =>
        a is not null && b is not null && SymbolEqualityComparer.Default.Equals(a.OriginalDefinition, b.OriginalDefinition);

    /// <summary>Where a tool reaches an agent: the syntax that brings it, and for an agent made by a helper call, that call.</summary>
    private readonly struct Via
    {
        public static readonly IComparer<Via> Comparer = new ViaComparer();

        public Via(SyntaxNode inside, SyntaxNode? call)
        {
            Inside = inside;
            Call = call;
        }

        public SyntaxNode Inside { get; }

        public SyntaxNode? Call { get; }

        private sealed class ViaComparer : IComparer<Via>
        {
            public int Compare(Via x, Via y)
            {
                var byInside = CompareNodes(x.Inside, y.Inside);
                return byInside != 0 ? byInside : CompareNodes(x.Call, y.Call);
            }

            private static int CompareNodes(SyntaxNode? a, SyntaxNode? b)
            {
                if (a is null || b is null)
                {
                    return a is null ? (b is null ? 0 : -1) : 1;
                }

                var byPath = string.CompareOrdinal(a.SyntaxTree.FilePath, b.SyntaxTree.FilePath);
                return byPath != 0 ? byPath : a.SpanStart.CompareTo(b.SpanStart);
            }
        }
    }

    /// <summary>One agent instance and the MultiMail tools it holds.</summary>
    private sealed class Agent
    {
        public Agent(string key, string? name, SyntaxNode? loop, string siteKey, Scope scope)
        {
            Key = key;
            Name = name;
            Loop = loop;
            SiteKey = siteKey;
            Scopes.Add(scope);
        }

        public string Key { get; }

        public string? Name { get; }

        /// <summary>The loop that creates this agent again and again, if any.</summary>
        public SyntaxNode? Loop { get; private set; }

        /// <summary>The registration it comes from (agents made by different calls of one helper share it).</summary>
        public string SiteKey { get; }

        public List<Scope> Scopes { get; } = new();

        /// <summary>Each tool with the first place that brings it.</summary>
        public Dictionary<ToolInfo, Via> Tools { get; } = new();

        public void Add(ToolInfo tool, Via via)
        {
            if (!Tools.TryGetValue(tool, out var existing) || Via.Comparer.Compare(via, existing) < 0)
            {
                Tools[tool] = via;
            }
        }

        public void Merge(Agent other)
        {
            Loop ??= other.Loop;
            foreach (var scope in other.Scopes)
            {
                if (!Scopes.Any(s => s.Key == scope.Key))
                {
                    Scopes.Add(scope);
                }
            }

            foreach (var pair in other.Tools)
            {
                Add(pair.Key, pair.Value);
            }
        }

        public string Label => Name is null ? "another agent" : "agent '" + Name + "'";
    }

    /// <summary>A group of agents that take part in one conversation: a workflow, or the agents of one setup scope.</summary>
    private sealed class Conversation
    {
        public Conversation(string key, string label, SyntaxNode? root)
        {
            Key = key;
            Label = label;
            Root = root;
        }

        public string Key { get; }

        public string Label { get; }

        /// <summary>Where the workflow is built (null for a setup scope).</summary>
        public SyntaxNode? Root { get; }

        public HashSet<string> Direct { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Nested { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Members { get; } = new(StringComparer.Ordinal);

        public bool Escapes { get; set; }

        /// <summary>
        /// Whether an agent created in <paramref name="loop"/> is created again for each new instance of this
        /// conversation (the workflow is built inside the same loop), rather than several times into this one.
        /// </summary>
        public bool RepeatsWith(SyntaxNode loop) =>
            Root is not null && Root.SyntaxTree == loop.SyntaxTree && loop.Span.Contains(Root.Span);
    }

    /// <summary>What a join resolves to: a root per workflow, shared by all calls on one builder.</summary>
    private sealed class Root
    {
        public Root(string key, string label, SyntaxNode? syntax)
        {
            Key = key;
            Label = label;
            Syntax = syntax;
        }

        public string Key { get; }

        public string Label { get; }

        public SyntaxNode? Syntax { get; }
    }

    /// <summary>The agents and workflows a value may be.</summary>
    private sealed class Members
    {
        public static readonly Members Empty = new();

        public HashSet<string> Agents { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Workflows { get; } = new(StringComparer.Ordinal);

        private bool IsEmpty => Agents.Count == 0 && Workflows.Count == 0;

        public static Members Of(IEnumerable<string> agents)
        {
            var result = new Members();
            result.Agents.UnionWith(agents);
            return result;
        }

        public static Members OfWorkflow(string key)
        {
            var result = new Members();
            result.Workflows.Add(key);
            return result;
        }

        public static Members Union(Members a, Members b)
        {
            if (b.IsEmpty)
            {
                return a;
            }

            if (a.IsEmpty)
            {
                return b;
            }

            var result = new Members();
            foreach (var source in new[] { a, b })
            {
                result.Agents.UnionWith(source.Agents);
                result.Workflows.UnionWith(source.Workflows);
            }

            return result;
        }
    }

    /// <summary>One diagnostic: a holder of a tool that another holder of the same conversation(s) also holds.</summary>
    private sealed class Report
    {
        private readonly List<Conversation> _conversations = new();
        private readonly List<Agent> _others = new();

        public Report(Agent holder, ToolInfo tool)
        {
            Holder = holder;
            Tool = tool;
        }

        public Agent Holder { get; }

        public ToolInfo Tool { get; }

        public bool Several { get; private set; }

        public void Add(Conversation conversation, IEnumerable<Agent> others, bool several)
        {
            _conversations.Add(conversation);
            foreach (var other in others)
            {
                if (!_others.Contains(other))
                {
                    _others.Add(other);
                }
            }

            Several |= several;
        }

        public Finding ToFinding(AgentSymbols symbols)
        {
            var others = _others.OrderBy(o => o.Tools[Tool], Via.Comparer).ToList();
            var location = Place(Holder).GetLocation();
            var description = new List<string>();
            if (Several)
            {
                description.Add("every other agent this loop creates");
            }

            description.AddRange(others.Select(o => o.Label + " (" + FactCollector.Where(Place(o)) + ")"));
            var conversations = JoinAnd(_conversations.Select(c => c.Label).Distinct(StringComparer.Ordinal).ToList());
            var descriptor = Tool.SendsEmail ? DiagnosticDescriptors.EmailToolOnSeveralAgents : DiagnosticDescriptors.ToolOnSeveralAgents;
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(ToolMethodProperty, Tool.Method.Name)
                .Add(ToolNameProperty, Tool.Name)
                .Add(ToolMethodsProperty, string.Join(",", symbols.ToolsOf(Tool.Type).Select(t => t.Method.Name)))
                .Add(HoldersProperty, string.Join(HolderSeparator.ToString(), others.Select(o => o.Label.Replace(HolderSeparator, ' '))))
                .Add(ConversationProperty, conversations);
            var key = descriptor.Id + "|" + location.SourceTree?.FilePath + "|" + location.SourceSpan.Start.ToString(CultureInfo.InvariantCulture) + "|" + Tool.Key;
            return new Finding(
                descriptor,
                location,
                others.Select(o => Place(o).GetLocation()).ToImmutableArray(),
                properties,
                key,
                new object[] { Tool.Name, JoinAnd(description), conversations });
        }

        /// <summary>
        /// Where to point for an agent: the syntax that brings the tool, or, when the conflict is between two calls of
        /// one helper (same registration inside it), the call that makes this agent.
        /// </summary>
        private SyntaxNode Place(Agent agent)
        {
            var via = agent.Tools[Tool];
            var other = agent == Holder ? _others : _others.Where(o => o != agent).Append(Holder);
            return via.Call is not null && other.Any(o => o.SiteKey == agent.SiteKey) ? via.Call : via.Inside;
        }
    }

    private sealed class SymbolContextComparer : IEqualityComparer<(ISymbol Symbol, IOperation? Context)>
    {
        public static readonly SymbolContextComparer Instance = new();

        public bool Equals((ISymbol Symbol, IOperation? Context) x, (ISymbol Symbol, IOperation? Context) y) =>
            SymbolEqualityComparer.Default.Equals(x.Symbol, y.Symbol) && ReferenceEquals(x.Context, y.Context);

        public int GetHashCode((ISymbol Symbol, IOperation? Context) obj) =>
            SymbolEqualityComparer.Default.GetHashCode(obj.Symbol) ^ (obj.Context is null ? 0 : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Context));
    }
}
