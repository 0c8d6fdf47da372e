using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using CsCheck;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace MultiMail.Generators.Tests.Fuzzing;

/// <summary>What one edit does to a source: the damage half-typed and mistyped code has.</summary>
internal enum MutationKind
{
    DeleteToken,
    DuplicateToken,
    Truncate,
    InsertUnbalanced,
    SwapTokens,
    CopyToken,
    DeleteLine,
    DuplicateLine,
    ReplaceWithKeyword,
}

/// <summary>One edit: its kind and the positions it picks (taken modulo the source's tokens, characters or lines).</summary>
internal readonly record struct Mutation(MutationKind Kind, int A, int B)
{
    public override string ToString() => Kind + "(" + A + ", " + B + ")";
}

/// <summary>Token deletions, duplications, truncations, unbalanced braces and friends, applied with Roslyn's own lexer.</summary>
internal static class SourceMutations
{
    private static readonly string[] Unbalanced = ["{", "}", "(", ")", "[", "]", "<", ">", "\"", "'", "/*", "*/", "//", "#if X\n", "#endif\n", "@", "$\"", "\"\"\"", ";", ",", "=>", "?", "!", ".", "\\"];

    private static readonly string[] Keywords =
    [
        "partial", "static", "async", "await", "null", "default", "new", "class", "struct", "record", "interface", "void", "ref", "out",
        "params", "this", "base", "readonly", "abstract", "virtual", "override", "extern", "unsafe", "fixed", "const", "event",
        "delegate", "operator", "implicit", "global", "var", "dynamic", "object", "string", "int", "Task", "ValueTask", "CancellationToken",
        "MultiMailTool", "MultiMailClient", "MultiMailParameter", "MultiMailBound", "__arglist", "namespace", "using", "where", "notnull",
    ];

    public static Gen<Mutation> Gen { get; } = CsCheck.Gen.Select(
        CsCheck.Gen.Enum<MutationKind>(),
        CsCheck.Gen.Int[0, 1_000_000],
        CsCheck.Gen.Int[0, 1_000_000],
        (kind, a, b) => new Mutation(kind, a, b));

    public static string Apply(string text, IEnumerable<Mutation> mutations, CSharpParseOptions options)
    {
        foreach (var mutation in mutations)
        {
            text = Apply(text, mutation, options);
        }

        return text;
    }

    private static string Apply(string text, Mutation mutation, CSharpParseOptions options)
    {
        var tokens = CSharpSyntaxTree.ParseText(text, options).GetRoot().DescendantTokens().Where(t => t.Span.Length > 0).ToList();
        if (tokens.Count == 0)
        {
            return text + Unbalanced[mutation.B % Unbalanced.Length];
        }

        var token = tokens[mutation.A % tokens.Count];
        var other = tokens[mutation.B % tokens.Count];
        var lines = text.Split('\n');
        switch (mutation.Kind)
        {
            case MutationKind.DeleteToken:
                return text.Remove(token.SpanStart, token.Span.Length);
            case MutationKind.DuplicateToken:
                return text.Insert(token.Span.End, " " + token.Text);
            case MutationKind.Truncate:
                return text.Substring(0, mutation.A % (text.Length + 1));
            case MutationKind.InsertUnbalanced:
                return text.Insert(token.SpanStart, Unbalanced[mutation.B % Unbalanced.Length]);
            case MutationKind.SwapTokens:
            {
                var next = tokens[(mutation.A + 1) % tokens.Count];
                if (next.SpanStart <= token.SpanStart)
                {
                    return text;
                }

                return new StringBuilder(text)
                    .Remove(next.SpanStart, next.Span.Length).Insert(next.SpanStart, token.Text)
                    .Remove(token.SpanStart, token.Span.Length).Insert(token.SpanStart, next.Text)
                    .ToString();
            }

            case MutationKind.CopyToken:
                return text.Remove(token.SpanStart, token.Span.Length).Insert(token.SpanStart, other.Text);
            case MutationKind.DeleteLine:
                return string.Join('\n', lines.Where((_, i) => i != mutation.A % lines.Length));
            case MutationKind.DuplicateLine:
            {
                var index = mutation.A % lines.Length;
                return string.Join('\n', lines.Take(index + 1).Append(lines[index]).Concat(lines.Skip(index + 1)));
            }

            default:
                return token.IsKind(SyntaxKind.IdentifierToken)
                    ? text.Remove(token.SpanStart, token.Span.Length).Insert(token.SpanStart, Keywords[mutation.B % Keywords.Length])
                    : text.Insert(token.SpanStart, Keywords[mutation.B % Keywords.Length] + " ");
        }
    }
}
