using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using CsCheck;
using Json.Schema;
using MultiMail.Generators.Tests.Infrastructure;

namespace MultiMail.Generators.Tests.Schema;

/// <summary>
/// The published schemas tell the truth about what <c>InvokeAsync</c> accepts. For random tool declarations (scalars,
/// enums, dates, arrays, maps, nested records and classes, optional, defaulted and bound parameters, GET and POST),
/// compiled and run: every argument object a JSON Schema validator (JsonSchema.Net) accepts under the canonical or
/// the strict schema is accepted by <c>InvokeAsync</c>; one with an unknown property at any level, a missing required
/// property, or null for one, is refused by both.
/// </summary>
public sealed class SchemaAgreementTests
{
    private static readonly int Iterations = int.TryParse(Environment.GetEnvironmentVariable("MMG_PROPERTY_ITERATIONS"), out var n) ? n : 300;

    /// <summary>Compilations of random declarations (each compiles a type of several tools): 3 in CI.</summary>
    private static readonly int Compilations = Math.Max(1, Iterations / 100);

    private const string Types = """
        namespace Agree;

        public enum Color { Red, DarkBlue }

        public sealed record Point(int X, int Y, string? Label = null);

        public sealed class Box
        {
            public required string Name { get; init; }

            public Point? Corner { get; set; }

            public global::System.Collections.Generic.List<string>? Tags { get; set; }

            public global::System.Collections.Generic.Dictionary<string, string>? Meta { get; set; }
        }

        public sealed record Wrapper(Box Inner, Point[] Points, Color Color = Color.Red);
        """;

    /// <summary>A parameter type, the defaults it may take, and whether a GET (query) can carry it.</summary>
    private sealed record ParameterType(string Type, string[] Defaults, bool InQuery);

    private static readonly ParameterType[] ParameterTypes =
    {
        new("string", new[] { "", "\"x\"" }, true),
        new("string?", new[] { "", "null" }, true),
        new("int", new[] { "", "5" }, true),
        new("int?", new[] { "", "null" }, true),
        new("long", new[] { "" }, true),
        new("bool", new[] { "", "true" }, true),
        new("bool?", new[] { "null" }, true),
        new("double", new[] { "", "1.5" }, true),
        new("Color", new[] { "", "Color.DarkBlue" }, true),
        new("Color?", new[] { "null" }, true),
        new("global::System.DateTimeOffset", new[] { "" }, true),
        new("global::System.Guid?", new[] { "null" }, true),
        new("string[]", new[] { "" }, true),
        new("global::System.Collections.Generic.List<int>", new[] { "" }, true),
        new("global::System.Collections.Generic.Dictionary<string, string>", new[] { "" }, false),
        new("Point", new[] { "" }, false),
        new("Point?", new[] { "", "null" }, false),
        new("Box", new[] { "" }, false),
        new("Wrapper", new[] { "" }, false),
        new("Point[]", new[] { "" }, false),
        new("global::System.Collections.Generic.List<Box>", new[] { "" }, false),
    };

    private sealed record Parameter(ParameterType Type, string Default);

    private sealed record Tool(bool Get, Parameter[] Parameters, bool HasBound);

    private static readonly Gen<Tool> ToolGen =
        Gen.Select(Gen.Bool, Gen.Int[0, ParameterTypes.Length - 1].SelectMany(i => Gen.Int[0, ParameterTypes[i].Defaults.Length - 1].Select(d => (i, d))).Array[0, 5], Gen.Bool)
            .Select((get, picks, bound) => new Tool(
                get,
                picks.Select(p => new Parameter(ParameterTypes[p.i], ParameterTypes[p.i].Defaults[p.d]))
                    .Where(p => !get || p.Type.InQuery)
                    .ToArray(),
                bound));

    private static string Source(Tool[] tools)
    {
        var text = new StringBuilder(Types).AppendLine().AppendLine("""
            public partial class Tools
            {
                private readonly global::MultiMail.MultiMailClient _client;

                public Tools(global::MultiMail.MultiMailClient client) => _client = client;
            """);
        for (var t = 0; t < tools.Length; t++)
        {
            var tool = tools[t];
            var parameters = tool.Parameters.Select((p, i) => (Text: p.Type.Type + " p" + i + (p.Default.Length > 0 ? " = " + p.Default : string.Empty), HasDefault: p.Default.Length > 0)).ToList();
            if (tool.HasBound)
            {
                parameters.Add(("[global::MultiMail.MultiMailBound] string? hidden = null", true));
            }

            // C#: parameters without defaults first.
            var list = string.Join(", ", parameters.Where(p => !p.HasDefault).Concat(parameters.Where(p => p.HasDefault)).Select(p => p.Text));
            text.AppendLine(CultureInfo.InvariantCulture, $$"""
                    /// <summary>Tool {{t}}.</summary>
                    [global::MultiMail.MultiMailTool("{{(tool.Get ? "GET" : "POST")}}", "/v1/t{{t}}", Name = "t{{t}}")]
                    public partial global::System.Threading.Tasks.Task<string> T{{t}}({{list}});
                """);
        }

        return text.AppendLine("}").ToString();
    }

    [Fact]
    public void Schemas_and_InvokeAsync_agree_on_unknown_missing_and_null_properties()
    {
        ToolGen.Array[6, 10].Sample(tools =>
        {
            var assembly = TestCompiler.BuildAsync(Source(tools)).GetAwaiter().GetResult();
            using var client = new MultiMailClient(
                new MultiMailClientOptions { ApiKey = "test-key-0001", BaseAddress = new Uri("https://api.test/"), DefaultMailboxId = "mbx" },
                new HttpClient(new Answer()));
            var toolSet = (IMultiMailToolSet)Activator.CreateInstance(assembly.GetType("Agree.Tools")!, client)!;
            foreach (var descriptor in toolSet.Tools)
            {
                var canonical = JsonSchema.FromText(descriptor.ParametersJsonSchema);
                var strict = JsonSchema.FromText(descriptor.StrictParametersJsonSchema);
                using var canonicalDocument = JsonDocument.Parse(descriptor.ParametersJsonSchema);
                using var strictDocument = JsonDocument.Parse(descriptor.StrictParametersJsonSchema);
                AssertRootSaysClosed(canonicalDocument.RootElement, descriptor.Name);
                AssertRootSaysClosed(strictDocument.RootElement, descriptor.Name);

                var cases = Gen.OneOf(
                    Instance(canonicalDocument.RootElement.Clone()).Select(i => (Strict: false, Instance: i)),
                    Instance(strictDocument.RootElement.Clone()).Select(i => (Strict: true, Instance: i)));
                Gen.Select(cases, Gen.Enum<Mutation>(), Gen.Int[0, 1000], Gen.OneOf(UnknownNames)).Sample((sample, mutation, pick, unknownName) =>
                {
                    var instance = sample.Instance?.DeepClone() as JsonObject ?? new JsonObject();
                    var schema = sample.Strict ? strictDocument.RootElement : canonicalDocument.RootElement;
                    if (!Mutate(instance, schema, canonicalDocument.RootElement, mutation, pick, unknownName))
                    {
                        mutation = Mutation.None;
                    }

                    var json = instance.ToJsonString();
                    using var argument = JsonDocument.Parse(json);
                    var validCanonical = canonical.Evaluate(argument.RootElement).IsValid;
                    var validStrict = strict.Evaluate(argument.RootElement).IsValid;
                    var text = Task.Run(() => toolSet.InvokeAsync(descriptor.Name, json).AsTask()).GetAwaiter().GetResult();
                    var accepted = !text.StartsWith("Invalid arguments for ", StringComparison.Ordinal);
                    var context = descriptor.Name + " " + mutation + (sample.Strict ? " (strict)" : string.Empty) + "\nschema: "
                        + (sample.Strict ? descriptor.StrictParametersJsonSchema : descriptor.ParametersJsonSchema) + "\narguments: " + json + "\nanswer: " + text;
                    if (mutation == Mutation.None)
                    {
                        Assert.True(sample.Strict ? validStrict : validCanonical, "generator: " + context);
                        Assert.True(accepted, "schema-valid arguments refused: " + context);
                    }
                    else
                    {
                        Assert.False(validCanonical, "canonical schema accepts: " + context);
                        Assert.False(validStrict, "strict schema accepts: " + context);
                        Assert.False(accepted, "InvokeAsync accepts: " + context);
                    }
                }, iter: Iterations / 3, threads: 1);
            }
        }, iter: Compilations, threads: 1);
    }

    [Fact]
    public async Task Every_adapter_output_carries_the_closed_schema()
    {
        var assembly = await TestCompiler.BuildAsync(Source(new[] { new Tool(false, new[] { new Parameter(ParameterTypes[17], ""), new Parameter(ParameterTypes[0], "") }, HasBound: true) }));
        using var client = new MultiMailClient(new MultiMailClientOptions { ApiKey = "test-key-0001" }, new HttpClient(new Answer()));
        var descriptor = ((IMultiMailToolSet)Activator.CreateInstance(assembly.GetType("Agree.Tools")!, client)!).Tools.Single();
        var outputs = new Dictionary<string, JsonElement>
        {
            ["canonical"] = descriptor.GetParametersSchema(),
            ["strict"] = descriptor.GetParametersSchema(strict: true),
            ["openai"] = Parse(descriptor.ToOpenAIToolJson()).GetProperty("function").GetProperty("parameters"),
            ["openai strict"] = Parse(descriptor.ToOpenAIToolJson(strict: true)).GetProperty("function").GetProperty("parameters"),
            ["openai responses"] = Parse(descriptor.ToOpenAIResponsesToolJson()).GetProperty("parameters"),
            ["anthropic"] = Parse(descriptor.ToAnthropicToolJson()).GetProperty("input_schema"),
        };
        foreach (var (name, schema) in outputs)
        {
            AssertRootSaysClosed(schema, name);
            var box = schema.GetProperty("properties").GetProperty("p0");
            AssertRootSaysClosed(box, name + " p0");
            Assert.False(box.GetProperty("additionalProperties").GetBoolean());
            var corner = box.GetProperty("properties").GetProperty("corner");
            Assert.False(corner.GetProperty("additionalProperties").GetBoolean());
            Assert.False(schema.GetProperty("properties").TryGetProperty("hidden", out _));
        }
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static void AssertRootSaysClosed(JsonElement schema, string name)
    {
        Assert.True(schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.False, name + ": " + schema);
    }

    // ---- arguments from a schema ------------------------------------------------------------------------------------

    private enum Mutation
    {
        None,
        Unknown,
        DropRequired,
        NullRequired,
    }

    private static readonly string[] UnknownNames = { "zz_unknown", "hidden", "P0", "Name", "p0 ", "additionalProperties", "__proto__" };

    /// <summary>Any UTF-16 that is also valid Unicode (lone surrogates are the fuzzing tests' subject, not this one's).</summary>
    private static readonly Gen<char> Text = Gen.Char['\u0000', '\uD7FF'];

    private static Gen<List<T>> Sequence<T>(IEnumerable<Gen<T>> gens) =>
        gens.Aggregate(Gen.Const(new List<T>()), (all, next) => Gen.Select(all, next).Select((list, item) => new List<T>(list) { item }));

    /// <summary>A random value the schema accepts.</summary>
    private static Gen<JsonNode?> Instance(JsonElement schema)
    {
        var types = TypesOf(schema);
        var nullable = types.Contains("null");
        var type = types.FirstOrDefault(t => t != "null");
        Gen<JsonNode?> value;
        if (schema.TryGetProperty("enum", out var values))
        {
            var choices = values.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? null : JsonNode.Parse(v.GetRawText())).ToArray();
            return Gen.Int[0, choices.Length - 1].Select(i => choices[i]?.DeepClone());
        }

        switch (type)
        {
            case "string":
                value = (schema.TryGetProperty("format", out var format) ? format.GetString() : null) switch
                {
                    "date-time" => Gen.DateTimeOffset.Select(d => (JsonNode?)JsonValue.Create(d.ToString("o", CultureInfo.InvariantCulture))),
                    "uuid" => Gen.Guid.Select(g => (JsonNode?)JsonValue.Create(g.ToString())),
                    _ => Gen.String[Text, 0, 12].Select(s => (JsonNode?)JsonValue.Create(s)),
                };
                break;
            case "integer":
                var min = schema.TryGetProperty("minimum", out var minimum) ? Math.Max(minimum.GetInt64(), int.MinValue) : int.MinValue;
                var max = schema.TryGetProperty("maximum", out var maximum) ? Math.Min(maximum.GetInt64(), int.MaxValue) : int.MaxValue;
                value = Gen.Long[min, max].Select(v => (JsonNode?)JsonValue.Create(v));
                break;
            case "number":
                value = Gen.Double[-1e6, 1e6].Select(v => (JsonNode?)JsonValue.Create(v));
                break;
            case "boolean":
                value = Gen.Bool.Select(v => (JsonNode?)JsonValue.Create(v));
                break;
            case "array":
                var items = Instance(schema.GetProperty("items"));
                var least = schema.TryGetProperty("minItems", out var minItems) ? minItems.GetInt32() : 0;
                var most = Math.Min(schema.TryGetProperty("maxItems", out var maxItems) ? maxItems.GetInt32() : 3, least + 3);
                value = items.List[least, most].Select(list => (JsonNode?)new JsonArray(list.Select(i => i?.DeepClone()).ToArray()));
                break;
            case "object" when schema.TryGetProperty("properties", out var properties):
                var required = schema.TryGetProperty("required", out var names) ? names.EnumerateArray().Select(e => e.GetString()!).ToHashSet() : new HashSet<string>();
                var members = properties.EnumerateObject()
                    .Select(p => Gen.Select(Instance(p.Value), required.Contains(p.Name) ? Gen.Const(true) : Gen.Bool).Select(v => (p.Name, Value: v.Item1, Present: v.Item2)))
                    .ToArray();
                value = Sequence(members)
                    .Select(chosen =>
                    {
                        var obj = new JsonObject();
                        foreach (var (name, member, present) in chosen)
                        {
                            if (present)
                            {
                                obj[name] = member?.DeepClone();
                            }
                        }

                        return (JsonNode?)obj;
                    });
                break;
            case "object":
                // A string map: any keys.
                value = Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 1, 6], Gen.String[Text, 0, 6]).Array[0, 3]
                    .Select(pairs => (JsonNode?)new JsonObject(pairs.DistinctBy(p => p.Item1).Select(p => KeyValuePair.Create(p.Item1, (JsonNode?)JsonValue.Create(p.Item2)))));
                break;
            default:
                value = Gen.Const((JsonNode?)null);
                break;
        }

        return nullable ? Gen.Frequency((1, Gen.Const((JsonNode?)null)), (3, value)) : value;
    }

    private static string[] TypesOf(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return Array.Empty<string>();
        }

        return type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToArray() : new[] { type.GetString()! };
    }

    /// <summary>
    /// Applies the mutation to one declared object of the instance (chosen by <paramref name="pick"/>): an unknown
    /// property, or a property the canonical schema requires removed or set to null. False when nothing fits.
    /// </summary>
    private static bool Mutate(JsonObject instance, JsonElement schema, JsonElement canonical, Mutation mutation, int pick, string unknownName)
    {
        if (mutation == Mutation.None)
        {
            return false;
        }

        var objects = new List<(JsonObject Node, JsonElement Schema, JsonElement Canonical)>();
        Collect(instance, schema, canonical, objects);
        var candidates = objects.Where(o => mutation switch
        {
            Mutation.Unknown => !o.Schema.GetProperty("properties").TryGetProperty(unknownName, out _),
            _ => RequiredOf(o.Canonical).Any(o.Node.ContainsKey),
        }).ToList();
        if (candidates.Count == 0)
        {
            return false;
        }

        var (node, _, declared) = candidates[pick % candidates.Count];
        if (mutation == Mutation.Unknown)
        {
            node[unknownName] = 1;
            return true;
        }

        var present = RequiredOf(declared).Where(node.ContainsKey).ToList();
        var name = present[pick % present.Count];
        if (mutation == Mutation.DropRequired)
        {
            node.Remove(name);
        }
        else
        {
            node[name] = null;
        }

        return true;
    }

    private static IEnumerable<string> RequiredOf(JsonElement schema) =>
        schema.TryGetProperty("required", out var required) ? required.EnumerateArray().Select(e => e.GetString()!) : Enumerable.Empty<string>();

    /// <summary>The declared objects (schemas with properties) of an instance, with the same place in the canonical schema.</summary>
    private static void Collect(JsonNode? node, JsonElement schema, JsonElement canonical, List<(JsonObject, JsonElement, JsonElement)> objects)
    {
        switch (node)
        {
            case JsonObject obj when schema.TryGetProperty("properties", out var properties):
                // (A strict map's key/value item has no counterpart in the canonical schema: its own schema stands in.)
                var hasCanonical = canonical.ValueKind == JsonValueKind.Object && canonical.TryGetProperty("properties", out _);
                objects.Add((obj, schema, hasCanonical ? canonical : schema));
                foreach (var (name, value) in obj)
                {
                    if (properties.TryGetProperty(name, out var property))
                    {
                        Collect(value, property, hasCanonical && canonical.GetProperty("properties").TryGetProperty(name, out var canonicalProperty) ? canonicalProperty : default, objects);
                    }
                }

                break;
            case JsonArray array when schema.TryGetProperty("items", out var items):
                foreach (var item in array)
                {
                    Collect(item, items, canonical.ValueKind == JsonValueKind.Object && canonical.TryGetProperty("items", out var canonicalItems) ? canonicalItems : default, objects);
                }

                break;
        }
    }

    /// <summary>Every request succeeds with an empty object.</summary>
    private sealed class Answer : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}", Encoding.UTF8, "application/json") });
    }
}
