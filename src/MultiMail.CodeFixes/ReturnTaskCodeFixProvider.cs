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
using Microsoft.CodeAnalysis.Simplification;
using MultiMail.Generators;

namespace MultiMail.CodeFixes;

/// <summary>
/// MMG0004: a tool that returns <c>void</c> or a plain type <c>T</c> is made asynchronous — <c>Task</c> or
/// <c>Task&lt;T&gt;</c>. Not offered for awaitable return types (their problem is the result type, not the wrapper).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReturnTaskCodeFixProvider))]
[Shared]
public sealed class ReturnTaskCodeFixProvider : CodeFixProvider
{
    public const string EquivalenceKey = "MMG0004.ReturnTask";

    private static readonly string[] AccessibilityKeywords = { "public", "private", "protected", "internal" };

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UnsupportedReturnType);

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
            var token = root.FindToken(diagnostic.Location.SourceSpan.Start);
            if (token.Parent is not MethodDeclarationSyntax method || method.Identifier != token
                || method.ReturnType is RefTypeSyntax or PointerTypeSyntax or FunctionPointerTypeSyntax)
            {
                continue;
            }

            var returnType = model.GetTypeInfo(method.ReturnType, context.CancellationToken).Type;
            if (returnType is null || returnType.TypeKind == TypeKind.Error || IsAwaitable(returnType))
            {
                continue;
            }

            var isVoid = returnType.SpecialType == SpecialType.System_Void;
            var title = isVoid ? "Return Task" : "Return Task<" + method.ReturnType.WithoutTrivia().ToString() + ">";
            var document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create(title, cancellationToken => FixAsync(document, method, isVoid, cancellationToken), EquivalenceKey),
                diagnostic);
        }
    }

    private static bool IsAwaitable(ITypeSymbol type) =>
        type is INamedTypeSymbol named
        && named.Name is "Task" or "ValueTask"
        && named.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks";

    private static async Task<Document> FixAsync(Document document, MethodDeclarationSyntax method, bool isVoid, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var old = method.ReturnType;
        var tasks = SyntaxFactory.ParseName("global::System.Threading.Tasks");
        SimpleNameSyntax task = isVoid
            ? SyntaxFactory.IdentifierName("Task")
            : SyntaxFactory.GenericName(SyntaxFactory.Identifier("Task"), SyntaxFactory.TypeArgumentList(SyntaxFactory.SingletonSeparatedList(old.WithoutTrivia())));
        TypeSyntax replacement = SyntaxFactory.QualifiedName(tasks, task).WithTriviaFrom(old);
        if (!root!.ContainsDiagnostics)
        {
            // Roslyn's simplifier can throw on a file with syntax errors (found by fuzzing): there the name stays qualified.
            replacement = replacement.WithAdditionalAnnotations(Simplifier.Annotation);
        }

        var fixedMethod = method.WithReturnType(replacement);

        // A partial method that returns something needs an explicit accessibility; 'partial void' ones may have none.
        if (!fixedMethod.Modifiers.Any(m => AccessibilityKeywords.Contains(m.ValueText)))
        {
            var modifiers = fixedMethod.Modifiers;
            var first = modifiers.Count > 0 ? modifiers[0] : fixedMethod.ReturnType.GetFirstToken();
            var @private = SyntaxFactory.Token(first.LeadingTrivia, SyntaxKind.PrivateKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
            fixedMethod = modifiers.Count > 0
                ? fixedMethod.WithModifiers(modifiers.Replace(modifiers[0], modifiers[0].WithLeadingTrivia()).Insert(0, @private))
                : fixedMethod.ReplaceToken(first, first.WithLeadingTrivia()).WithModifiers(SyntaxFactory.TokenList(@private));
        }

        return document.WithSyntaxRoot(root!.ReplaceNode(method, fixedMethod));
    }
}
