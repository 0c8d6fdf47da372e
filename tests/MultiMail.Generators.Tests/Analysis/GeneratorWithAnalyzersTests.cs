using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MultiMail.Generators.Tests.Analysis;

/// <summary>
/// The authoring rules with the generator running, as in a build (<see cref="BuildLike"/>): warnings on tools the
/// generator wrote are reported (its [GeneratedCode] implementation part must not hide the user's declaration), the
/// errors of refused tools come from the generator next to the compiler's CS8795, and every diagnostic appears once.
/// </summary>
public sealed class GeneratorWithAnalyzersTests
{
    private const string Client = "private readonly MultiMailClient _client = null!;";

    [Fact]
    public async Task A_tool_without_a_description_is_MMG0013_even_though_the_generator_wrote_its_body()
    {
        var result = await BuildLike.RunAsync(new[]
        {
            $$"""
            public partial class Tools
            {
                {{Client}}
                [MultiMailTool("GET", "/v1/items")] public partial Task<string> GetItems();
                /// <summary>Send.</summary>
                [MultiMailTool] public partial Task<string> SendEmail(string[] to, string markdown, string? subject = null);
            }
            """,
        });

        Assert.True(result.GeneratedBody("Tools"));
        Assert.DoesNotContain(result.Compiler, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(
            new[] { "MMG0013 Warning Test0.cs(5,69)", "MMG0017 Warning Test0.cs(7,97)" },
            result.Analyzers.Select(BuildLike.Describe).Select(d => d.Substring(0, d.IndexOf(':', StringComparison.Ordinal))).OrderBy(d => d, StringComparer.Ordinal));
        Assert.Empty(result.Generator);
    }

    /// <summary>Found by the generator fuzzer (seed 9V6G99Yx-dw4): a route field declared as the CancellationToken.</summary>
    [Fact]
    public async Task A_route_field_declared_as_a_cancellation_token_is_reported_not_a_bare_CS8795()
    {
        var result = await BuildLike.RunAsync(new[]
        {
            $$"""
            public partial class Tools
            {
                {{Client}}
                /// <summary>Delete a tag.</summary>
                [MultiMailTool] public partial Task<string> DeleteTag(string emailId, CancellationToken key, string? mailboxId = null);
            }
            """,
        });

        // The required route field 'key' is missing (MMG0008): the CancellationToken named key is not it.
        Assert.Contains(result.Generator.Concat(result.Analyzers), d => d.Id == "MMG0008" && d.Severity == DiagnosticSeverity.Error && d.GetMessage().Contains("'key'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refused_parameter_type_is_MMG0005_from_the_generator_next_to_CS8795()
    {
        var result = await BuildLike.RunAsync(new[]
        {
            $$"""
            public sealed record Node(string Name, Node? Next);
            public partial class Tools
            {
                {{Client}}
                /// <summary>Uses a node.</summary>
                [MultiMailTool("POST", "/v1/things")] public partial Task<string> UseNode(Node node);
            }
            """,
        });

        var refusal = Assert.Single(result.Generator);
        Assert.Equal("MMG0005", refusal.Id);
        Assert.Equal(DiagnosticSeverity.Error, refusal.Severity);
        Assert.Equal("node", refusal.Location.SourceTree!.ToString().Substring(refusal.Location.SourceSpan.Start, refusal.Location.SourceSpan.Length));
        Assert.Contains("refers to itself", refusal.GetMessage(), StringComparison.Ordinal);
        Assert.Contains(result.Compiler, d => d.Id == "CS8795");
        // The analyzers leave it to the generator: one MMG0005, not two.
        Assert.DoesNotContain(result.Analyzers, d => d.Id == "MMG0005");
        Assert.Contains(result.Output.SyntaxTrees, t => t.FilePath.EndsWith("MultiMail.Generators.Refused.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_the_generator_the_analyzer_reports_the_refusal_itself()
    {
        var result = await BuildLike.RunAsync(
            new[]
            {
                $$"""
                public sealed record Node(string Name, Node? Next);
                public partial class Tools
                {
                    {{Client}}
                    /// <summary>Uses a node.</summary>
                    [MultiMailTool("POST", "/v1/things")] public partial Task<string> UseNode(Node node);
                }
                """,
            },
            runGenerator: false);

        Assert.Equal("MMG0005", Assert.Single(result.Analyzers).Id);
    }

    [Fact]
    public async Task A_method_broken_after_the_last_generator_run_is_reported_by_the_analyzer()
    {
        // The IDE's "balanced" mode runs generators on save: the marker lists what was refused then, not a method
        // broken since. The analyzer reports that one (live), and still leaves the listed ones to the generator.
        var first = await BuildLike.RunAsync(new[]
        {
            $$"""
            public sealed record Node(string Name, Node? Next);
            public partial class Tools
            {
                {{Client}}
                /// <summary>Uses a node.</summary>
                [MultiMailTool("POST", "/v1/things")] public partial Task<string> UseNode(Node node);
            }
            """,
        });
        var marker = first.Output.SyntaxTrees.Single(t => t.FilePath.EndsWith("MultiMail.Generators.Refused.g.cs", StringComparison.Ordinal));
        var later = first.Input.AddSyntaxTrees(
            marker,
            Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(BuildLike.Usings + $$"""
                public partial class More
                {
                    {{Client}}
                    /// <summary>Uses an object.</summary>
                    [MultiMailTool("POST", "/v1/more")] public partial Task<string> UseObject(object value);
                }
                """, (Microsoft.CodeAnalysis.CSharp.CSharpParseOptions)first.Input.SyntaxTrees.First().Options, "/src/More.cs"));
        var diagnostics = await later.WithAnalyzers(BuildLike.Analyzers).GetAnalyzerDiagnosticsAsync();

        Assert.Equal("MMG0005 Error More.cs(6,86)", Assert.Single(diagnostics.Select(BuildLike.Describe)).Split(':')[0]);
    }

    [Fact]
    public async Task Pragma_and_editorconfig_still_silence_the_warnings()
    {
        var result = await BuildLike.RunAsync(
            new[]
            {
                $$"""
                public partial class Tools
                {
                    {{Client}}
                #pragma warning disable MMG0013 // described by the system prompt
                    [MultiMailTool("GET", "/v1/items")] public partial Task<string> GetItems();
                #pragma warning restore MMG0013
                    [MultiMailTool("GET", "/v1/others")] public partial Task<string> GetOthers();
                    /// <summary>Send.</summary>
                    [MultiMailTool] public partial Task<string> SendEmail(string[] to, string markdown, string? subject = null);
                }
                """,
            },
            editorConfig: "dotnet_diagnostic.MMG0017.severity = none");

        Assert.Equal("MMG0013 Warning Test0.cs(8,70)", Assert.Single(result.Mmg.Select(BuildLike.Describe)).Split(':')[0]);
    }

    [Fact]
    public async Task Editorconfig_severity_applies_to_the_errors_the_generator_reports()
    {
        var result = await BuildLike.RunAsync(
            new[]
            {
                $$"""
                public partial class Tools
                {
                    {{Client}}
                    /// <summary>Uses an object.</summary>
                    [MultiMailTool("POST", "/v1/things")] public partial Task<string> Use(object value);
                }
                """,
            },
            editorConfig: "dotnet_diagnostic.MMG0005.severity = warning");

        Assert.Equal(DiagnosticSeverity.Warning, Assert.Single(result.Generator).Severity);
        // Nothing is hidden: the method still has no body, and the compiler says so.
        Assert.Contains(result.Compiler, d => d.Id == "CS8795" && d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public async Task Tools_in_a_file_the_user_marked_as_generated_are_not_analysed()
    {
        var result = await BuildLike.RunAsync(
            new[]
            {
                $$"""
                public partial class Tools
                {
                    {{Client}}
                    [MultiMailTool("GET", "/v1/items")] public partial Task<string> GetItems();
                }
                """,
                "// <auto-generated/>\n" + $$"""
                public partial class Imported
                {
                    {{Client}}
                    [MultiMailTool("GET", "/v1/imported")] public partial Task<string> GetImported();
                }
                """,
            },
            addUsings: true,
            paths: new[] { "/src/Tools.cs", "/src/Imported.Designer.cs" });

        Assert.Equal("MMG0013 Warning Tools.cs(5,69)", Assert.Single(result.Mmg.Select(BuildLike.Describe)).Split(':')[0]);
    }

    [Fact]
    public async Task An_implementation_part_the_user_wrote_is_still_MMG0015()
    {
        var result = await BuildLike.RunAsync(new[]
        {
            $$"""
            public partial class Tools
            {
                {{Client}}
                /// <summary>Items.</summary>
                [MultiMailTool("GET", "/v1/items")] public partial Task<string> GetItems();
                public partial Task<string> GetItems() => Task.FromResult("");
            }
            """,
        });

        Assert.Equal(new[] { "MMG0015" }, result.Mmg.Select(d => d.Id));
        Assert.Contains("already has a body", result.Mmg.Single().GetMessage(), StringComparison.Ordinal);
    }

    /// <summary>One source per authoring rule (and valid tools), without markup.</summary>
    public static TheoryData<string, string> Rules() => new()
    {
        { "valid", $$"""
            public partial class Tools
            {
                {{Client}}
                /// <summary>Send.</summary>
                [MultiMailTool] public partial Task<string> SendEmail(string[] to, string subject, string markdown, string? mailboxId = null, CancellationToken cancellationToken = default);
            }
            public static partial class StaticTools
            {
                /// <summary>Account.</summary>
                [MultiMailTool] public static partial Task<string> GetAccount(MultiMailClient client);
            }
            """ },
        { "MMG0001 method", $$"""
            public partial class Tools
            {
                {{Client}}
                /// <summary>Inbox.</summary>
                [MultiMailTool] public Task<string> CheckInbox();
            }
            """ },
        { "MMG0001 types", $$"""
            public class Outer
            {
                public class Tools
                {
                    {{Client}}
                    /// <summary>Inbox.</summary>
                    [MultiMailTool] public partial Task<string> CheckInbox();
                    /// <summary>Mailboxes.</summary>
                    [MultiMailTool] public partial Task<string> ListMailboxes();
                }
            }
            """ },
        { "MMG0002", """
            public partial class Tools
            {
                /// <summary>Inbox.</summary>
                [MultiMailTool] public partial Task<string> CheckInbox();
            }
            """ },
        { "MMG0003", """
            public partial class Tools
            {
                private readonly MultiMailClient _a = null!;
                public MultiMailClient B { get; } = null!;
                /// <summary>Inbox.</summary>
                [MultiMailTool] public partial Task<string> CheckInbox();
            }
            """ },
        { "MMG0004", $$"""
            public partial class Tools
            {
                {{Client}}
                /// <summary>Inbox.</summary>
                [MultiMailTool] public partial string CheckInbox();
                /// <summary>Void, and no access modifier: no compiler error at all.</summary>
                [MultiMailTool("POST", "/v1/ping")] partial void Ping();
            }
            """ },
        { "MMG0005", $$"""
            public sealed class Node { public Node? Next { get; set; } }
            public partial class Tools
            {
                {{Client}}
                /// <summary>Post.</summary>
                [MultiMailTool("POST", "/v1/x")] public partial Task<string> Post(object value, Node node);
            }
            """ },
        { "MMG0006", $$"""
            public partial class Tools
            {
                {{Client}}
                /// <summary>Item.</summary>
                [MultiMailTool("GET", "/v1/items/{item_id}")] public partial Task<string> GetItem(string id);
            }
            """ },
        { "MMG0007 and MMG0013", $$"""
            public partial class Tools
            {
                {{Client}}
                [MultiMailTool] public partial Task<string> ForwardEmail(string emailId);
            }
            """ },
        { "MMG0008 and MMG0009", $$"""
            public partial class Tools
            {
                {{Client}}
                /// <summary>Send.</summary>
                [MultiMailTool] public partial Task<string> SendEmail(string[] to, string body);
            }
            """ },
        { "MMG0010", $$"""
            public partial class Tools
            {
                {{Client}}
                /// <summary>Inbox.</summary>
                [MultiMailTool] public partial Task<string> CheckInbox(string limit);
            }
            """ },
        { "MMG0011", $$"""
            public partial class Tools
            {
                {{Client}}
                /// <summary>Item.</summary>
                [MultiMailTool("GET", "/v1/items", Name = "get item!")] public partial Task<string> GetItems();
            }
            """ },
        { "MMG0012", $$"""
            public partial class Tools
            {
                {{Client}}
                /// <summary>Inbox.</summary>
                [MultiMailTool] public partial Task<string> CheckInbox();
                /// <summary>Inbox again.</summary>
                [MultiMailTool(Name = "check_inbox")] public partial Task<string> Inbox();
            }
            """ },
        { "MMG0014", $$"""
            public partial class Tools
            {
                {{Client}}
                /// <summary>A.</summary>
                [MultiMailTool("FETCH", "/v1/items")] public partial Task<string> A();
                /// <summary>B.</summary>
                [MultiMailTool("GET", "/v1/../admin")] public partial Task<string> B();
            }
            """ },
        { "MMG0015", $$"""
            public partial class Tools
            {
                {{Client}}
                /// <summary>A.</summary>
                [MultiMailTool("GET", "/v1/a")] public partial Task<string> A<T>();
                /// <summary>B.</summary>
                [MultiMailTool("GET", "/v1/b")] public Task<string> B() => Task.FromResult("");
            }
            public partial interface IMailer
            {
                /// <summary>C.</summary>
                [MultiMailTool("GET", "/v1/c")] Task<string> C();
            }
            """ },
        { "MMG0016", $$"""
            public partial class Tools
            {
                {{Client}}
                /// <summary>A.</summary>
                [MultiMailTool("GET", "/v1/a")] public partial Task<string> A([MultiMailBound] string x);
            }
            """ },
        { "MMG0017", $$"""
            public partial class Tools
            {
                {{Client}}
                /// <summary>Send.</summary>
                [MultiMailTool] public partial Task<string> SendEmail(string[] to, string markdown, string? subject = null);
            }
            """ },
        { "MMG0018", $$"""
            public partial class Tools
            {
                {{Client}}
                /// <summary>A.</summary>
                [MultiMailTool("POST", "/v1/a")] public partial Task<string> A(string itemId, [MultiMailParameter("item_id")] string other);
            }
            """ },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task With_the_generator_every_authoring_diagnostic_is_reported_once(string rule, string source)
    {
        var alone = await BuildLike.RunAsync(new[] { source }, runGenerator: false);
        var build = await BuildLike.RunAsync(new[] { source });

        var expected = alone.Mmg.Select(BuildLike.Describe).OrderBy(d => d, StringComparer.Ordinal).ToList();
        var actual = build.Mmg.Select(BuildLike.Describe).OrderBy(d => d, StringComparer.Ordinal).ToList();
        Assert.Equal(expected, actual);
        Assert.Equal(rule == "valid", expected.Count == 0);
        Assert.Empty(build.Exceptions);
        Assert.DoesNotContain(build.Generator, d => d.Id is "CS8785");
        Assert.DoesNotContain(build.Analyzers, d => d.Id is "AD0001");
    }
}
