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
using MultiMail.Generators;

namespace MultiMail.CodeFixes;

/// <summary>
/// MMG0001: adds <c>partial</c> to a tool method, or to every declaration of a containing type that lacks it. The
/// modifier goes last, right before the <c>class</c>/<c>record</c>/<c>struct</c> keyword or the return type.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFixProvider))]
[Shared]
public sealed class MakePartialCodeFixProvider : CodeFixProvider
{
    public const string EquivalenceKey = "MMG0001.MakePartial";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.MustBePartial);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var target = FindTarget(root, diagnostic);
            if (target is null)
            {
                continue;
            }

            var name = target is MethodDeclarationSyntax method ? method.Identifier.ValueText : ((TypeDeclarationSyntax)target).Identifier.ValueText;
            var document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Make '" + name + "' partial",
                    cancellationToken => FixAsync(document, target, cancellationToken),
                    EquivalenceKey),
                diagnostic);
        }
    }

    /// <summary>The method or type declaration whose identifier the diagnostic is on.</summary>
    private static MemberDeclarationSyntax? FindTarget(SyntaxNode root, Diagnostic diagnostic)
    {
        var token = root.FindToken(diagnostic.Location.SourceSpan.Start);
        return token.Parent switch
        {
            MethodDeclarationSyntax method when method.Identifier == token && !IsPartial(method.Modifiers) => method,
            TypeDeclarationSyntax type when type.Identifier == token => type,
            _ => null,
        };
    }

    private static async Task<Solution> FixAsync(Document document, MemberDeclarationSyntax target, CancellationToken cancellationToken)
    {
        if (target is MethodDeclarationSyntax)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            return document.WithSyntaxRoot(root!.ReplaceNode(target, AddPartial(target))).Project.Solution;
        }

        // A type: every declaration of it that lacks 'partial', in whatever document it is.
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var symbol = model?.GetDeclaredSymbol(target, cancellationToken);
        var solution = document.Project.Solution;
        var declarations = symbol is null
            ? new[] { target.SyntaxTree.GetLocation(target.Span) }
            : symbol.DeclaringSyntaxReferences.Select(r => r.SyntaxTree.GetLocation(r.Span)).ToArray();
        foreach (var group in declarations.GroupBy(l => l.SourceTree!))
        {
            var documentId = solution.GetDocumentId(group.Key);
            if (documentId is null)
            {
                continue;
            }

            var current = solution.GetDocument(documentId)!;
            var root = await current.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var nodes = group
                .Select(l => root!.FindNode(l.SourceSpan, getInnermostNodeForTie: true).AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault())
                .Where(n => n is not null && !IsPartial(n.Modifiers))
                .Distinct()
                .ToList();
            if (nodes.Count > 0)
            {
                solution = solution.WithDocumentSyntaxRoot(documentId, root!.ReplaceNodes(nodes, (_, rewritten) => AddPartial(rewritten!)));
            }
        }

        return solution;
    }

    private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return null;
        }

        var targets = new HashSet<MemberDeclarationSyntax>();
        SemanticModel? model = null;
        foreach (var diagnostic in diagnostics)
        {
            var target = FindTarget(root, diagnostic);
            if (target is null)
            {
                continue;
            }

            targets.Add(target);
            if (target is TypeDeclarationSyntax)
            {
                // The other declarations of the type in this document (a diagnostic is reported on the first one only).
                model ??= await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
                var symbol = model?.GetDeclaredSymbol(target, context.CancellationToken);
                foreach (var reference in symbol?.DeclaringSyntaxReferences ?? ImmutableArray<SyntaxReference>.Empty)
                {
                    if (reference.SyntaxTree == root.SyntaxTree && reference.GetSyntax(context.CancellationToken) is TypeDeclarationSyntax other && !IsPartial(other.Modifiers))
                    {
                        targets.Add(other);
                    }
                }
            }
        }

        return targets.Count == 0 ? null : document.WithSyntaxRoot(root.ReplaceNodes(targets, (_, rewritten) => AddPartial(rewritten)));
    }

    private static bool IsPartial(SyntaxTokenList modifiers) => modifiers.Any(SyntaxKind.PartialKeyword);

    /// <summary>Adds 'partial' as the last modifier, keeping the trivia of what was the first token after the modifiers.</summary>
    internal static MemberDeclarationSyntax AddPartial(MemberDeclarationSyntax declaration)
    {
        var modifiers = declaration.Modifiers;
        if (IsPartial(modifiers))
        {
            return declaration;
        }

        if (modifiers.Count > 0)
        {
            var partial = SyntaxFactory.Token(SyntaxTriviaList.Empty, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
            return declaration.WithModifiers(modifiers.Add(partial));
        }

        // No modifiers: the keyword (or return type) carries the leading trivia (indentation, comments) unless attributes do.
        var next = declaration switch
        {
            TypeDeclarationSyntax type => type.Keyword,
            MethodDeclarationSyntax method => method.ReturnType.GetFirstToken(),
            _ => default,
        };
        if (next == default)
        {
            return declaration;
        }

        var token = SyntaxFactory.Token(next.LeadingTrivia, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
        var withoutTrivia = declaration.ReplaceToken(next, next.WithLeadingTrivia(SyntaxTriviaList.Empty));
        return withoutTrivia.WithModifiers(SyntaxFactory.TokenList(token));
    }
}
