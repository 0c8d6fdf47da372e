using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using MultiMail.Generators;
using MultiMail.Generators.Parsing;

namespace MultiMail.CodeFixes;

/// <summary>
/// MMG0002: gives a tool its <c>MultiMailClient</c>. A static tool gets a <c>MultiMailClient client</c> parameter. An
/// instance tool's type gets a <c>private readonly MultiMailClient _client;</c> field set from a new constructor
/// parameter: added to every constructor of the type that does not chain to <c>this(…)</c>, or to a new public
/// constructor when the type declares none. Types with a primary constructor get the parameter there instead.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddClientCodeFixProvider))]
[Shared]
public sealed class AddClientCodeFixProvider : CodeFixProvider
{
    public const string EquivalenceKey = "MMG0002.AddClient";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.MissingClient);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var target = FindTarget(root, model, diagnostic, context.CancellationToken);
            if (target is null)
            {
                continue;
            }

            var title = target is MethodDeclarationSyntax
                ? "Add a MultiMailClient parameter"
                : "Add a MultiMailClient field set by the constructor";
            var document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create(title, cancellationToken => FixAsync(document, new[] { target }, cancellationToken), EquivalenceKey),
                diagnostic);
        }
    }

    /// <summary>The static method that gets a parameter, or the type declaration that gets a field; null when not fixable.</summary>
    private static SyntaxNode? FindTarget(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var token = root.FindToken(diagnostic.Location.SourceSpan.Start);
        if (token.Parent is not MethodDeclarationSyntax method || method.Identifier != token)
        {
            return null;
        }

        if (method.Modifiers.Any(SyntaxKind.StaticKeyword))
        {
            return method;
        }

        if (method.Parent is not TypeDeclarationSyntax type || type is InterfaceDeclarationSyntax)
        {
            return null;
        }

        // Every constructor must be in this document, so all of them can be given the parameter.
        if (model.GetDeclaredSymbol(type, cancellationToken) is not INamedTypeSymbol symbol
            || symbol.InstanceConstructors.Any(c => !c.IsImplicitlyDeclared && c.DeclaringSyntaxReferences.Any(r => r.SyntaxTree != root.SyntaxTree)))
        {
            return null;
        }

        // A primary constructor lives on one declaration; the field goes there too.
        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax { ParameterList: not null } primary)
            {
                return primary.SyntaxTree == root.SyntaxTree ? primary : null;
            }
        }

        return type;
    }

    private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return null;
        }

        var targets = new List<SyntaxNode>();
        var types = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var diagnostic in diagnostics)
        {
            var target = FindTarget(root, model, diagnostic, context.CancellationToken);
            if (target is TypeDeclarationSyntax && !types.Add(model.GetDeclaredSymbol(target, context.CancellationToken)!))
            {
                continue;
            }

            if (target is not null && !targets.Contains(target))
            {
                targets.Add(target);
            }
        }

        return targets.Count == 0 ? null : await FixAsync(document, targets, context.CancellationToken).ConfigureAwait(false);
    }

    private static async Task<Document> FixAsync(Document document, IReadOnlyList<SyntaxNode> targets, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var generator = editor.Generator;
        var model = editor.SemanticModel;
        var client = model.Compilation.GetTypeByMetadataName(KnownTypeNames.MultiMailClient);
        var clientType = client is null
            ? SyntaxFactory.ParseTypeName("global::" + KnownTypeNames.MultiMailClient)
            : generator.TypeExpression(client);

        foreach (var target in targets)
        {
            if (target is MethodDeclarationSyntax method)
            {
                var taken = new HashSet<string>(method.ParameterList.Parameters.Select(p => p.Identifier.ValueText));
                var parameter = generator.ParameterDeclaration(Unique("client", taken), clientType);
                editor.ReplaceNode(method, (current, g) => g.InsertParameters(current, 0, new[] { parameter }));
                continue;
            }

            var type = (TypeDeclarationSyntax)target;
            var symbol = (INamedTypeSymbol)model.GetDeclaredSymbol(type, cancellationToken)!;
            var members = new HashSet<string>(symbol.GetMembers().Select(m => m.Name));
            var field = Unique("_client", members);

            if (type is RecordDeclarationSyntax { ParameterList: not null } record)
            {
                // A positional record's parameter is already a property.
                var property = Unique("Client", members);
                editor.ReplaceNode(record, (current, g) => ((RecordDeclarationSyntax)current).AddParameterListParameters(
                    ((ParameterSyntax)g.ParameterDeclaration(property, clientType)).WithAdditionalAnnotations(Formatter.Annotation)));
                continue;
            }

            if (type.ParameterList is not null)
            {
                var taken = new HashSet<string>(type.ParameterList.Parameters.Select(p => p.Identifier.ValueText));
                var name = Unique("client", taken);
                editor.ReplaceNode(type, (current, g) =>
                {
                    var declaration = (TypeDeclarationSyntax)current;
                    declaration = declaration.WithParameterList(declaration.ParameterList!.AddParameters((ParameterSyntax)g.ParameterDeclaration(name, clientType)));
                    var initialized = g.FieldDeclaration(field, clientType, Accessibility.Private, DeclarationModifiers.ReadOnly, g.IdentifierName(name));
                    return g.InsertMembers(declaration, 0, initialized);
                });
                continue;
            }

            var fieldDeclaration = generator.FieldDeclaration(field, clientType, Accessibility.Private, DeclarationModifiers.ReadOnly);
            var constructors = symbol.InstanceConstructors
                .Where(c => !c.IsImplicitlyDeclared)
                .SelectMany(c => c.DeclaringSyntaxReferences)
                .Select(r => r.GetSyntax(cancellationToken))
                .OfType<ConstructorDeclarationSyntax>()
                .ToList();
            if (constructors.Count == 0)
            {
                var constructor = generator.ConstructorDeclaration(
                    type.Identifier.ValueText,
                    new[] { generator.ParameterDeclaration("client", clientType) },
                    Accessibility.Public,
                    statements: new[] { Assign(generator, field, "client") });
                editor.InsertMembers(type, 0, new[] { fieldDeclaration, constructor });
                continue;
            }

            editor.InsertMembers(type, 0, new[] { fieldDeclaration });
            foreach (var constructor in constructors)
            {
                if (constructor.Initializer is { RawKind: (int)SyntaxKind.ThisConstructorInitializer })
                {
                    // It reaches a constructor that sets the field; pass the client along.
                    var chainedTaken = new HashSet<string>(constructor.ParameterList.Parameters.Select(p => p.Identifier.ValueText));
                    var chainedName = Unique("client", chainedTaken);
                    editor.ReplaceNode(constructor, (current, g) =>
                    {
                        var withParameter = (ConstructorDeclarationSyntax)g.AddParameters(current, new[] { g.ParameterDeclaration(chainedName, clientType) });
                        var initializer = withParameter.Initializer!;
                        return withParameter.WithInitializer(initializer.AddArgumentListArguments(SyntaxFactory.Argument(SyntaxFactory.IdentifierName(chainedName))));
                    });
                    continue;
                }

                var taken = new HashSet<string>(constructor.ParameterList.Parameters.Select(p => p.Identifier.ValueText));
                var name = Unique("client", taken);
                editor.ReplaceNode(constructor, (current, g) =>
                {
                    var withParameter = (ConstructorDeclarationSyntax)g.AddParameters(current, new[] { g.ParameterDeclaration(name, clientType) });
                    var assignment = (StatementSyntax)Assign(g, field, name);
                    if (withParameter.Body is { } body)
                    {
                        return withParameter.WithBody(body.WithStatements(body.Statements.Insert(0, assignment)));
                    }

                    var statements = new List<StatementSyntax> { assignment };
                    if (withParameter.ExpressionBody is { } arrow)
                    {
                        statements.Add(SyntaxFactory.ExpressionStatement(arrow.Expression.WithoutTrivia()));
                    }

                    return withParameter
                        .WithExpressionBody(null)
                        .WithSemicolonToken(default)
                        .WithBody(SyntaxFactory.Block(statements))
                        .WithAdditionalAnnotations(Formatter.Annotation);
                });
            }
        }

        return editor.GetChangedDocument();
    }

    private static SyntaxNode Assign(SyntaxGenerator generator, string field, string parameter) =>
        generator.ExpressionStatement(generator.AssignmentStatement(generator.IdentifierName(field), generator.IdentifierName(parameter)));

    private static string Unique(string name, ISet<string> taken)
    {
        var candidate = name;
        for (var i = 2; taken.Contains(candidate); i++)
        {
            candidate = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate;
    }
}
