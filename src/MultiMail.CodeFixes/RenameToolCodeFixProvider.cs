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
using MultiMail.Generators;
using MultiMail.Generators.Helpers;

namespace MultiMail.CodeFixes;

/// <summary>
/// MMG0011: replaces an invalid tool name with <see cref="Naming.SuggestToolName"/> of it — in the attribute's
/// <c>Name</c> argument, or as a new <c>Name = "…"</c> argument when the invalid name comes from the method name.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RenameToolCodeFixProvider))]
[Shared]
public sealed class RenameToolCodeFixProvider : CodeFixProvider
{
    public const string EquivalenceKey = "MMG0011.RenameTool";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.InvalidToolName);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

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
            var attribute = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).AncestorsAndSelf().OfType<AttributeSyntax>().FirstOrDefault();
            if (attribute?.Parent?.Parent is not MethodDeclarationSyntax method)
            {
                continue;
            }

            var nameArgument = NameArgument(attribute);
            var current = nameArgument is null ? null : model.GetConstantValue(nameArgument.Expression, context.CancellationToken).Value as string;
            current ??= Naming.DefaultToolName(method.Identifier.ValueText);
            var suggested = Naming.SuggestToolName(current);
            if (suggested == current || !Naming.IsValidToolName(suggested))
            {
                continue;
            }

            var document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Rename the tool to '" + suggested + "'",
                    cancellationToken => RenameAsync(document, attribute, nameArgument, suggested, cancellationToken),
                    EquivalenceKey),
                diagnostic);
        }
    }

    private static AttributeArgumentSyntax? NameArgument(AttributeSyntax attribute) =>
        attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "Name");

    private static async Task<Document> RenameAsync(Document document, AttributeSyntax attribute, AttributeArgumentSyntax? nameArgument, string suggested, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var literal = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(suggested));
        SyntaxNode newAttribute;
        if (nameArgument is not null)
        {
            newAttribute = attribute.ReplaceNode(nameArgument.Expression, literal.WithTriviaFrom(nameArgument.Expression));
        }
        else
        {
            var argument = SyntaxFactory.AttributeArgument(
                SyntaxFactory.NameEquals(
                    SyntaxFactory.IdentifierName("Name").WithTrailingTrivia(SyntaxFactory.Space),
                    SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.EqualsToken, SyntaxFactory.TriviaList(SyntaxFactory.Space))),
                null,
                literal);
            var list = attribute.ArgumentList;
            if (list is null)
            {
                newAttribute = attribute.WithArgumentList(SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(argument)));
            }
            else
            {
                var comma = SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.CommaToken, SyntaxFactory.TriviaList(SyntaxFactory.Space));
                var arguments = list.Arguments;
                var separators = arguments.GetSeparators().ToList();
                if (arguments.Count > 0)
                {
                    separators.Add(comma);
                }

                newAttribute = attribute.WithArgumentList(list.WithArguments(SyntaxFactory.SeparatedList(arguments.Add(argument), separators)));
            }
        }

        return document.WithSyntaxRoot(root!.ReplaceNode(attribute, newAttribute));
    }
}
