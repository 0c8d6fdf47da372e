using System;
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
using MultiMail.Generators.Analysis;

namespace MultiMail.CodeFixes;

/// <summary>
/// MMG1001/MMG1002: removes the tool from the agent the diagnostic is on. A per-tool element
/// (<c>email.SendEmailAIFunction</c>) is deleted; <c>email.AsAITools()</c> (or its spread) becomes the set's other
/// tools (<c>[email.CheckInboxAIFunction, …]</c>). Offered only where the tools are written in the registration itself.
/// A second action keeps the tool with this agent and removes it from the other holder instead.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveAgentToolCodeFixProvider))]
[Shared]
public sealed class RemoveAgentToolCodeFixProvider : CodeFixProvider
{
    /// <summary>The equivalence key of the action (the same for both rules, so fix-all takes them together).</summary>
    public const string EquivalenceKey = "MultiMail.RemoveToolFromAgent";

    /// <summary>The equivalence key prefix of "keep it here, remove it from the other agent" (one per other holder).</summary>
    public const string KeepHereEquivalenceKey = "MultiMail.KeepToolHere";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.EmailToolOnSeveralAgents, DiagnosticIds.ToolOnSeveralAgents);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() =>
        FixAllProvider.Create(async (context, document, diagnostics) => context.CodeActionEquivalenceKey == EquivalenceKey
            ? await ApplyAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false)
            : document);

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
            if (!diagnostic.Properties.TryGetValue(ToolFlow.ToolNameProperty, out var toolName) || toolName is null)
            {
                continue;
            }

            var single = ImmutableArray.Create(diagnostic);
            if (Plan(root, model, single, context.CancellationToken).Count == 0)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Remove '" + toolName + "' from this agent",
                    ct => ApplyAsync(context.Document, single, ct),
                    EquivalenceKey),
                diagnostic);

            await RegisterKeepHereAsync(context, diagnostic, toolName).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The other way round: the tool stays with this agent and leaves each other holder (the additional locations),
    /// for when the later agent is the designated email agent. Not part of fix-all.
    /// </summary>
    private static async Task RegisterKeepHereAsync(CodeFixContext context, Diagnostic diagnostic, string toolName)
    {
        diagnostic.Properties.TryGetValue(ToolFlow.HoldersProperty, out var holders);
        var labels = (holders ?? string.Empty).Split(ToolFlow.HolderSeparator);
        for (var i = 0; i < diagnostic.AdditionalLocations.Count; i++)
        {
            var location = diagnostic.AdditionalLocations[i];
            var other = location.IsInSource ? context.Document.Project.Solution.GetDocument(location.SourceTree) : null;
            if (other is null)
            {
                continue;
            }

            var root = await other.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await other.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            var moved = ImmutableArray.Create(Diagnostic.Create(diagnostic.Descriptor, location, diagnostic.Properties));
            if (root is null || model is null || Plan(root, model, moved, context.CancellationToken).Count == 0)
            {
                continue;
            }

            var label = i < labels.Length && labels[i].Length > 0 ? labels[i] : "the other agent";
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Keep '" + toolName + "' here; remove it from " + label,
                    ct => ApplyAsync(other, moved, ct),
                    KeepHereEquivalenceKey + "." + i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                diagnostic);
        }
    }

    private static async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        var edits = Plan(root, model, diagnostics, cancellationToken);
        if (edits.Count == 0)
        {
            return document;
        }

        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        foreach (var edit in edits)
        {
            if (edit.Replacement.IsEmpty)
            {
                editor.RemoveNode(edit.Node, SyntaxRemoveOptions.KeepNoTrivia);
            }
            else if (edit.Node is SpreadElementSyntax { Parent: CollectionExpressionSyntax collection } spread)
            {
                editor.InsertAfter(spread, edit.Replacement.Skip(1));
                editor.ReplaceNode(spread, edit.Replacement[0].WithTriviaFrom(spread));
                editor.ReplaceNode(collection, (node, _) => node.WithAdditionalAnnotations(Formatter.Annotation));
            }
            else
            {
                editor.ReplaceNode(edit.Node, edit.Replacement[0].WithTriviaFrom(edit.Node));
            }
        }

        return editor.GetChangedDocument();
    }

    /// <summary>What to change for these diagnostics: one edit per syntax node (several tools may leave one node).</summary>
    private static List<Edit> Plan(SyntaxNode root, SemanticModel model, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var edits = new List<Edit>();
        foreach (var group in diagnostics.Where(d => d.Location.IsInSource && d.Location.SourceTree == root.SyntaxTree).GroupBy(d => d.Location.SourceSpan))
        {
            var removed = new HashSet<string>(StringComparer.Ordinal);
            string[]? all = null;
            foreach (var diagnostic in group)
            {
                if (diagnostic.Properties.TryGetValue(ToolFlow.ToolMethodProperty, out var method) && method is not null)
                {
                    removed.Add(method);
                }

                if (diagnostic.Properties.TryGetValue(ToolFlow.ToolMethodsProperty, out var methods) && methods is not null)
                {
                    all = methods.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries);
                }
            }

            var node = root.FindNode(group.Key, getInnermostNodeForTie: false);
            while (node.Parent is { } parent && parent.Span == group.Key && parent is not ArgumentSyntax)
            {
                node = parent;
            }

            if (removed.Count > 0 && Edit.For(node, removed, all, model, cancellationToken) is { } edit)
            {
                edits.Add(edit);
            }
        }

        return edits;
    }

    private sealed class Edit
    {
        private Edit(SyntaxNode node, ImmutableArray<SyntaxNode> replacement)
        {
            Node = node;
            Replacement = replacement;
        }

        public SyntaxNode Node { get; }

        /// <summary>Empty: remove the node.</summary>
        public ImmutableArray<SyntaxNode> Replacement { get; }

        public static Edit? For(SyntaxNode node, HashSet<string> removed, string[]? all, SemanticModel model, CancellationToken cancellationToken)
        {
            var (expression, kind) = node switch
            {
                ExpressionElementSyntax element => (element.Expression, Place.CollectionElement),
                SpreadElementSyntax spread => (spread.Expression, Place.Spread),
                ExpressionSyntax e when e.Parent is InitializerExpressionSyntax => (e, Place.InitializerElement),
                ExpressionSyntax e when e.Parent is ArgumentSyntax => (e, Place.Argument),
                _ => ((ExpressionSyntax?)null, Place.None),
            };
            if (expression is null)
            {
                return null;
            }

            // One tool: email.SendEmailAIFunction as an element.
            if (expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: var property }
                && property.EndsWith("AIFunction", StringComparison.Ordinal)
                && removed.Contains(property.Substring(0, property.Length - "AIFunction".Length))
                && kind is Place.CollectionElement or Place.InitializerElement)
            {
                return new Edit(node, ImmutableArray<SyntaxNode>.Empty);
            }

            // The whole set: email.AsAITools() becomes the set's other tools, one property each.
            if (all is null
                || expression is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AsAITools" } access } invocation
                || invocation.ArgumentList.Arguments.Count != 0
                || model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol { IsStatic: false }
                || kind is not (Place.Spread or Place.Argument))
            {
                return null;
            }

            var keep = all.Where(m => !removed.Contains(m))
                .Select(m => (ExpressionSyntax)SyntaxFactory.MemberAccessExpression(
                    SyntaxKind.SimpleMemberAccessExpression,
                    access.Expression.WithoutTrivia(),
                    SyntaxFactory.IdentifierName(m + "AIFunction")))
                .ToList();
            if (kind == Place.Spread)
            {
                return new Edit(node, keep.Select(e => (SyntaxNode)SyntaxFactory.ExpressionElement(e)).ToImmutableArray());
            }

            var languageVersion = ((CSharpParseOptions)node.SyntaxTree.Options).LanguageVersion;
            ExpressionSyntax replacement = languageVersion >= LanguageVersion.CSharp12
                ? SyntaxFactory.CollectionExpression(SyntaxFactory.SeparatedList<CollectionElementSyntax>(keep.Select(SyntaxFactory.ExpressionElement)))
                : SyntaxFactory.ArrayCreationExpression(
                    SyntaxFactory.ArrayType(SyntaxFactory.ParseTypeName("global::Microsoft.Extensions.AI.AITool"))
                        .WithRankSpecifiers(SyntaxFactory.SingletonList(SyntaxFactory.ArrayRankSpecifier(SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(SyntaxFactory.OmittedArraySizeExpression())))),
                    SyntaxFactory.InitializerExpression(SyntaxKind.ArrayInitializerExpression, SyntaxFactory.SeparatedList(keep)));
            return new Edit(node, ImmutableArray.Create<SyntaxNode>(replacement.WithAdditionalAnnotations(Formatter.Annotation)));
        }
    }

    private enum Place
    {
        None,
        CollectionElement,
        Spread,
        InitializerElement,
        Argument,
    }
}
