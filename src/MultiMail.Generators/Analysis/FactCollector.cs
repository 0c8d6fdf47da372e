using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace MultiMail.Generators.Analysis;

/// <summary>
/// A setup scope: one method body, local function, lambda, the top-level statements, or the initialization of a type
/// (its constructors and field initializers). Agents created in one scope and never joined in a workflow share a
/// conversation.
/// </summary>
internal sealed class Scope
{
    public Scope(string key, string label)
    {
        Key = key;
        Label = label;
    }

    public string Key { get; }

    /// <summary>How the message names it ("Team.Create", "the lambda at Program.cs, line 12", …).</summary>
    public string Label { get; }
}

/// <summary>A place where an agent is created with (or given) tools for the model to call.</summary>
internal sealed class RegistrationSite
{
    public RegistrationSite(IOperation operation, IMethodSymbol? container, ImmutableArray<IArgumentOperation> toolArguments, ISymbol? agent, SyntaxNode? loop, bool wholeToolSets, Scope scope)
    {
        Operation = operation;
        Container = container;
        ToolArguments = toolArguments;
        Agent = agent;
        Loop = loop;
        WholeToolSets = wholeToolSets;
        Scope = scope;
    }

    /// <summary>The invocation or object creation.</summary>
    public IOperation Operation { get; }

    /// <summary>The method whose body holds the site (lambdas and local functions count as their method).</summary>
    public IMethodSymbol? Container { get; }

    public ImmutableArray<IArgumentOperation> ToolArguments { get; }

    /// <summary>For registration methods named in .editorconfig: the receiver, so one agent registered twice stays one agent.</summary>
    public ISymbol? Agent { get; }

    /// <summary>The loop (or the lambda given to Select/ForEach/…) that runs the site several times, if any.</summary>
    public SyntaxNode? Loop { get; }

    public bool InLoop => Loop is not null;

    /// <summary>Arguments of a tool-set type (a class with [MultiMailTool] methods) stand for all its tools.</summary>
    public bool WholeToolSets { get; }

    public Scope Scope { get; }
}

/// <summary>A call of one of the project's own methods that takes or returns tools, tool sets or agents.</summary>
internal sealed class CallSite
{
    public CallSite(IMethodSymbol method, IOperation operation, Scope scope, SyntaxNode? loop)
    {
        Method = method;
        Operation = operation;
        Scope = scope;
        Loop = loop;
    }

    /// <summary>The called method (original definition).</summary>
    public IMethodSymbol Method { get; }

    public IOperation Operation { get; }

    public Scope Scope { get; }

    public SyntaxNode? Loop { get; }
}

/// <summary>
/// A call that joins agents into one conversation: an Agent Framework workflow builder (group chat, sequential,
/// concurrent, handoff, Magentic, <c>WorkflowBuilder</c> edges, …) or a conversation builder named in .editorconfig.
/// </summary>
internal sealed class JoinSite
{
    public JoinSite(IOperation operation, IMethodSymbol? container, bool configured)
    {
        Operation = operation;
        Container = container;
        Configured = configured;
    }

    public IOperation Operation { get; }

    public IMethodSymbol? Container { get; }

    /// <summary>Named in .editorconfig (<see cref="AgentToolAnalyzer.ConversationBuildersOption"/>).</summary>
    public bool Configured { get; }
}

/// <summary>What one file contributes to the tool flow: values written into symbols, registrations, calls, returns, joins.</summary>
internal sealed class FileFacts
{
    public FileFacts(SyntaxTree tree) => Tree = tree;

    public SyntaxTree Tree { get; }

    public List<KeyValuePair<ISymbol, IOperation>> Writes { get; } = new();

    /// <summary>Locals written by deconstruction (<c>var (a, b) = …</c>): the value and the element index.</summary>
    public List<(ISymbol Target, IOperation Value, int Index)> ElementWrites { get; } = new();

    public List<RegistrationSite> Sites { get; } = new();

    /// <summary>Calls to the project's own methods that take or return tools, tool sets or agents (for helper summaries).</summary>
    public List<CallSite> Calls { get; } = new();

    /// <summary>Values returned by the project's own methods that return tools or agents.</summary>
    public List<KeyValuePair<IMethodSymbol, IOperation>> Returns { get; } = new();

    public List<JoinSite> Joins { get; } = new();

    public bool IsEmpty => Writes.Count == 0 && ElementWrites.Count == 0 && Sites.Count == 0 && Calls.Count == 0 && Returns.Count == 0 && Joins.Count == 0;
}

/// <summary>Walks the operation trees of one file and records the facts the tool-flow engine needs.</summary>
internal static class FactCollector
{
    private static readonly HashSet<string> MutatingMethods = new(System.StringComparer.Ordinal) { "Add", "AddRange", "Insert", "InsertRange", "Push", "Enqueue" };

    private static readonly HashSet<string> IteratingMethods = new(System.StringComparer.Ordinal)
    {
        "Select", "SelectMany", "ForEach", "ConvertAll", "ToDictionary", "ToLookup", "For", "ForEachAsync",
    };

    public static FileFacts Collect(SemanticModel model, AgentSymbols symbols, RelevantNames relevant, RegistrationMethods registrationMethods, RegistrationMethods conversationBuilders, CancellationToken cancellationToken)
    {
        var facts = new FileFacts(model.SyntaxTree);
        var root = model.SyntaxTree.GetRoot(cancellationToken);
        var topLevelDone = false;
        var context = new Context(facts, symbols, registrationMethods, conversationBuilders, cancellationToken);
        foreach (var node in root.DescendantNodes(n => !IsOperationRoot(n)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            IOperation? operation;
            IMethodSymbol? owner = null;
            if (node is not GlobalStatementSyntax && IsOperationRoot(node) && !Mentions(node.FirstAncestorOrSelf<MemberDeclarationSyntax>() ?? node, relevant, registrationMethods, conversationBuilders))
            {
                // Binding is the cost: a declaration that names nothing tool- or agent-related is skipped unbound.
                continue;
            }

            switch (node)
            {
                case GlobalStatementSyntax when !topLevelDone:
                    topLevelDone = true;
                    if (!((CompilationUnitSyntax)root).Members.OfType<GlobalStatementSyntax>().Any(g => Mentions(g, relevant, registrationMethods, conversationBuilders)))
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
                var type = owner?.ContainingType ?? (model.GetEnclosingSymbol(node.SpanStart, cancellationToken) as INamedTypeSymbol)
                    ?? model.GetEnclosingSymbol(node.SpanStart, cancellationToken)?.ContainingType;
                context.Visit(operation, owner, RootScope(node, owner, type));
            }
        }

        return facts;
    }

    private static bool Mentions(SyntaxNode declaration, RelevantNames relevant, RegistrationMethods registrationMethods, RegistrationMethods conversationBuilders)
    {
        // The declaration of a member that is itself indexed under an everyday name (Team.Create(EmailTools email)).
        var own = declaration switch
        {
            MethodDeclarationSyntax method => method.Identifier.ValueText,
            PropertyDeclarationSyntax property => property.Identifier.ValueText,
            _ => null,
        };
        if (own is not null && declaration.Parent is BaseTypeDeclarationSyntax owner && relevant.OwnersOfCommonName(own) is { } declaring && declaring.Contains(owner.Identifier.ValueText))
        {
            return true;
        }

        List<HashSet<string>>? owners = null;
        foreach (var token in declaration.DescendantTokens())
        {
            if (!token.IsKind(SyntaxKind.IdentifierToken))
            {
                continue;
            }

            var text = token.ValueText;
            if (relevant.Contains(text) || registrationMethods.MentionedBy(text) || conversationBuilders.MentionedBy(text))
            {
                return true;
            }

            if (relevant.OwnersOfCommonName(text) is { } types)
            {
                (owners ??= new List<HashSet<string>>()).Add(types);
            }
        }

        // A project member named like an everyday one (Open, Add, …) counts where its type is named too (Desk.Open).
        return owners is not null && declaration.DescendantTokens().Any(t => t.IsKind(SyntaxKind.IdentifierToken) && owners.Any(o => o.Contains(t.ValueText)));
    }

    private static bool IsOperationRoot(SyntaxNode node) =>
        node is GlobalStatementSyntax or BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or ArrowExpressionClauseSyntax or EqualsValueClauseSyntax;

    /// <summary>The scope of code directly in a member: its method, the top-level statements, or its type's initialization.</summary>
    private static Scope RootScope(SyntaxNode node, IMethodSymbol? owner, INamedTypeSymbol? type)
    {
        if (node is GlobalStatementSyntax || owner?.Name == "<Main>$")
        {
            return new Scope("toplevel:" + node.SyntaxTree.FilePath, "the top-level statements (" + Path.GetFileName(node.SyntaxTree.FilePath) + ")");
        }

        if (owner is not null && owner.MethodKind is not (MethodKind.Constructor or MethodKind.StaticConstructor))
        {
            return new Scope("member:" + KeyOf(node), Describe(owner));
        }

        // Constructors and field/property initializers: the initialization of the type.
        var isStatic = owner?.IsStatic ?? (node.Parent?.Parent?.Parent is FieldDeclarationSyntax field ? field.Modifiers.Any(SyntaxKind.StaticKeyword) : node.Parent is PropertyDeclarationSyntax property && property.Modifiers.Any(SyntaxKind.StaticKeyword));
        var typeName = type?.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat) ?? "?";
        return new Scope("init:" + (isStatic ? "static:" : string.Empty) + typeName, "the " + (isStatic ? "static " : string.Empty) + "initialization of " + (type?.Name ?? "?"));
    }

    private static string Describe(IMethodSymbol method)
    {
        var name = method.AssociatedSymbol?.Name ?? method.Name;
        return method.ContainingType is null ? name : method.ContainingType.Name + "." + name;
    }

    public static string KeyOf(SyntaxNode node) => node.SyntaxTree.FilePath + "@" + node.SpanStart.ToString(CultureInfo.InvariantCulture);

    public static string Where(SyntaxNode node)
    {
        var span = node.GetLocation().GetLineSpan();
        return Path.GetFileName(span.Path) + ", line " + (span.StartLinePosition.Line + 1).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Inside a loop, or a lambda handed to Select/ForEach/…: each pass creates another agent.</summary>
    public static bool InLoop(IOperation operation) => LoopOf(operation) is not null;

    /// <summary>The loop (or iterating lambda) around the operation, up to the nearest function boundary.</summary>
    public static SyntaxNode? LoopOf(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case ILoopOperation:
                    return current.Syntax;
                case ILocalFunctionOperation:
                    return null;
                case IAnonymousFunctionOperation function:
                    return IsIteratingLambda(function) ? function.Syntax : null;
            }
        }

        return null;
    }

    /// <summary>A lambda given to Select/ForEach/…: part of its enclosing scope, run once per element.</summary>
    public static bool IsIteratingLambda(IAnonymousFunctionOperation function)
    {
        var parent = function.Parent;
        while (parent is IDelegateCreationOperation or IConversionOperation)
        {
            parent = parent.Parent;
        }

        return parent is IArgumentOperation { Parent: IInvocationOperation call } && IteratingMethods.Contains(call.TargetMethod.Name);
    }

    private sealed class Context
    {
        private readonly FileFacts _facts;
        private readonly AgentSymbols _symbols;
        private readonly RegistrationMethods _registrationMethods;
        private readonly RegistrationMethods _conversationBuilders;
        private readonly CancellationToken _cancellationToken;

        public Context(FileFacts facts, AgentSymbols symbols, RegistrationMethods registrationMethods, RegistrationMethods conversationBuilders, CancellationToken cancellationToken)
        {
            _facts = facts;
            _symbols = symbols;
            _registrationMethods = registrationMethods;
            _conversationBuilders = conversationBuilders;
            _cancellationToken = cancellationToken;
        }

        private bool Relevant(ITypeSymbol? type) => _symbols.CarriesTools(type) || _symbols.MayCarryAgents(type);

        public void Visit(IOperation root, IMethodSymbol? owner, Scope rootScope)
        {
            foreach (var operation in root.DescendantsAndSelf())
            {
                _cancellationToken.ThrowIfCancellationRequested();
                switch (operation)
                {
                    case IFieldInitializerOperation initializer:
                        foreach (var field in initializer.InitializedFields)
                        {
                            AddWrite(field, field.Type, initializer.Value);
                        }

                        break;
                    case IPropertyInitializerOperation initializer:
                        foreach (var property in initializer.InitializedProperties)
                        {
                            AddWrite(property, property.Type, initializer.Value);
                        }

                        break;
                    case IVariableDeclaratorOperation declarator:
                        var value = declarator.Initializer?.Value ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer?.Value;
                        if (value is not null)
                        {
                            AddWrite(declarator.Symbol, declarator.Symbol.Type, value);
                        }

                        break;
                    case IForEachLoopOperation loop when loop.LoopControlVariable is IVariableDeclaratorOperation variable:
                        AddWrite(variable.Symbol, variable.Symbol.Type, loop.Collection);
                        break;
                    case ISimpleAssignmentOperation assignment:
                        if (ToolFlow.Holder(assignment.Target) is { } target && (Relevant(assignment.Target.Type) || Relevant(assignment.Value.Type)))
                        {
                            _facts.Writes.Add(new KeyValuePair<ISymbol, IOperation>(target, assignment.Value));
                        }

                        break;
                    case IDeconstructionAssignmentOperation deconstruction:
                        AddElementWrites(deconstruction.Target, deconstruction.Value);
                        break;
                    case IInvocationOperation invocation:
                        VisitCall(operation, invocation.TargetMethod, invocation.Instance, invocation.Arguments, owner, rootScope);
                        if (MutatingMethods.Contains(invocation.TargetMethod.Name) && invocation.Instance is not null && ToolFlow.Holder(invocation.Instance) is { } collection)
                        {
                            foreach (var argument in invocation.Arguments)
                            {
                                if (Relevant(argument.Value.Type))
                                {
                                    _facts.Writes.Add(new KeyValuePair<ISymbol, IOperation>(collection, argument.Value));
                                }
                            }
                        }

                        break;
                    case IObjectCreationOperation creation when creation.Constructor is not null:
                        VisitCall(operation, creation.Constructor, null, creation.Arguments, owner, rootScope);
                        break;
                    case IReturnOperation { ReturnedValue: { } returned } when owner is not null && Relevant(owner.ReturnType) && !InsideFunction(operation, root):
                        _facts.Returns.Add(new KeyValuePair<IMethodSymbol, IOperation>(owner.OriginalDefinition, returned));
                        break;
                }
            }
        }

        private void AddWrite(ISymbol target, ITypeSymbol? targetType, IOperation value)
        {
            if (Relevant(targetType) || Relevant(value.Type))
            {
                _facts.Writes.Add(new KeyValuePair<ISymbol, IOperation>(target, value));
            }
        }

        private void AddElementWrites(IOperation target, IOperation value)
        {
            if (target is IDeclarationExpressionOperation declaration)
            {
                target = declaration.Expression;
            }

            if (target is not ITupleOperation tuple)
            {
                return;
            }

            for (var i = 0; i < tuple.Elements.Length; i++)
            {
                var element = tuple.Elements[i] is IDeclarationExpressionOperation inner ? inner.Expression : tuple.Elements[i];
                if (ToolFlow.Holder(element) is { } symbol && Relevant(element.Type))
                {
                    _facts.ElementWrites.Add((symbol, value, i));
                }
            }
        }

        private void VisitCall(IOperation operation, IMethodSymbol method, IOperation? instance, ImmutableArray<IArgumentOperation> arguments, IMethodSymbol? owner, Scope rootScope)
        {
            var builder = _conversationBuilders.Matches(method);
            if (builder || IsWorkflowJoin(method, arguments))
            {
                _facts.Joins.Add(new JoinSite(operation, owner, builder));
                return;
            }

            var configured = _registrationMethods.Matches(method);
            var inSource = !method.DeclaringSyntaxReferences.IsEmpty;
            if (inSource && !configured)
            {
                // The project's own helpers (they take or return tools, tool sets or agents): remembered so a registration
                // or a join inside one counts at each call.
                var createsAgent = method.MethodKind == MethodKind.Constructor ? _symbols.IsAgent(method.ContainingType) : _symbols.IsAgent(method.ReturnType);
                if (createsAgent
                    || Relevant(method.ReturnType)
                    || method.Parameters.Any(p => Relevant(p.Type) || !_symbols.ToolsOf(p.Type).IsEmpty))
                {
                    _facts.Calls.Add(new CallSite(method.OriginalDefinition, operation, ScopeOf(operation, rootScope), LoopOf(operation)));
                }

                return;
            }

            var framework = !configured
                && (method.MethodKind == MethodKind.Constructor ? _symbols.IsAgent(method.ContainingType) : _symbols.IsAgent(method.ReturnType))
                && !_symbols.InWorkflowsNamespace(method);
            if (!configured && !framework)
            {
                return;
            }

            var extensionReceiver = method.IsExtensionMethod && arguments.Length > 0 ? arguments[0] : null;
            var toolArguments = arguments
                .Where(a => a != extensionReceiver && a.ArgumentKind != ArgumentKind.DefaultValue && a.Parameter is not null
                    && (_symbols.CarriesTools(a.Parameter.Type) || (configured && IsToolSetOrObject(a))))
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

            _facts.Sites.Add(new RegistrationSite(operation, owner, toolArguments, agent, LoopOf(operation), configured, ScopeOf(operation, rootScope)));
        }

        /// <summary>A workflows-namespace method that returns a workflow or builder and takes agents (or their bindings).</summary>
        private bool IsWorkflowJoin(IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments)
        {
            if (!_symbols.InWorkflowsNamespace(method))
            {
                return false;
            }

            var returned = method.MethodKind == MethodKind.Constructor ? method.ContainingType : method.ReturnType;
            if (!_symbols.IsWorkflowValue(returned))
            {
                return false;
            }

            var skip = method.IsExtensionMethod ? 1 : 0;
            return arguments.Skip(skip).Any(a => a.Parameter is not null && a.ArgumentKind != ArgumentKind.DefaultValue
                && a.Parameter.Type.SpecialType != SpecialType.System_Object && _symbols.MayCarryAgents(a.Parameter.Type));
        }

        private bool IsToolSetOrObject(IArgumentOperation argument) =>
            !_symbols.ToolsOf(argument.Parameter!.Type).IsEmpty
            || argument.Parameter.Type.SpecialType == SpecialType.System_Object
            || !_symbols.ToolsOf(ToolFlow.Unwrap(argument.Value)?.Type).IsEmpty;

        /// <summary>The innermost local function or lambda (not one run per element by Select/ForEach/…), else the member's scope.</summary>
        private static Scope ScopeOf(IOperation operation, Scope rootScope)
        {
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case ILocalFunctionOperation function:
                        return new Scope("local:" + KeyOf(function.Syntax), "the local function '" + function.Symbol.Name + "' (" + Where(function.Syntax) + ")");
                    case IAnonymousFunctionOperation lambda when !IsIteratingLambda(lambda):
                        return new Scope("lambda:" + KeyOf(lambda.Syntax), "the lambda at " + Where(lambda.Syntax));
                }
            }

            return rootScope;
        }
    }

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
}
