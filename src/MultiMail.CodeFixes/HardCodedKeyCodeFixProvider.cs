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
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using Microsoft.CodeAnalysis.Text;
using MultiMail.Generators;
using MultiMail.Generators.Analysis;

namespace MultiMail.CodeFixes;

/// <summary>
/// MMG2001: replaces a hard-coded MultiMail API key with a read of the <c>MULTIMAIL_API_KEY</c> environment variable,
/// or, where the key is assigned to <c>MultiMailClientOptions.ApiKey</c> (which already defaults to that variable),
/// removes the assignment.
/// </summary>
/// <remarks>
/// A literal that is only the key becomes <c>Environment.GetEnvironmentVariable("MULTIMAIL_API_KEY")</c>, with
/// <c>?? throw new InvalidOperationException(…)</c> when the plain read would add a nullable warning (a non-nullable
/// target). A key inside longer text (<c>"Bearer mm_live_…"</c>) becomes an interpolated string that keeps the text
/// around it. A UTF-8 literal becomes <c>Encoding.UTF8.GetBytes(…)</c>. Every candidate is compiled first: no fix is
/// offered where it would add an error, for example where a constant is required (<c>const</c>, attribute arguments,
/// <c>case</c> labels, default parameter values).
/// </remarks>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(HardCodedKeyCodeFixProvider))]
[Shared]
public sealed class HardCodedKeyCodeFixProvider : CodeFixProvider
{
    /// <summary>The equivalence key of "read it from the environment".</summary>
    public const string EnvironmentEquivalenceKey = DiagnosticIds.HardCodedApiKey + ".Environment";

    /// <summary>The equivalence key of "remove the MultiMailClientOptions.ApiKey assignment".</summary>
    public const string RemoveAssignmentEquivalenceKey = DiagnosticIds.HardCodedApiKey + ".RemoveOptionsKey";

    private const string Variable = "MULTIMAIL_API_KEY";
    private const string EnvironmentRead = "global::System.Environment.GetEnvironmentVariable(\"" + Variable + "\")";
    // In a hole, 'global::' needs parentheses: its ':' would start a format string. The simplifier removes them.
    private const string Hole = "{(" + EnvironmentRead + ")}";
    private const string OrThrow = " ?? throw new global::System.InvalidOperationException(\"Set the " + Variable + " environment variable.\")";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.HardCodedApiKey);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var document = context.Document;
        var cancellationToken = context.CancellationToken;
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Location.IsInSource || diagnostic.Location.SourceTree != root.SyntaxTree)
            {
                continue;
            }

            var span = diagnostic.Location.SourceSpan;
            if (span.End > root.FullSpan.End)
            {
                continue;
            }

            var node = root.FindNode(span, getInnermostNodeForTie: true);
            if (node.Span != span)
            {
                continue;
            }

            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (model is null)
            {
                return;
            }

            var removal = FindOptionsAssignment(node, model, cancellationToken);
            if (removal is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Remove the key: MultiMailClientOptions reads " + Variable + " itself",
                        _ => Task.FromResult(RemoveAssignment(document, root, removal)),
                        RemoveAssignmentEquivalenceKey),
                    diagnostic);
            }

            var replacement = await ChooseReplacementAsync(document, root, model, node, cancellationToken).ConfigureAwait(false);
            if (replacement is not null)
            {
                var (target, expression) = replacement.Value;
                if (root.ContainsDiagnostics)
                {
                    // Roslyn's simplifier can throw on a file with syntax errors ("Node's parent was null", found by
                    // fuzzing): there the fix writes the qualified names as they are.
                    expression = expression.ReplaceNodes(expression.DescendantNodesAndSelf().Where(n => n.HasAnnotation(Simplifier.Annotation)), (_, n) => n.WithoutAnnotations(Simplifier.Annotation));
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Read the key from the " + Variable + " environment variable",
                        _ => Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(target, expression))),
                        EnvironmentEquivalenceKey),
                    diagnostic);
            }
        }
    }

    /// <summary>The candidates, best first, for the expression that holds the key; each is the node to replace and its replacement.</summary>
    private static List<(ExpressionSyntax Target, ExpressionSyntax Replacement)> Candidates(SyntaxNode node, CSharpParseOptions options)
    {
        var candidates = new List<(ExpressionSyntax, ExpressionSyntax)>();
        switch (node)
        {
            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) || literal.IsKind(SyntaxKind.Utf8StringLiteralExpression):
            {
                var utf8 = literal.IsKind(SyntaxKind.Utf8StringLiteralExpression);
                var value = literal.Token.ValueText;
                if (!ApiKeyPattern.TryFind(value, out var start, out var length, out _))
                {
                    break;
                }

                var texts = new List<string>();
                if (start == 0 && length == value.Length)
                {
                    texts.Add(EnvironmentRead);
                    texts.Add(EnvironmentRead + OrThrow);
                }
                else
                {
                    // The text around the key, rebuilt from the literal's value as a regular interpolated string.
                    texts.Add("$\"" + InterpolatedText(value.Substring(0, start)) + Hole + InterpolatedText(value.Substring(start + length)) + "\"");
                }

                foreach (var text in texts)
                {
                    var full = utf8 ? "global::System.Text.Encoding.UTF8.GetBytes(" + text + ")" : text;
                    var expression = Parse(full, options, new TextSpan(0, full.Length));
                    if (expression is not null)
                    {
                        candidates.Add((literal, expression));
                    }
                }

                break;
            }

            case InterpolatedStringTextSyntax part when part.Parent is InterpolatedStringExpressionSyntax interpolated:
            {
                // With $$"""…""" the holes need more braces; rare enough not to fix.
                var startText = interpolated.StringStartToken.Text;
                if (startText.IndexOf("$$", System.StringComparison.Ordinal) >= 0)
                {
                    break;
                }

                // The key's characters never need escaping, so it is found in the source text as written; the text
                // around it is kept exactly as written.
                var source = part.TextToken.Text;
                if (!ApiKeyPattern.TryFind(source, out var start, out var length, out _))
                {
                    break;
                }

                var builder = new System.Text.StringBuilder();
                var hole = default(TextSpan);
                builder.Append(startText);
                foreach (var content in interpolated.Contents)
                {
                    if (content == part)
                    {
                        builder.Append(source, 0, start);
                        hole = new TextSpan(builder.Length, Hole.Length);
                        builder.Append(Hole).Append(source, start + length, source.Length - start - length);
                    }
                    else
                    {
                        builder.Append(content.ToFullString());
                    }
                }

                builder.Append(interpolated.StringEndToken.Text);
                var expression = Parse(builder.ToString(), options, hole);
                if (expression is not null)
                {
                    candidates.Add((interpolated, expression));
                }

                break;
            }
        }

        return candidates;
    }

    /// <summary>
    /// The first candidate that adds no error and no warning to the member that holds the key; else the first that adds
    /// no error; else none.
    /// </summary>
    private static async Task<(SyntaxNode Target, SyntaxNode Replacement)?> ChooseReplacementAsync(
        Document document, SyntaxNode root, SemanticModel model, SyntaxNode node, CancellationToken cancellationToken)
    {
        var candidates = Candidates(node, (root.SyntaxTree.Options as CSharpParseOptions) ?? CSharpParseOptions.Default);
        if (candidates.Count == 0)
        {
            return null;
        }

        var before = Count(model.GetDiagnostics(Scope(candidates[0].Target).FullSpan, cancellationToken));
        (SyntaxNode, SyntaxNode)? fallback = null;
        foreach (var (target, expression) in candidates)
        {
            var marker = new SyntaxAnnotation();
            var replacement = expression.WithTriviaFrom(target);
            var changed = root.ReplaceNode(target, replacement.WithAdditionalAnnotations(marker));
            var changedModel = await document.WithSyntaxRoot(changed).GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var changedNode = changed.GetAnnotatedNodes(marker).FirstOrDefault();
            if (changedModel is null || changedNode is null)
            {
                continue;
            }

            var after = Count(changedModel.GetDiagnostics(Scope(changedNode).FullSpan, cancellationToken));
            if (after.Errors > before.Errors)
            {
                continue;
            }

            if (after.Warnings <= before.Warnings)
            {
                return (target, replacement);
            }

            fallback ??= (target, replacement);
        }

        return fallback;
    }

    /// <summary>What a change to <paramref name="node"/> can add diagnostics to: its member, or the file for top-level statements.</summary>
    private static SyntaxNode Scope(SyntaxNode node)
    {
        foreach (var ancestor in node.AncestorsAndSelf())
        {
            switch (ancestor)
            {
                case BaseMethodDeclarationSyntax:
                case BasePropertyDeclarationSyntax:
                case BaseFieldDeclarationSyntax:
                case EnumMemberDeclarationSyntax:
                    return ancestor;
            }
        }

        return node.SyntaxTree.GetRoot();
    }

    private static (int Errors, int Warnings) Count(ImmutableArray<Diagnostic> diagnostics) =>
        (diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error), diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning));

    /// <summary>
    /// Parses the replacement; the nodes inside <paramref name="ours"/> (the text this fix wrote, not the user's) get the
    /// simplifier's annotation, which works node by node: <c>global::System.Environment</c> becomes <c>Environment</c>
    /// under <c>using System;</c>.
    /// </summary>
    private static ExpressionSyntax? Parse(string text, CSharpParseOptions options, TextSpan ours)
    {
        var expression = SyntaxFactory.ParseExpression(text, 0, options, consumeFullText: true);
        if (expression.ContainsDiagnostics || expression.FullSpan.Length != text.Length)
        {
            return null;
        }

        return expression.ReplaceNodes(
            expression.DescendantNodesAndSelf().Where(n => ours.Contains(n.Span)),
            (_, rewritten) => rewritten.WithAdditionalAnnotations(Simplifier.Annotation));
    }

    /// <summary>Text for a regular <c>$"…"</c> string: escaped like a literal, braces doubled.</summary>
    private static string InterpolatedText(string value)
    {
        var literal = SymbolDisplay.FormatLiteral(value, quote: true);
        return literal.Substring(1, literal.Length - 2).Replace("{", "{{").Replace("}", "}}");
    }

    /// <summary>
    /// The <c>ApiKey = "mm_live_…"</c> assignment to <c>MultiMail.MultiMailClientOptions.ApiKey</c> (in an object
    /// initializer, or a statement in a block) whose whole right side is the key; removing it leaves the property's
    /// default, the <c>MULTIMAIL_API_KEY</c> environment variable.
    /// </summary>
    private static AssignmentExpressionSyntax? FindOptionsAssignment(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        if (node is not LiteralExpressionSyntax literal
            || !literal.IsKind(SyntaxKind.StringLiteralExpression)
            || literal.Parent is not AssignmentExpressionSyntax assignment
            || !assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)
            || assignment.Right != literal
            || !ApiKeyPattern.TryFind(literal.Token.ValueText, out var start, out var length, out _)
            || start != 0
            || length != literal.Token.ValueText.Length)
        {
            return null;
        }

        var placed = assignment.Parent switch
        {
            InitializerExpressionSyntax initializer => initializer.IsKind(SyntaxKind.ObjectInitializerExpression) && initializer.Parent is BaseObjectCreationExpressionSyntax,
            ExpressionStatementSyntax statement => statement.Parent is BlockSyntax,
            _ => false,
        };
        if (!placed)
        {
            return null;
        }

        return model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol is IPropertySymbol
        {
            Name: "ApiKey",
            ContainingType: { Name: "MultiMailClientOptions", ContainingNamespace: { Name: "MultiMail", ContainingNamespace.IsGlobalNamespace: true } },
        }
            ? assignment
            : null;
    }

    private static Document RemoveAssignment(Document document, SyntaxNode root, AssignmentExpressionSyntax assignment)
    {
        if (assignment.Parent is ExpressionStatementSyntax statement)
        {
            var withoutStatement = root.RemoveNode(statement, SyntaxRemoveOptions.KeepUnbalancedDirectives);
            return withoutStatement is null ? document : document.WithSyntaxRoot(withoutStatement);
        }

        if (assignment.Parent is not InitializerExpressionSyntax initializer || initializer.Parent is not BaseObjectCreationExpressionSyntax creation)
        {
            return document;
        }

        SyntaxNode newCreation;
        if (initializer.Expressions.Count == 1)
        {
            // new MultiMailClientOptions { ApiKey = "…" } → new MultiMailClientOptions()
            var trailing = initializer.GetTrailingTrivia();
            newCreation = creation switch
            {
                ObjectCreationExpressionSyntax explicitType => explicitType
                    .WithType(explicitType.Type.WithoutTrailingTrivia())
                    .WithArgumentList((explicitType.ArgumentList ?? SyntaxFactory.ArgumentList()).WithoutTrailingTrivia().WithTrailingTrivia(trailing))
                    .WithInitializer(null),
                ImplicitObjectCreationExpressionSyntax implicitType => implicitType
                    .WithArgumentList(implicitType.ArgumentList.WithoutTrailingTrivia().WithTrailingTrivia(trailing))
                    .WithInitializer(null),
                _ => creation,
            };
        }
        else
        {
            var index = initializer.Expressions.IndexOf(assignment);
            var expressions = initializer.Expressions.RemoveAt(index);
            newCreation = creation.ReplaceNode(initializer, initializer.WithExpressions(expressions).WithAdditionalAnnotations(Formatter.Annotation));
        }

        return document.WithSyntaxRoot(root.ReplaceNode(creation, newCreation));
    }
}
