using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using MultiMail.Generators.Analysis;
using MultiMail.Generators.Tests.Infrastructure;

namespace MultiMail.Generators.Tests.Analysis;

/// <summary>MMG2001: which literals hold a MultiMail API key, where it is reported, and how it is configured.</summary>
public sealed class HardCodedKeyAnalyzerTests
{
    // Made-up keys, split so that this file itself holds no literal that looks like a key.
    private const string Live = "mm_" + "live_";
    private const string Test = "mm_" + "test_";

    [Fact]
    public Task Regular_literal() => VerifyAsync($$"""
        class C { string Key = {|#0:"{{Live}}AbC123xyz_-9"|}; }
        """, Expected(0, Live));

    [Fact]
    public Task Test_key() => VerifyAsync($$"""
        class C { string Key = {|#0:"{{Test}}0123456789"|}; }
        """, Expected(0, Test));

    [Fact]
    public Task Verbatim_literal() => VerifyAsync($$"""
        class C { string Key = {|#0:@"{{Live}}abcdefgh"|}; }
        """, Expected(0, Live));

    [Fact]
    public Task Raw_literals() => VerifyAsync($$""""
        class C
        {
            string A = {|#0:"""{{Live}}abcdefgh"""|};
            string B = {|#1:"""
                header: Bearer {{Test}}abcdefgh
                """|};
        }
        """", Expected(0, Live), Expected(1, Test));

    [Fact]
    public Task Utf8_literal() => VerifyAsync($$"""
        class C { System.ReadOnlySpan<byte> Key() => {|#0:"{{Live}}abcdefgh"u8|}; }
        """, Expected(0, Live));

    [Fact]
    public Task Interpolated_text_part_is_reported_not_the_whole_string() => VerifyAsync($$"""
        class C { string Header(int x) => $"{x}{|#0:Bearer {{Live}}abcdefgh|}{x}"; }
        """, Expected(0, Live));

    [Fact]
    public Task Raw_interpolated_text_part() => VerifyAsync($$""""
        class C { string Header(int x) => $"""{x}{|#0: Authorization: Bearer {{Live}}abcdefgh|}"""; }
        """", Expected(0, Live));

    [Fact]
    public Task Key_inside_a_header_value() => VerifyAsync($$"""
        class C
        {
            System.Collections.Generic.Dictionary<string, string> Headers = new() { ["Authorization"] = {|#0:"Bearer {{Live}}your_api_key"|} };
        }
        """, Expected(0, Live));

    [Fact]
    public Task Escaped_key_characters_are_seen_through() => VerifyAsync($$"""
        class C { string Key = {|#0:"{{Live}}\u0061bcdefgh"|}; }
        """, Expected(0, Live));

    [Fact]
    public Task Key_in_attribute_argument_and_switch_label() => VerifyAsync($$"""
        [System.Obsolete({|#0:"{{Live}}abcdefgh"|})]
        class C
        {
            const string Key = {|#1:"{{Test}}abcdefgh"|};
            int M(string s) => s switch { {|#2:"{{Live}}zzzzzzzz"|} => 1, _ => 0 };
        }
        """, Expected(0, Live), Expected(1, Test), Expected(2, Live));

    [Fact]
    public async Task Top_level_statements()
    {
        var test = new Verifier { TestCode = "var key = {|#0:\"" + Live + "abcdefgh\"|};\nSystem.Console.WriteLine(key);\n" };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.ExpectedDiagnostics.Add(Expected(0, Live));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task One_diagnostic_per_literal_even_with_two_keys() => VerifyAsync($$"""
        class C { string Keys = {|#0:"{{Live}}abcdefgh {{Test}}abcdefgh"|}; }
        """, Expected(0, Live));

    [Theory]
    [InlineData("\"" + Live + "\"")]
    [InlineData("\"" + Test + "\"")]
    [InlineData("\"keys start with " + Live + " or " + Test + "\"")]
    [InlineData("\"keys look like " + Live + "… or " + Live + "xxx\"")]
    [InlineData("\"" + Live + "abcdefg\"")]
    [InlineData("\"x" + Live + "abcdefgh\"")]
    [InlineData("\"1" + Live + "abcdefgh\"")]
    [InlineData("\"_" + Live + "abcdefgh\"")]
    [InlineData("\"MM_LIVE_ABCDEFGH\"")]
    [InlineData("\"mm_prod_abcdefgh\"")]
    [InlineData("\"mm-live-abcdefgh\"")]
    [InlineData("\"MULTIMAIL_API_KEY\"")]
    [InlineData("\"" + Live + "\" + \"abcdefgh\"")]
    [InlineData("$\"" + Live + "{1}abcdefgh\"")]
    public Task Not_keys(string expression) => VerifyAsync("class C { object Value = " + expression + "; }");

    [Fact]
    public Task Comments_and_identifiers_are_not_literals() => VerifyAsync($$"""
        // {{Live}}abcdefgh
        /// <summary>Uses {{Live}}abcdefgh.</summary>
        class C { int {{Live}}abcdefgh = 1; char c = 'm'; }
        """);

    [Fact]
    public Task Key_after_punctuation_is_reported() => VerifyAsync($$"""
        class C { string A = {|#0:"key={{Live}}abcdefgh;"|}; string B = {|#1:"'{{Test}}abcdefgh'"|}; }
        """, Expected(0, Live), Expected(1, Test));

    [Fact]
    public async Task Pragma_suppresses()
    {
        var test = new Verifier
        {
            TestCode = $$"""
        class C
        {
        #pragma warning disable MMG2001
            string A = "{{Live}}abcdefgh";
        #pragma warning restore MMG2001
            string B = {|#0:"{{Live}}abcdefgh"|};
        }
        """,
            // The framework's own check wraps the whole file in '#pragma warning disable', which the restore above undoes.
            TestBehaviors = TestBehaviors.SkipSuppressionCheck,
        };
        test.ExpectedDiagnostics.Add(Expected(0, Live));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Editorconfig_severity_none_turns_it_off()
    {
        var test = new Verifier { TestCode = "class C { string Key = \"" + Live + "abcdefgh\"; }" };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\ndotnet_diagnostic.MMG2001.severity = none\n"));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Generated_code_is_not_reported()
    {
        var test = new Verifier();
        test.TestState.Sources.Add(("/0/Keys.g.cs", "class G { string Key = \"" + Live + "abcdefgh\"; }"));
        test.TestState.Sources.Add(("/0/Other.cs", "// <auto-generated/>\nclass H { string Key = \"" + Live + "abcdefgh\"; }"));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Message_names_the_prefix_and_never_the_key()
    {
        const string secret = "Zq9SecretPart7";
        var diagnostics = await AnalyzeAsync("class C { string Key = \"Bearer " + Live + secret + "\"; string K2 = $\"{1}" + Test + secret + "\"; }");
        Assert.Equal(2, diagnostics.Length);
        foreach (var diagnostic in diagnostics)
        {
            Assert.Equal("MMG2001", diagnostic.Id);
            Assert.Equal(DiagnosticSeverity.Warning, diagnostic.DefaultSeverity);
            var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
            Assert.DoesNotContain(secret, message, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, diagnostic.ToString(), StringComparison.Ordinal);
            Assert.Contains("MULTIMAIL_API_KEY", message, StringComparison.Ordinal);
        }

        Assert.Contains("'" + Live + "…'", diagnostics[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Contains("'" + Test + "…'", diagnostics[1].GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(diagnostics[0].Properties);
    }

    [Fact]
    public void Pattern_reports_position_and_prefix()
    {
        Assert.True(ApiKeyPattern.TryFind("Bearer " + Live + "abc-DEF_123 rest", out var start, out var length, out var prefix));
        Assert.Equal(7, start);
        Assert.Equal(Live.Length + 11, length);
        Assert.Equal(Live, prefix);
        Assert.True(ApiKeyPattern.TryFind("x" + Live + "abcdefgh " + Test + "abcdefgh", out start, out _, out prefix));
        Assert.Equal(Test, prefix);
        Assert.Equal(Live.Length + 10, start);
        Assert.False(ApiKeyPattern.TryFind(null, out _, out _, out _));
        Assert.False(ApiKeyPattern.TryFind("", out _, out _, out _));
        Assert.False(ApiKeyPattern.TryFind("mm_", out _, out _, out _));
        Assert.False(ApiKeyPattern.TryFind(Live + "abcdefg", out _, out _, out _));
        Assert.True(ApiKeyPattern.TryFind(Live + "abcdefgh", out _, out _, out _));
    }

    [Fact]
    public async Task Truncated_and_damaged_sources_never_throw()
    {
        var source = File.ReadAllText(RepositoryFiles.Path("tests", "MultiMail.Generators.Tests", "Baselines", "QuickStart.input.cs.txt"))
            + "\nclass Keys\n{\n    string A = \"Bearer " + Live + "abcdefgh\";\n    string B = @\"" + Test + "abcdefgh\";\n"
            + "    string C = \"\"\"\n        " + Live + "abcdefgh\n        \"\"\";\n    string D(int x) => $\"Bearer " + Live + "abcdefgh{x}\";\n"
            + "    System.ReadOnlySpan<byte> E => \"" + Live + "abcdefgh\"u8;\n    string F(int x) => $$\"\"\"{{x}}" + Live + "abcdefgh\"\"\";\n}\n";
        var variants = new List<string>();
        for (var length = 0; length <= source.Length; length += 7)
        {
            variants.Add(source.Substring(0, Math.Min(length, source.Length)));
        }

        var lines = source.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            variants.Add(string.Join('\n', lines.Where((_, index) => index != i)));
        }

        var failures = new List<string>();
        var reported = 0;
        foreach (var variant in variants)
        {
            var compilation = await TestCompiler.CreateAsync(new[] { variant });
            var exceptions = new List<Exception>();
            var withAnalyzers = compilation.WithAnalyzers(
                ImmutableArray.Create<DiagnosticAnalyzer>(new HardCodedKeyAnalyzer()),
                new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), (e, _, _) => exceptions.Add(e), false, false, false));
            var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
            reported += diagnostics.Count(d => d.Id == "MMG2001");
            if (exceptions.Count > 0 || diagnostics.Any(d => d.Id == "AD0001"))
            {
                failures.Add(string.Join(", ", exceptions.Select(e => e.GetType().Name)) + " at length " + variant.Length);
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(5)));
        // The analyzer really ran: the complete source alone has six keys.
        Assert.True(reported >= 6, "only " + reported + " diagnostics");
    }

    private static DiagnosticResult Expected(int location, string prefix) =>
        new DiagnosticResult(DiagnosticIds.HardCodedApiKey, DiagnosticSeverity.Warning).WithLocation(location).WithArguments(prefix);

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new Verifier { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string source)
    {
        var compilation = await TestCompiler.CreateAsync(new[] { source });
        var withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new HardCodedKeyAnalyzer()));
        return (await withAnalyzers.GetAnalyzerDiagnosticsAsync()).OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
    }

    /// <summary>The shared analyzer test; the compiler's own errors are checked too.</summary>
    private sealed class Verifier : AnalyzerVerifier.Test<HardCodedKeyAnalyzer>
    {
    }
}
