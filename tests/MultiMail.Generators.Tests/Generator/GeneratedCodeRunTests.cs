using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using MultiMail.Generators.Tests.Infrastructure;

namespace MultiMail.Generators.Tests.Generator;

/// <summary>Generated code compiled in memory (every warning an error) and run: escaping of hostile user strings.</summary>
public sealed class GeneratedCodeRunTests
{
    private const string HostileTools = """
        using System.ComponentModel;
        using System.Threading.Tasks;
        using MultiMail;

        namespace Hostile;

        public enum Weird
        {
            [System.Runtime.Serialization.EnumMember(Value = "a\"b\\c")] Quote,
            [System.Runtime.Serialization.EnumMember(Value = "line\nbreak")] Line,
        }

        public partial class Tools
        {
            private readonly MultiMailClient _client;
            public Tools(MultiMailClient client) => _client = client;

            /// <summary>Says "hi" \ to {everyone} */ <![CDATA[ <b>x</b> ]]> &amp; ☃ 😀</summary>
            /// <param name="id">The id.</param>
            /// <param name="text">Text with "quotes" and \backslashes\.</param>
            /// <param name="weird">Odd enum.</param>
            [MultiMailTool("POST", "/v1/weird/{id}", Description = "Tab\there \"quoted\" \u2028 separator \\ end")]
            public partial Task<string> Post(string id, string text = "default \"quoted\" \\ \n newline", Weird weird = Weird.Line);

            /// <summary>A summary with <see cref="Weird"/>, <see langword="null"/>, <paramref name="text"/>, <c>code</c>.
            /// <para>Second paragraph.</para></summary>
            [MultiMailTool("GET", "/v1/weird")]
            public partial Task<string> Get([Description("Described \"parameter\"")] string? text = null);
        }
        """;

    private sealed class Echo : HttpMessageHandler
    {
        public string? LastBody;
        public Uri? LastUri;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            LastUri = request.RequestUri;
            LastBody = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"ok\":true}", Encoding.UTF8, "application/json") };
        }
    }

    [Theory]
    [InlineData(DocumentationMode.None)]
    [InlineData(DocumentationMode.Parse)]
    [InlineData(DocumentationMode.Diagnose)]
    public async Task Hostile_strings_compile_and_round_trip(DocumentationMode mode)
    {
        var compilation = await TestCompiler.CreateAsync(new[] { HostileTools }, mode);
        var (output, diagnostics, _) = TestCompiler.Generate(compilation);
        Assert.Empty(diagnostics);
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));

        var assembly = await TestCompiler.BuildAsync(HostileTools);
        var handler = new Echo();
        using var client = new MultiMailClient(new MultiMailClientOptions { ApiKey = "mm_test_x", BaseAddress = new Uri("https://api.test/") }, new HttpClient(handler));
        var tools = (IMultiMailToolSet)Activator.CreateInstance(assembly.GetType("Hostile.Tools")!, client)!;

        var post = tools.Tools[0];
        Assert.Equal("Tab here \"quoted\" separator \\ end", post.Description);
        using (var schema = JsonDocument.Parse(post.ParametersJsonSchema))
        {
            var properties = schema.RootElement.GetProperty("properties");
            Assert.Equal("Text with \"quotes\" and \\backslashes\\.", properties.GetProperty("text").GetProperty("description").GetString());
            Assert.Equal("default \"quoted\" \\ \n newline", properties.GetProperty("text").GetProperty("default").GetString());
            Assert.Equal(new[] { "a\"b\\c", "line\nbreak" }, properties.GetProperty("weird").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal("line\nbreak", properties.GetProperty("weird").GetProperty("default").GetString());
        }

        JsonDocument.Parse(post.StrictParametersJsonSchema).Dispose();
        JsonDocument.Parse(post.ToOpenAIToolJson(strict: true)).Dispose();
        JsonDocument.Parse(post.ToAnthropicToolJson()).Dispose();

        var get = tools.Tools[1];
        Assert.Equal("A summary with Weird, null, text, code. Second paragraph.", get.Description);

        await tools.InvokeAsync("post", """{"id":"x1","weird":"a\"b\\c"}""");
        using (var body = JsonDocument.Parse(handler.LastBody!))
        {
            Assert.Equal("default \"quoted\" \\ \n newline", body.RootElement.GetProperty("text").GetString());
            Assert.Equal("a\"b\\c", body.RootElement.GetProperty("weird").GetString());
        }

        await tools.InvokeAsync("get", """{"text":"a b&c=d"}""");
        Assert.Equal("/v1/weird?text=a%20b%26c%3Dd", handler.LastUri!.PathAndQuery);
    }

    [Fact]
    public async Task Generated_code_compiles_for_csharp_9_without_nullable()
    {
        var source = File.ReadAllText(RepositoryFiles.Path("tests", "MultiMail.Generators.Tests", "Baselines", "QuickStart.input.cs.txt"))
            .Replace("namespace Demo;", "namespace Demo {").Replace("string?", "string") + "\n}";
        var compilation = await TestCompiler.CreateAsync(new[] { source }, version: Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp9, nullable: false);
        var (output, diagnostics, _) = TestCompiler.Generate(compilation);
        Assert.Empty(diagnostics);
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}

public sealed class DataAnnotationTests
{
    private const string Source = """
        using System.ComponentModel.DataAnnotations;
        using System.Threading.Tasks;
        using MultiMail;

        namespace Annotated;

        public partial class Tools
        {
            private readonly MultiMailClient _client;
            public Tools(MultiMailClient client) => _client = client;

            /// <summary>Register.</summary>
            [MultiMailTool("POST", "/v1/register")]
            public partial Task<string> Register(
                [StringLength(10, MinimumLength = 2)] string code,
                [RegularExpression("^[A-Z]{3}$")] string currency,
                [Range(0.5, 2.5)] double ratio,
                [MinLength(1)][MaxLength(3)] string[] tags,
                [EmailAddress] string[] notify,
                [Url] string homepage);
        }
        """;

    [Fact]
    public async Task Annotations_become_schema_keywords_and_are_enforced()
    {
        var assembly = await Infrastructure.TestCompiler.BuildAsync(Source);
        using var client = new MultiMailClient(new MultiMailClientOptions { ApiKey = "mm_test_x", BaseAddress = new System.Uri("http://127.0.0.1:9/") });
        var tools = (IMultiMailToolSet)System.Activator.CreateInstance(assembly.GetType("Annotated.Tools")!, client)!;

        using var schema = System.Text.Json.JsonDocument.Parse(tools.Tools[0].ParametersJsonSchema);
        var p = schema.RootElement.GetProperty("properties");
        Assert.Equal(2, p.GetProperty("code").GetProperty("minLength").GetInt32());
        Assert.Equal(10, p.GetProperty("code").GetProperty("maxLength").GetInt32());
        Assert.Equal("^[A-Z]{3}$", p.GetProperty("currency").GetProperty("pattern").GetString());
        Assert.Equal(0.5, p.GetProperty("ratio").GetProperty("minimum").GetDouble());
        Assert.Equal(2.5, p.GetProperty("ratio").GetProperty("maximum").GetDouble());
        Assert.Equal(1, p.GetProperty("tags").GetProperty("minItems").GetInt32());
        Assert.Equal(3, p.GetProperty("tags").GetProperty("maxItems").GetInt32());
        Assert.Equal("email", p.GetProperty("notify").GetProperty("items").GetProperty("format").GetString());
        Assert.Equal("uri", p.GetProperty("homepage").GetProperty("format").GetString());

        var text = await tools.InvokeAsync("register", """{"code":"x","currency":"euro","ratio":3,"tags":[],"notify":["bad"],"homepage":"https://example.com"}""");
        Assert.Equal(
            "Invalid arguments for register: 'code' must be at least 2 characters (got 1); 'currency' must match the pattern ^[A-Z]{3}$; "
            + "'ratio' must be between 0.5 and 2.5 (got 3); 'tags' must have at least 1 item (got 0); 'notify[0]' must be an email address like name@example.com (got \"bad\"). "
            + "Fix the arguments and call register again.",
            text);
    }
}
