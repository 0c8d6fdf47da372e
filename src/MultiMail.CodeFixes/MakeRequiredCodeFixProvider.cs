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
/// MMG0017: makes a parameter the contract requires required — removes its default value and the <c>?</c> of its type.
/// C# wants required parameters before optional ones, so when an optional parameter comes earlier the fixed parameter
/// moves in front of the first optional one (the others keep their order).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeRequiredCodeFixProvider))]
[Shared]
public sealed class MakeRequiredCodeFixProvider : CodeFixProvider
{
    public const string EquivalenceKey = "MMG0017.MakeRequired";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.OptionalRequiredField);

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
            var parameter = FindParameter(root, diagnostic);
            if (parameter?.Parent is not ParameterListSyntax list)
            {
                continue;
            }

            var document = context.Document;
            var moves = !CanStayInPlace(list, parameter);
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Make '" + parameter.Identifier.ValueText + "' required" + (moves ? " (moved before the optional parameters)" : string.Empty),
                    cancellationToken => FixAsync(document, list, new HashSet<ParameterSyntax> { parameter }, cancellationToken),
                    EquivalenceKey),
                diagnostic);
        }
    }

    /// <summary>The parameter whose identifier the diagnostic is on, if the fix can make it required.</summary>
    private static ParameterSyntax? FindParameter(SyntaxNode root, Diagnostic diagnostic)
    {
        var token = root.FindToken(diagnostic.Location.SourceSpan.Start);
        if (token.Parent is not ParameterSyntax parameter || parameter.Identifier != token || parameter.Modifiers.Any(SyntaxKind.ParamsKeyword))
        {
            return null;
        }

        return parameter.Default is not null || parameter.Type is NullableTypeSyntax ? parameter : null;
    }

    private static bool CanStayInPlace(ParameterListSyntax list, ParameterSyntax parameter) =>
        list.Parameters.TakeWhile(p => p != parameter).All(p => p.Default is null && !p.Modifiers.Any(SyntaxKind.ParamsKeyword));

    private static async Task<Document> FixAsync(Document document, ParameterListSyntax list, ISet<ParameterSyntax> targets, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return document.WithSyntaxRoot(root!.ReplaceNode(list, Rewrite(list, targets)));
    }

    private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return null;
        }

        var byList = new Dictionary<ParameterListSyntax, HashSet<ParameterSyntax>>();
        foreach (var diagnostic in diagnostics)
        {
            if (FindParameter(root, diagnostic) is { Parent: ParameterListSyntax list } parameter)
            {
                if (!byList.TryGetValue(list, out var set))
                {
                    byList.Add(list, set = new HashSet<ParameterSyntax>());
                }

                set.Add(parameter);
            }
        }

        return byList.Count == 0 ? null : document.WithSyntaxRoot(root.ReplaceNodes(byList.Keys, (original, _) => Rewrite(original, byList[original])));
    }

    /// <summary>Makes the targets required, then orders the list: required, optional, params (each group in its old order).</summary>
    private static ParameterListSyntax Rewrite(ParameterListSyntax list, ISet<ParameterSyntax> targets)
    {
        var parameters = list.Parameters.Select(p => targets.Contains(p) ? MakeRequired(p) : p).ToList();
        var ordered = parameters.Where(p => Group(p) == 0).Concat(parameters.Where(p => Group(p) == 1)).Concat(parameters.Where(p => Group(p) == 2)).ToList();

        // The moved parameters take the trivia of the slot they land in, so line-per-parameter layouts stay intact.
        for (var i = 0; i < ordered.Count; i++)
        {
            if (!ReferenceEquals(ordered[i], parameters[i]))
            {
                ordered[i] = ordered[i].WithLeadingTrivia(list.Parameters[i].GetLeadingTrivia()).WithTrailingTrivia(list.Parameters[i].GetTrailingTrivia());
            }
        }

        return list.WithParameters(SyntaxFactory.SeparatedList(ordered, list.Parameters.GetSeparators()));

        static int Group(ParameterSyntax p) => p.Modifiers.Any(SyntaxKind.ParamsKeyword) ? 2 : p.Default is not null ? 1 : 0;
    }

    private static ParameterSyntax MakeRequired(ParameterSyntax parameter)
    {
        if (parameter.Default is { } @default)
        {
            parameter = parameter
                .WithDefault(null)
                .WithIdentifier(parameter.Identifier.WithTrailingTrivia(@default.GetTrailingTrivia()));
        }

        if (parameter.Type is NullableTypeSyntax nullable)
        {
            parameter = parameter.WithType(nullable.ElementType.WithTriviaFrom(nullable));
        }

        return parameter;
    }
}
