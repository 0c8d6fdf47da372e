using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using MultiMail.Generators;
using MultiMail.Generators.Helpers;
using MultiMail.Generators.Parsing;

namespace MultiMail.CodeFixes;

/// <summary>
/// MMG0013: adds an XML doc skeleton to a tool without a description — a <c>&lt;summary&gt;</c> with a sentence made
/// from the tool name and a <c>&lt;param&gt;</c> line per model-facing parameter — above the method's attributes, with
/// the method's indentation. A plain <c>// TODO</c> line above it asks for a real description; plain comments do not
/// reach the model, so the TODO never ends up in the tool's schema.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddSummaryCodeFixProvider))]
[Shared]
public sealed class AddSummaryCodeFixProvider : CodeFixProvider
{
    public const string EquivalenceKey = "MMG0013.AddSummary";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.MissingDescription);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

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
            var token = root.FindToken(diagnostic.Location.SourceSpan.Start);
            if (token.Parent is not MethodDeclarationSyntax method || method.Identifier != token)
            {
                continue;
            }

            // A doc comment that already has an (empty) summary is the user's to fill in; a second one would be ignored.
            if (method.GetLeadingTrivia().Any(t => t.ToFullString().IndexOf("<summary", StringComparison.Ordinal) >= 0))
            {
                continue;
            }

            var document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Add a <summary> describing the tool",
                    cancellationToken => AddSummaryAsync(document, method, cancellationToken),
                    EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document> AddSummaryAsync(Document document, MethodDeclarationSyntax method, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        var symbol = model.GetDeclaredSymbol(method, cancellationToken);
        var known = new KnownTypes(model.Compilation);
        var toolName = Naming.DefaultToolName(method.Identifier.ValueText);
        if (symbol is not null && ToolParser.FindToolAttribute(symbol, known) is { } attribute)
        {
            toolName = ToolParser.ToolNameOf(symbol, attribute);
        }

        var existing = string.Concat(method.GetLeadingTrivia().Select(t => t.ToFullString()));
        var lines = new List<string>
        {
            "// TODO: describe what '" + toolName + "' does and when the model should call it.",
            "/// <summary>" + Escape(Sentence(toolName)) + "</summary>",
        };
        if (symbol is not null)
        {
            foreach (var parameter in symbol.Parameters)
            {
                if (IsModelFacing(parameter, known) && existing.IndexOf("<param name=\"" + parameter.Name + "\"", StringComparison.Ordinal) < 0)
                {
                    lines.Add("/// <param name=\"" + parameter.Name + "\"></param>");
                }
            }
        }

        // Indentation and line break of the method's own line.
        var first = method.GetFirstToken();
        var line = text.Lines.GetLineFromPosition(first.SpanStart);
        var before = text.ToString(TextSpan.FromBounds(line.Start, first.SpanStart));
        var atLineStart = before.All(char.IsWhiteSpace);
        var indent = new string(line.ToString().TakeWhile(c => c == ' ' || c == '\t').ToArray());
        var newLine = line.EndIncludingLineBreak > line.End ? text.ToString(TextSpan.FromBounds(line.End, line.EndIncludingLineBreak)) : FirstLineBreak(root);

        var builder = new StringBuilder();
        if (!atLineStart)
        {
            builder.Append(newLine).Append(indent);
        }

        foreach (var comment in lines)
        {
            builder.Append(comment).Append(newLine).Append(indent);
        }

        var leading = first.LeadingTrivia;
        if (!atLineStart)
        {
            // The method moves to a line of its own: drop the spaces that separated it from the previous token.
            while (leading.Count > 0 && leading[leading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia))
            {
                leading = leading.RemoveAt(leading.Count - 1);
            }
        }

        var added = SyntaxFactory.ParseLeadingTrivia(builder.ToString());
        var newFirst = first.WithLeadingTrivia(leading.AddRange(added));
        return document.WithSyntaxRoot(root.ReplaceToken(first, newFirst));
    }

    private static string FirstLineBreak(SyntaxNode root)
    {
        var endOfLine = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        return endOfLine.IsKind(SyntaxKind.EndOfLineTrivia) ? endOfLine.ToString() : "\n";
    }

    /// <summary>Parameters the model fills in: not the client, not the cancellation token, not [MultiMailBound].</summary>
    private static bool IsModelFacing(IParameterSymbol parameter, KnownTypes known) =>
        !KnownTypes.Is(parameter.Type, known.CancellationToken)
        && !KnownTypes.Is(parameter.Type, known.Client)
        && !parameter.GetAttributes().Any(a => KnownTypes.Is(a.AttributeClass, known.BoundAttribute));

    /// <summary><c>check_inbox</c> → "Check inbox."</summary>
    private static string Sentence(string toolName)
    {
        var words = toolName.Replace('_', ' ').Replace('-', ' ').Trim();
        if (words.Length == 0)
        {
            return "Calls the MultiMail API.";
        }

        return char.ToUpperInvariant(words[0]) + words.Substring(1) + ".";
    }

    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
