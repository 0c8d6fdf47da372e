using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using CsCheck;
using Microsoft.CodeAnalysis.CSharp;
using MultiMail.Generators.Emit;
using MultiMail.Generators.Helpers;

namespace MultiMail.Generators.Tests.Emitter;

/// <summary>The multi-line schema literal: its pieces, read back as C#, are exactly the compact JSON.</summary>
public sealed class SchemaLiteralTests
{
    private static readonly int Iterations = int.TryParse(Environment.GetEnvironmentVariable("MMG_PROPERTY_ITERATIONS"), out var n) ? n : 300;

    /// <summary>Random JSON the way JsonBuilder writes it (compact), with hostile strings in names and values.</summary>
    private static readonly Gen<string> Json = Gen.Recursive<string>((depth, json) =>
    {
        var text = Gen.String[Gen.Char, 0, 40].Select(Literals.JsonString);
        var scalar = Gen.OneOf(text, Gen.Int.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), Gen.Const("true"), Gen.Const("null"));
        if (depth > 4)
        {
            return scalar;
        }

        var array = json.Array[0, 6].Select(items => "[" + string.Join(",", items) + "]");
        var obj = Gen.Select(text, json).Array[0, 6].Select(members => "{" + string.Join(",", members.Select(m => m.Item1 + ":" + m.Item2)) + "}");
        return Gen.OneOf(scalar, array, obj, obj);
    });

    [Fact]
    public void Pieces_read_back_as_the_compact_text()
    {
        Json.Where(j => j.StartsWith("{", StringComparison.Ordinal)).Sample(json =>
        {
            var lines = SchemaLiteral.Lines(json);
            var value = new StringBuilder();
            foreach (var (_, literal) in lines)
            {
                var token = SyntaxFactory.ParseExpression(literal);
                Assert.False(token.ContainsDiagnostics, literal);
                value.Append(((Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax)token).Token.ValueText);
            }

            Assert.Equal(json, value.ToString());
            using var _ = JsonDocument.Parse(value.ToString());
        }, iter: Iterations);
    }

    [Fact]
    public void Short_schemas_stay_on_one_line_and_long_ones_get_a_line_per_property()
    {
        Assert.Single(SchemaLiteral.Lines("{\"type\":\"object\",\"properties\":{}}"));

        var properties = string.Join(",", Enumerable.Range(0, 8).Select(i => "\"p" + i + "\":{\"type\":\"string\",\"description\":\"Property number " + i + ".\"}"));
        var lines = SchemaLiteral.Lines("{\"type\":\"object\",\"properties\":{" + properties + "}}");
        Assert.Contains(lines, l => l.Literal == Literals.CSharpString("\"p3\":{\"type\":\"string\",\"description\":\"Property number 3.\"},"));
        Assert.Equal(10, lines.Count);
        Assert.Equal(Literals.CSharpString("{\"type\":\"object\",\"properties\":{"), lines[0].Literal);
        Assert.Equal(Literals.CSharpString("}}"), lines[^1].Literal);
    }
}
