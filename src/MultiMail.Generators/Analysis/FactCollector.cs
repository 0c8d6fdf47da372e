using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace MultiMail.Generators.Analysis;

/// <summary>A place where an agent is created with (or given) tools for the model to call.</summary>
internal sealed class RegistrationSite
{
    public RegistrationSite(IOperation operation, IMethodSymbol? container, ImmutableArray<IArgumentOperation> toolArguments, ISymbol? agent, bool inLoop, bool wholeToolSets)
    {
        Operation = operation;
        Container = container;
        ToolArguments = toolArguments;
        Agent = agent;
        InLoop = inLoop;
        WholeToolSets = wholeToolSets;
    }

    /// <summary>The invocation or object creation.</summary>
    public IOperation Operation { get; }

    /// <summary>The method whose body holds the site (lambdas and local functions count as their method).</summary>
    public IMethodSymbol? Container { get; }

    public ImmutableArray<IArgumentOperation> ToolArguments { get; }

    /// <summary>For registration methods named in .editorconfig: the receiver, so one agent registered twice stays one agent.</summary>
    public ISymbol? Agent { get; }

    public bool InLoop { get; }

    /// <summary>Arguments of a tool-set type (a class with [MultiMailTool] methods) stand for all its tools.</summary>
    public bool WholeToolSets { get; }
}

/// <summary>What one file contributes to the tool flow: values written into symbols, registrations, calls, returns.</summary>
internal sealed class FileFacts
{
    public FileFacts(SyntaxTree tree) => Tree = tree;

    public SyntaxTree Tree { get; }

    public List<KeyValuePair<ISymbol, IOperation>> Writes { get; } = new();

    public List<RegistrationSite> Sites { get; } = new();

    /// <summary>Calls to the project's own methods that take tools or create agents (for helper summaries).</summary>
    public List<KeyValuePair<IMethodSymbol, IOperation>> Calls { get; } = new();

    /// <summary>Values returned by the project's own methods that return tools.</summary>
    public List<KeyValuePair<IMethodSymbol, IOperation>> Returns { get; } = new();

    public bool IsEmpty => Writes.Count == 0 && Sites.Count == 0 && Calls.Count == 0 && Returns.Count == 0;
}

/// <summary>Walks the operation trees of one file and records the facts the tool-flow engine needs.</summary>
internal static class FactCollector
{
    private static readonly HashSet<string> MutatingMethods = new(System.StringComparer.Ordinal) { "Add", "AddRange", "Insert", "InsertRange", "Push", "Enqueue" };

    private static readonly HashSet<string> IteratingMethods = new(System.StringComparer.Ordinal)
    {
        "Select", "SelectMany", "ForEach", "ConvertAll", "ToDictionary", "ToLookup", "For", "ForEachAsync",
    };

    public static FileFacts Collect(SemanticModel model, AgentSymbols symbols, RelevantNames relevant, RegistrationMethods registrationMethods, CancellationToken cancellationToken)
    {
        var facts = new FileFacts(model.SyntaxTree);
        var root = model.SyntaxTree.GetRoot(cancellationToken);
        var topLevelDone = false;
        foreach (var node in root.DescendantNodes(n => !IsOperationRoot(n)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            IOperation? operation;
            IMethodSymbol? owner = null;
            if (node is not GlobalStatementSyntax && IsOperationRoot(node) && !Mentions(node.FirstAncestorOrSelf<MemberDeclarationSyntax>() ?? node, relevant, registrationMethods))
            {
                // Binding is the cost: a declaration that names nothing tool- or agent-related is skipped unbound.
                continue;
            }

            switch (node)
            {
                case GlobalStatementSyntax when !topLevelDone:
                    topLevelDone = true;
                    if (!((CompilationUnitSyntax)root).Members.OfType<GlobalStatementSyntax>().Any(g => Mentions(g, relevant, registrationMethods)))
                    {
                        continue;
                    }

                    operation = model.GetOperation(root, cancellationToken);
                    owner = model.GetEnclosingSymbol(node.SpanStart, cancellationToken) as IMethodSymbol;
                    break;
                case BaseMethodDeclarationSyntax or AccessorDeclarationSyntax:
                    operation = model.GetOperation(node, cancellationToken);
                    owner = model.GetDeclaredSymbol(node, cancellationToken) as IMethodSymbol;
                    break;
                case ArrowExpressionClauseSyntax { Parent: PropertyDeclarationSyntax or IndexerDeclarationSyntax }:
                    operation = model.GetOperation(node, cancellationToken);
                    owner = (model.GetDeclaredSymbol(node.Parent!, cancellationToken) as IPropertySymbol)?.GetMethod;
                    break;
                case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax } or PropertyDeclarationSyntax }:
                    operation = model.GetOperation(node, cancellationToken);
                    break;
                default:
                    continue;
            }

            if (operation is not null)
            {
                Visit(operation, owner, facts, symbols, registrationMethods, cancellationToken);
            }
        }

        return facts;
    }

    private static bool Mentions(SyntaxNode declaration, RelevantNames relevant, RegistrationMethods registrationMethods)
    {
        foreach (var token in declaration.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.IdentifierToken) && (relevant.Contains(token.ValueText) || registrationMethods.MentionedBy(token.ValueText)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsOperationRoot(SyntaxNode node) =>
        node is GlobalStatementSyntax or BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or ArrowExpressionClauseSyntax or EqualsValueClauseSyntax;

    private static void Visit(IOperation root, IMethodSymbol? owner, FileFacts facts, AgentSymbols symbols, RegistrationMethods registrationMethods, CancellationToken cancellationToken)
    {
        foreach (var operation in root.DescendantsAndSelf())
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (operation)
            {
                case IFieldInitializerOperation initializer:
                    foreach (var field in initializer.InitializedFields)
                    {
                        AddWrite(facts, symbols, field, field.Type, initializer.Value);
                    }

                    break;
                case IPropertyInitializerOperation initializer:
                    foreach (var property in initializer.InitializedProperties)
                    {
                        AddWrite(facts, symbols, property, property.Type, initializer.Value);
                    }

                    break;
                case IVariableDeclaratorOperation declarator:
                    var value = declarator.Initializer?.Value ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer?.Value;
                    if (value is not null)
                    {
                        AddWrite(facts, symbols, declarator.Symbol, declarator.Symbol.Type, value);
                    }

                    break;
                case IForEachLoopOperation loop when loop.LoopControlVariable is IVariableDeclaratorOperation variable:
                    AddWrite(facts, symbols, variable.Symbol, variable.Symbol.Type, loop.Collection);
                    break;
                case ISimpleAssignmentOperation assignment:
                    if (ToolFlow.Holder(assignment.Target) is { } target && (symbols.CarriesTools(assignment.Target.Type) || symbols.CarriesTools(assignment.Value.Type)))
                    {
                        facts.Writes.Add(new KeyValuePair<ISymbol, IOperation>(target, assignment.Value));
                    }

                    break;
                case IInvocationOperation invocation:
                    VisitCall(operation, invocation.TargetMethod, invocation.Instance, invocation.Arguments, owner, facts, symbols, registrationMethods);
                    if (MutatingMethods.Contains(invocation.TargetMethod.Name) && invocation.Instance is not null && ToolFlow.Holder(invocation.Instance) is { } collection)
                    {
                        foreach (var argument in invocation.Arguments)
                        {
                            if (symbols.CarriesTools(argument.Value.Type))
                            {
                                facts.Writes.Add(new KeyValuePair<ISymbol, IOperation>(collection, argument.Value));
                            }
                        }
                    }

                    break;
                case IObjectCreationOperation creation when creation.Constructor is not null:
                    VisitCall(operation, creation.Constructor, null, creation.Arguments, owner, facts, symbols, registrationMethods);
                    break;
                case IReturnOperation { ReturnedValue: { } returned } when owner is not null && symbols.CarriesTools(owner.ReturnType) && !InsideFunction(operation, root):
                    facts.Returns.Add(new KeyValuePair<IMethodSymbol, IOperation>(owner.OriginalDefinition, returned));
                    break;
            }
        }
    }

    private static void AddWrite(FileFacts facts, AgentSymbols symbols, ISymbol target, ITypeSymbol? targetType, IOperation value)
    {
        if (symbols.CarriesTools(targetType) || symbols.CarriesTools(value.Type))
        {
            facts.Writes.Add(new KeyValuePair<ISymbol, IOperation>(target, value));
        }
    }

    private static void VisitCall(
        IOperation operation,
        IMethodSymbol method,
        IOperation? instance,
        ImmutableArray<IArgumentOperation> arguments,
        IMethodSymbol? owner,
        FileFacts facts,
        AgentSymbols symbols,
        RegistrationMethods registrationMethods)
    {
        var configured = registrationMethods.Matches(method);
        var inSource = !method.DeclaringSyntaxReferences.IsEmpty;
        if (inSource && !configured)
        {
            // The project's own helpers (they take tools or a tool set, return tools, or create agents): remembered so a
            // registration inside one counts at each call.
            var createsAgent = method.MethodKind == MethodKind.Constructor ? symbols.IsAgent(method.ContainingType) : symbols.IsAgent(method.ReturnType);
            if (createsAgent
                || symbols.CarriesTools(method.ReturnType)
                || method.Parameters.Any(p => symbols.CarriesTools(p.Type) || !symbols.ToolsOf(p.Type).IsEmpty))
            {
                facts.Calls.Add(new KeyValuePair<IMethodSymbol, IOperation>(method.OriginalDefinition, operation));
            }

            return;
        }

        var framework = !configured
            && (method.MethodKind == MethodKind.Constructor ? symbols.IsAgent(method.ContainingType) : symbols.IsAgent(method.ReturnType));
        if (!configured && !framework)
        {
            return;
        }

        var extensionReceiver = method.IsExtensionMethod && arguments.Length > 0 ? arguments[0] : null;
        var toolArguments = arguments
            .Where(a => a != extensionReceiver && a.ArgumentKind != ArgumentKind.DefaultValue && a.Parameter is not null
                && (symbols.CarriesTools(a.Parameter.Type) || (configured && IsToolSetOrObject(symbols, a))))
            .ToImmutableArray();
        if (toolArguments.IsEmpty)
        {
            return;
        }

        ISymbol? agent = null;
        if (configured)
        {
            agent = instance is not null ? ToolFlow.Holder(instance) : extensionReceiver is not null ? ToolFlow.Holder(extensionReceiver.Value) : null;
        }

        facts.Sites.Add(new RegistrationSite(operation, owner, toolArguments, agent, InLoop(operation), configured));
    }

    private static bool IsToolSetOrObject(AgentSymbols symbols, IArgumentOperation argument) =>
        !symbols.ToolsOf(argument.Parameter!.Type).IsEmpty
        || argument.Parameter.Type.SpecialType == SpecialType.System_Object
        || !symbols.ToolsOf(ToolFlow.Unwrap(argument.Value)?.Type).IsEmpty;

    private static bool InsideFunction(IOperation operation, IOperation root)
    {
        for (var current = operation.Parent; current is not null && current != root; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Inside a loop, or a lambda handed to Select/ForEach/…: each pass creates another agent.</summary>
    public static bool InLoop(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case ILoopOperation:
                    return true;
                case ILocalFunctionOperation:
                    return false;
                case IAnonymousFunctionOperation function:
                    var parent = function.Parent;
                    while (parent is IDelegateCreationOperation or IConversionOperation)
                    {
                        parent = parent.Parent;
                    }

                    return parent is IArgumentOperation { Parent: IInvocationOperation call } && IteratingMethods.Contains(call.TargetMethod.Name);
            }
        }

        return false;
    }
}
