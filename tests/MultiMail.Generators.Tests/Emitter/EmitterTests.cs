using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using System.Linq;
using System.Text.Json;
using MultiMail.Generators.Catalog;
using MultiMail.Generators.Emit;
using MultiMail.Generators.Helpers;
using MultiMail.Generators.Model;

namespace MultiMail.Generators.Tests.Emitter;

/// <summary>The emitter and schema writer from hand-built models: escaping, ordering, strict rules. No Roslyn.</summary>
public sealed class EmitterTests
{
    private const string Nasty = "Quote \" backslash \\ newline \n tab \t nul \0 sep \u2028 para \u2029 bom \uFEFF emoji 😀 brace {0} */ <tag>";

    private static TypeShape String(bool nullable = false) =>
        new() { Kind = ShapeKind.String, TypeName = "string", IsNullable = nullable };

    private static ParameterSpec Parameter(string name, TypeShape shape, bool required, string? description = null, string? defaultJson = null, Constraints? constraints = null) =>
        new()
        {
            Name = name,
            WireName = name,
            TypeDisplay = shape.Display,
            Role = ParameterRole.Body,
            Shape = shape,
            Required = required,
            DefaultJson = defaultJson,
            Description = description,
            Constraints = constraints ?? Constraints.None,
        };

    private static ToolMethodSpec Method(params ParameterSpec[] parameters) =>
        new()
        {
            MethodName = "Run",
            Modifiers = "public",
            Return = new ReturnSpec { Kind = ReturnKind.TaskOfString, TypeDisplay = "global::System.Threading.Tasks.Task<string>" },
            Parameters = parameters.ToEquatableArray(),
            ToolName = "run",
            Description = Nasty,
            HttpMethod = "POST",
            Path = new[] { PathSegment.Text("/v1/run") }.ToEquatableArray(),
            Effect = MultiMailToolEffectValue.ChangesState,
        };

    [Fact]
    public void Json_strings_escape_everything_a_parser_would_choke_on()
    {
        var json = Literals.JsonString(Nasty);
        Assert.Equal(Nasty, JsonSerializer.Deserialize<string>(json));
        Assert.DoesNotContain('\n', json);
        Assert.DoesNotContain('\u2028', json);
    }

    [Fact]
    public void Csharp_literals_escape_everything_the_compiler_would_choke_on()
    {
        var literal = Literals.CSharpString(Nasty);
        Assert.StartsWith("\"", literal);
        Assert.DoesNotContain('\n', literal);
        Assert.DoesNotContain('\u2028', literal);
        Assert.DoesNotContain('\0', literal);
        var tree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("class C { string s = " + literal + "; }");
        Assert.Empty(tree.GetDiagnostics());
        var token = tree.GetRoot().DescendantTokens().Single(t => t.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.StringLiteralToken));
        Assert.Equal(Nasty, token.ValueText);
    }

    [Fact]
    public void Canonical_schema_lists_required_defaults_and_limits_in_declaration_order()
    {
        var method = Method(
            Parameter("b", String(), required: true, description: Nasty, constraints: Constraints.None with { MaxLength = 10 }),
            Parameter("a", String(nullable: true), required: false, defaultJson: "\"x\""));
        var schema = SchemaWriter.Write(method, strict: false);

        using var document = JsonDocument.Parse(schema);
        var root = document.RootElement;
        Assert.Equal(new[] { "b", "a" }, root.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.Equal(new[] { "b" }, root.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(Nasty, root.GetProperty("properties").GetProperty("b").GetProperty("description").GetString());
        Assert.Equal(10, root.GetProperty("properties").GetProperty("b").GetProperty("maxLength").GetInt32());
        Assert.Equal("x", root.GetProperty("properties").GetProperty("a").GetProperty("default").GetString());
        // InvokeAsync refuses unknown parameters, and the published schema says so.
        Assert.False(root.GetProperty("additionalProperties").GetBoolean());
    }

    [Fact]
    public void Strict_schema_follows_openai_rules()
    {
        var method = Method(
            Parameter("b", String(), required: true, constraints: Constraints.None with { MaxLength = 10, Format = "uri" }),
            Parameter("a", String(nullable: true), required: false, defaultJson: "\"x\"", constraints: Constraints.None with { AllowedValues = new[] { "x", "y" }.ToEquatableArray() }));
        var schema = SchemaWriter.Write(method, strict: true);

        using var document = JsonDocument.Parse(schema);
        var root = document.RootElement;
        Assert.False(root.GetProperty("additionalProperties").GetBoolean());
        Assert.Equal(new[] { "b", "a" }, root.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        var a = root.GetProperty("properties").GetProperty("a");
        Assert.Equal(new[] { "string", "null" }, a.GetProperty("type").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(JsonValueKind.Null, a.GetProperty("enum").EnumerateArray().Last().ValueKind);
        Assert.False(a.TryGetProperty("default", out _));
        var b = root.GetProperty("properties").GetProperty("b");
        Assert.False(b.TryGetProperty("maxLength", out _));
        Assert.False(b.TryGetProperty("format", out _));
        Assert.Equal("At most 10 characters. An absolute URI.", b.GetProperty("description").GetString());
    }

    [Fact]
    public void Emitted_file_is_deterministic_and_balanced()
    {
        var type = new ToolTypeSpec
        {
            Namespace = "Demo",
            Declarations = new[] { new TypeDeclarationSpec("class", "Tools") }.ToEquatableArray(),
            FullName = "global::Demo.Tools",
            HintName = "Demo.Tools.MultiMailTools.g.cs",
            Client = new MemberReference("_client", IsStatic: false),
        };
        var model = new ToolTypeModel(type, new[] { Method(Parameter("b", String(), required: true)) }.ToEquatableArray());

        var first = ToolEmitter.Emit(model, GenerationFacts.None, "1.2.3");
        var second = ToolEmitter.Emit(model, GenerationFacts.None, "1.2.3");

        Assert.Equal(first, second);
        Assert.StartsWith("// <auto-generated/>", first);
        Assert.Contains("#nullable enable", first);
        Assert.Contains("partial class Tools : global::MultiMail.IMultiMailToolSet", first);
        Assert.Contains("GeneratedCodeAttribute(\"MultiMail.Generators\", \"1.2.3\")", first);
        var tree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(first);
        Assert.Empty(tree.GetDiagnostics());
    }
}
