using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using MultiMail.Generators.Tests.Infrastructure;

namespace MultiMail.Generators.Tests.Generator;

/// <summary>
/// Generator crashes and uncompilable output found by fuzzing (issue 13), each pinned here: a keyword namespace, hint
/// names that collide, and user names equal to names the generated code declares.
/// </summary>
public sealed class FoundByFuzzingTests
{
    private const string Tool = """
        [MultiMailTool("GET", "/v1/fuzz/{thing_id}", Description = "d")]
        public partial Task<string> GetThing(string thingId);
        """;

    private static string ToolType(string header, string name) => header + $$"""

        public partial class {{name}}
        {
            private readonly MultiMailClient _client;
            public {{name}}(MultiMailClient client) => _client = client;

            {{Tool}}
        }
        """;

    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.ComponentModel.DataAnnotations;
        using System.Text.Json.Serialization;
        using System.Threading;
        using System.Threading.Tasks;
        using MultiMail;

        """;

    private static async Task<(Compilation Output, GeneratorDriverRunResult Result)> GenerateCleanAsync(params string[] sources)
    {
        var compilation = await TestCompiler.CreateAsync(sources);
        var raw = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && d.Id != "CS8795").ToList();
        Assert.True(raw.Count == 0, "the test's own source: " + string.Join(Environment.NewLine, raw.Take(10)));
        var analyzed = (await TestCompiler.AnalyzeAsync(compilation)).Where(d => d.Id.StartsWith("MMG", StringComparison.Ordinal)).ToList();
        Assert.True(analyzed.Count == 0, string.Join(Environment.NewLine, analyzed));
        var (output, generatorDiagnostics, result) = TestCompiler.Generate(compilation);
        Assert.Null(result.Results.Single().Exception);
        Assert.Empty(generatorDiagnostics);
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems.Take(20)) + Environment.NewLine + TestCompiler.GeneratedText(output));
        return (output, result);
    }

    [Theory]
    [InlineData("namespace Acme.@event;")]
    [InlineData("namespace @class.@namespace { }")]
    [InlineData("namespace Ünïcödé.Ω;")]
    [InlineData("namespace A\\u0042.C;")]
    public async Task A_keyword_or_non_ASCII_namespace_still_gets_its_tools(string header)
    {
        var source = header.EndsWith("{ }", StringComparison.Ordinal)
            ? Usings + header.Replace("{ }", "{" + ToolType(string.Empty, "Tools") + "}")
            : Usings + ToolType(header, "Tools");

        var (output, result) = await GenerateCleanAsync(source);

        var generated = Assert.Single(result.GeneratedTrees);
        Assert.DoesNotContain("@", System.IO.Path.GetFileName(generated.FilePath));
        Assert.Contains("GetThing", TestCompiler.GeneratedText(output));
    }

    [Fact]
    public async Task Types_whose_hint_names_would_collide_each_get_their_file()
    {
        // Outer<T> and Outer_1 both sanitize to Outer_1; Tools and tools differ only in case (hint names are not
        // case-sensitive); Ä and Ö both become '_'.
        var source = Usings + "namespace Demo\n{\n"
            + ToolType(string.Empty, "Outer_1")
            + ToolType(string.Empty, "Outer<T>").Replace("public Outer<T>(", "public Outer(")
            + ToolType(string.Empty, "Tools")
            + ToolType(string.Empty, "tools")
            + ToolType(string.Empty, "Ä")
            + ToolType(string.Empty, "Ö")
            + "\n}\n";

        var (_, result) = await GenerateCleanAsync(source);

        Assert.Equal(6, result.GeneratedTrees.Length);
        Assert.Equal(6, result.GeneratedTrees.Select(t => t.FilePath.ToUpperInvariant()).Distinct().Count());
    }

    /// <summary>
    /// Every identifier the generated code uses (locals, parameters, members, namespaces), every contextual keyword
    /// and every keyword (as <c>@name</c>), given to user parameters and to the properties of an object argument, in
    /// every position that generated code reads or writes: the output compiles warning-free and every value still
    /// reaches the request.
    /// </summary>
    [Fact]
    public async Task Parameters_and_properties_may_have_any_name_generated_code_uses()
    {
        var names = await NamesGeneratedCodeUsesAsync();
        Assert.Contains("__request", names);
        Assert.Contains("__arguments", names);
        Assert.Contains("await", names);

        // Each tool takes 8 renamed parameters (and each object type 4 renamed properties): a few tools cover them all.
        var source = new StringBuilder(Usings).AppendLine("namespace Names;").AppendLine("public enum Mode { A, B }");
        var toolsPerName = new List<(int Tool, string Name)>();
        var toolCount = (names.Count + 7) / 8;

        // A property may not be named like an object member it would hide (a C# warning, whoever writes the code).
        var propertyNames = names.Where(n => n is not ("GetType" or "ToString" or "Equals" or "GetHashCode" or "MemberwiseClone" or "Finalize")).ToList();
        for (var t = 0; t < toolCount; t++)
        {
            var p = Enumerable.Range(0, 4).Select(i => propertyNames[(t * 4 + i) % propertyNames.Count]).ToArray();
            source.AppendLine($$"""
                public sealed class Dto{{t}}
                {
                    [JsonPropertyName("a")] public string {{p[0]}} { get; set; } = "";
                    [JsonPropertyName("b")] public int[]? {{p[1]}} { get; set; }
                    [JsonPropertyName("c")] public Dictionary<string, string>? {{p[2]}} { get; init; }
                    [JsonPropertyName("d")] public Mode {{p[3]}} { get; set; }
                }
                """);
        }

        source.AppendLine("""
            public partial class Tools
            {
                private readonly MultiMailClient _client;
                public Tools(MultiMailClient client) => _client = client;
            """);
        for (var t = 0; t < toolCount; t++)
        {
            var n = Enumerable.Range(0, 8).Select(i => names[(t * 8 + i) % names.Count]).ToArray();
            source.AppendLine($$"""
                    [MultiMailTool("POST", "/v1/fuzz/{thing_id}/items", Description = "d")]
                    public partial Task<string> Post{{t}}(
                        [MultiMailParameter("thing_id")] string {{n[0]}},
                        [MultiMailParameter("items")] Dto{{t}}[] {{n[1]}},
                        [MultiMailParameter("labels")] Dictionary<string, string>? {{n[2]}} = null,
                        [MultiMailParameter("dto")] Dto{{t}}? {{n[3]}} = null,
                        [MultiMailParameter("mode")] Mode {{n[4]}} = Mode.A,
                        [MultiMailParameter("when")] DateTimeOffset? {{n[5]}} = null,
                        [MultiMailParameter("subject"), RegularExpression("^[a-z]*$"), MaxLength(20)] string? {{n[6]}} = null,
                        CancellationToken {{n[7]}} = default);

                    [MultiMailTool("GET", "/v1/fuzz/{thing_id}/list", Description = "d")]
                    public partial Task<Dto{{t}}[]> Get{{t}}(
                        [MultiMailParameter("thing_id")] string {{n[7]}},
                        [MultiMailParameter("ids")] string[]? {{n[6]}} = null,
                        [MultiMailParameter("limit"), Range(1, 50)] int? {{n[5]}} = null,
                        [MultiMailParameter("mode")] Mode? {{n[4]}} = null,
                        [MultiMailParameter("flag")] bool {{n[3]}} = false,
                        [MultiMailParameter("uuid")] Guid? {{n[2]}} = null,
                        [MultiMailParameter("mailbox_id")] string? {{n[1]}} = null,
                        CancellationToken {{n[0]}} = default);

                """);
        }

        source.AppendLine("}");
        source.AppendLine("""
            public static partial class StaticTools
            {
            """);
        for (var t = 0; t < toolCount; t++)
        {
            var n = Enumerable.Range(0, 4).Select(i => names[(t * 4 + i + 5) % names.Count]).ToArray();
            source.AppendLine($$"""
                    [MultiMailTool("DELETE", "/v1/fuzz/{thing_id}", Description = "d")]
                    public static partial Task Delete{{t}}(MultiMailClient {{n[0]}}, [MultiMailParameter("thing_id")] string {{n[1]}}, [MultiMailParameter("reason")] string? {{n[2]}} = null, CancellationToken {{n[3]}} = default);

                """);
        }

        source.AppendLine("}");

        var (output, _) = await GenerateCleanAsync(source.ToString());

        // Run every tool once through InvokeAsync: each argument reaches the request.
        using var stream = new System.IO.MemoryStream();
        Assert.True(output.Emit(stream).Success);
        var assembly = new System.Runtime.Loader.AssemblyLoadContext("names", isCollectible: true).LoadFromStream(new System.IO.MemoryStream(stream.ToArray()));
        var handler = new Recorder();
        using var client = new MultiMailClient(new MultiMailClientOptions { ApiKey = "mm_test_x", BaseAddress = new Uri("https://api.test/"), DefaultMailboxId = "mbx_d" }, new HttpClient(handler));
        var tools = (IMultiMailToolSet)Activator.CreateInstance(assembly.GetType("Names.Tools")!, client)!;
        for (var t = 0; t < toolCount; t++)
        {
            var post = await tools.InvokeAsync("post" + t, """
                {"thing_id":"th_1","items":[{"a":"i","b":[1,2]}],"labels":{"k":"v"},"dto":{"a":"s","b":[1],"c":{"p":"q"},"d":"b"},"mode":"b","when":"2026-01-01T00:00:00Z","subject":"abc"}
                """);
            Assert.DoesNotContain("Invalid", post);
            var (uri, body) = handler.Requests[^1];
            Assert.Equal("https://api.test/v1/fuzz/th_1/items", uri);
            using (var json = JsonDocument.Parse(body!))
            {
                Assert.Equal(
                    """{"items":[{"a":"i","b":[1,2],"d":"a"}],"labels":{"k":"v"},"dto":{"a":"s","b":[1],"c":{"p":"q"},"d":"b"},"mode":"b","when":"2026-01-01T00:00:00Z","subject":"abc"}""",
                    JsonSerializer.Serialize(json.RootElement));
            }

            handler.Response = """[{"a":"s","b":[2],"c":{"k":"v"},"d":"b"}]""";
            var get = await tools.InvokeAsync("get" + t, """{"thing_id":"th_2","ids":["1","2"],"limit":5,"mode":"a","flag":true,"uuid":"3f2504e0-4f89-11d3-9a0c-0305e82c3301","mailbox_id":"mbx_1"}""");
            handler.Response = "{}";
            Assert.Equal("""[{"a":"s","b":[2],"c":{"k":"v"},"d":"b"}]""", get);
            Assert.Equal("https://api.test/v1/fuzz/th_2/list?ids=1&ids=2&limit=5&mode=a&flag=true&uuid=3f2504e0-4f89-11d3-9a0c-0305e82c3301&mailbox_id=mbx_1", handler.Requests[^1].Uri);
        }

        var staticTools = (IMultiMailToolSet)assembly.GetType("Names.StaticTools")!.GetMethod("CreateToolSet")!.Invoke(null, new object[] { client })!;
        var deleted = await staticTools.InvokeAsync("delete0", """{"thing_id":"th_3","reason":"r"}""");
        Assert.Equal("""{"status":"ok"}""", deleted);
        Assert.Equal("https://api.test/v1/fuzz/th_3?reason=r", handler.Requests[^1].Uri);
    }

    [Theory]
    [InlineData("Task<string>?")]
    [InlineData("Task?")]
    [InlineData("Task<int>?")]
    public async Task A_tool_declared_with_a_nullable_task_gets_warning_free_code(string returnType)
    {
        // Found by the long generator fuzz run (seed c0jxYkEJai35): "Task<string> ?GetThread(...)" compiles, and the
        // generated InvokeAsync awaited the call without '!' (CS8602).
        var source = Usings + "namespace Nullable;\n" + ToolType(string.Empty, "Tools").Replace("public partial Task<string> GetThing", "public partial " + returnType + " GetThing", StringComparison.Ordinal);
        await GenerateCleanAsync(source);
    }

    [Fact]
    public async Task A_typed_tool_that_returns_mail_may_name_its_parameters_like_the_fence_locals()
    {
        // The merge of issue 15's fence added a local (__text) to typed mail tools' invoke methods: chosen per method too.
        var source = Usings + """
            namespace Fence;
            public sealed class Mail { public string Id { get; set; } = ""; public string Subject { get; set; } = ""; }
            public partial class Tools
            {
                private readonly MultiMailClient _client;
                public Tools(MultiMailClient client) => _client = client;

                [MultiMailTool("GET", "/v1/mailboxes/{mailbox_id}/emails/{email_id}", Description = "d")]
                public partial Task<Mail> Read([MultiMailParameter("email_id")] string __text, [MultiMailParameter("mailbox_id")] string? __result = null, CancellationToken __writer = default);
            }
            """;
        var (output, _) = await GenerateCleanAsync(source);

        using var stream = new System.IO.MemoryStream();
        Assert.True(output.Emit(stream).Success);
        var assembly = new System.Runtime.Loader.AssemblyLoadContext("fence", isCollectible: true).LoadFromStream(new System.IO.MemoryStream(stream.ToArray()));
        var handler = new Recorder { Response = """{"id":"em_1","subject":"hello from the fence"}""" };
        using var client = new MultiMailClient(new MultiMailClientOptions { ApiKey = "mm_test_x", BaseAddress = new Uri("https://api.test/") }, new HttpClient(handler));
        var tools = (IMultiMailToolSet)Activator.CreateInstance(assembly.GetType("Fence.Tools")!, client)!;
        var text = await tools.InvokeAsync("read", """{"email_id":"em_1","mailbox_id":"mbx_1"}""");
        Assert.Equal("https://api.test/v1/mailboxes/mbx_1/emails/em_1", handler.Requests.Single().Uri);
        Assert.Contains("hello from the fence", text, StringComparison.Ordinal);
    }

    /// <summary>
    /// The names to try: every identifier in the code generated for a rich tool type (so a new local in the emitter is
    /// covered without editing this test), plus every contextual keyword and every keyword as a verbatim identifier.
    /// </summary>
    private static async Task<List<string>> NamesGeneratedCodeUsesAsync()
    {
        var source = Usings + """
            namespace Probe;
            public enum Mode { A, B }
            public sealed class Dto { public string A { get; set; } = ""; public int[]? B { get; set; } public Dictionary<string, string>? C { get; init; } public Mode D { get; set; } }
            public partial class Tools
            {
                private readonly MultiMailClient _client;
                public Tools(MultiMailClient client) => _client = client;

                [MultiMailTool("POST", "/v1/fuzz/{thing_id}/items", Description = "d")]
                public partial Task<string> Post(string thingId, Dto[] items, Dictionary<string, string>? labels = null, Dto? dto = null, Mode mode = Mode.A, DateTimeOffset? when = null, [RegularExpression("^[a-z]*$"), MaxLength(20)] string? subject = null, CancellationToken cancellationToken = default);

                [MultiMailTool("GET", "/v1/fuzz/{thing_id}/list", Description = "d")]
                public partial Task<Dto[]> Get(string thingId, string[]? ids = null, [Range(1, 50)] int? limit = null, Mode? mode = null, bool flag = false, Guid? uuid = null, string? mailboxId = null, CancellationToken cancellationToken = default);
            }

            public static partial class StaticTools
            {
                [MultiMailTool("DELETE", "/v1/fuzz/{thing_id}", Description = "d")]
                public static partial Task Delete(MultiMailClient client, string thingId, string? reason = null, CancellationToken cancellationToken = default);
            }
            """;
        var (output, _) = await GenerateCleanAsync(source);
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var tree in output.SyntaxTrees.Where(t => t.FilePath.EndsWith(".g.cs", StringComparison.Ordinal)))
        {
            foreach (var token in tree.GetRoot().DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)))
            {
                names.Add(token.Text);
            }
        }

        foreach (var kind in SyntaxFacts.GetContextualKeywordKinds())
        {
            names.Add(SyntaxFacts.GetText(kind));
        }

        foreach (var kind in SyntaxFacts.GetKeywordKinds())
        {
            names.Add("@" + SyntaxFacts.GetText(kind));
        }

        // The probe's own type names: a property may not be named like its enclosing type.
        names.RemoveWhere(n => n is "Dto" or "Mode" or "Tools" or "StaticTools" or "Probe");

        // Only names C# accepts as identifiers (not @__arglist and its kin).
        names.RemoveWhere(n => SyntaxFactory.ParseToken(n) is var token && (!token.IsKind(SyntaxKind.IdentifierToken) || token.Text != n || token.ContainsDiagnostics));
        return names.ToList();
    }

    private sealed class Recorder : HttpMessageHandler
    {
        public List<(string Uri, string? Body)> Requests { get; } = new();

        public string Response { get; set; } = "{}";

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add((request.RequestUri!.AbsoluteUri, request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken)));
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(Response, Encoding.UTF8, "application/json") };
        }
    }
}
