using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using MultiMail.CodeFixes;
using MultiMail.Generators.Analysis;
using Verifier = MultiMail.Generators.Tests.CodeFixes.CodeFixVerifier<MultiMail.Generators.Analysis.HardCodedKeyAnalyzer, MultiMail.CodeFixes.HardCodedKeyCodeFixProvider>;

namespace MultiMail.Generators.Tests.CodeFixes;

/// <summary>MMG2001's code fix: the key is read from MULTIMAIL_API_KEY, and the code stays free of new warnings.</summary>
public sealed class HardCodedKeyCodeFixTests
{
    // Made-up keys, split so that this file itself holds no literal that looks like a key.
    private const string Live = "mm_" + "live_";
    private const string Test = "mm_" + "test_";
    private const string Read = "Environment.GetEnvironmentVariable(\"MULTIMAIL_API_KEY\")";
    private const string OrThrow = " ?? throw new InvalidOperationException(\"Set the MULTIMAIL_API_KEY environment variable.\")";
    private const string Env = HardCodedKeyCodeFixProvider.EnvironmentEquivalenceKey;
    private const string Remove = HardCodedKeyCodeFixProvider.RemoveAssignmentEquivalenceKey;

    [Fact]
    public Task Non_nullable_field_gets_a_throw() => VerifyAsync(
        $$"""public class C { public string Key = {|MMG2001:"{{Live}}abcdefgh"|}; }""",
        $$"""public class C { public string Key = {{Read}}{{OrThrow}}; }""");

    [Fact]
    public Task Nullable_field_gets_the_plain_read() => VerifyAsync(
        $$"""public class C { public string? Key = {|MMG2001:"{{Test}}abcdefgh"|}; }""",
        $$"""public class C { public string? Key = {{Read}}; }""");

    [Fact]
    public Task Nullable_disabled_gets_the_plain_read() => VerifyAsync(
        $$"""
        #nullable disable
        public class C { public string Key = {|MMG2001:"{{Live}}abcdefgh"|}; }
        """,
        $$"""
        #nullable disable
        public class C { public string Key = {{Read}}; }
        """);

    [Fact]
    public Task Var_local_dereferenced_later_gets_a_throw() => VerifyAsync(
        $$"""
        public class C
        {
            public int M()
            {
                var key = {|MMG2001:"{{Live}}abcdefgh"|};
                return key.Length;
            }
        }
        """,
        $$"""
        public class C
        {
            public int M()
            {
                var key = {{Read}}{{OrThrow}};
                return key.Length;
            }
        }
        """);

    [Fact]
    public Task Var_local_passed_where_null_is_fine_gets_the_plain_read() => VerifyAsync(
        $$"""
        public class C
        {
            public void M()
            {
                var key = {|MMG2001:"{{Live}}abcdefgh"|};
                Console.WriteLine(key);
            }
        }
        """,
        $$"""
        public class C
        {
            public void M()
            {
                var key = {{Read}};
                Console.WriteLine(key);
            }
        }
        """);

    [Fact]
    public Task Non_nullable_parameter_gets_a_throw() => VerifyAsync(
        $$"""
        public class C
        {
            public static void Use(string key) { }
            public void M() => Use({|MMG2001:"{{Live}}abcdefgh"|});
        }
        """,
        $$"""
        public class C
        {
            public static void Use(string key) { }
            public void M() => Use({{Read}}{{OrThrow}});
        }
        """);

    [Fact]
    public Task Verbatim_and_raw_literals() => VerifyAsync(
        $$""""
        public class C
        {
            public string? A = {|MMG2001:@"{{Live}}abcdefgh"|};
            public string? B = {|MMG2001:"""{{Live}}abcdefgh"""|};
        }
        """",
        $$"""
        public class C
        {
            public string? A = {{Read}};
            public string? B = {{Read}};
        }
        """);

    [Fact]
    public Task Bearer_header_becomes_an_interpolated_string() => VerifyAsync(
        $$"""public class C { public string Header = {|MMG2001:"Bearer {{Live}}your_api_key"|}; }""",
        $$"""public class C { public string Header = $"Bearer {{{Read}}}"; }""");

    [Fact]
    public Task Text_around_the_key_keeps_escapes_and_braces() => VerifyAsync(
        "public class C { public string Text = {|MMG2001:@\"{\"\"key\"\": \"\"" + Live + "abcdefgh\"\"}\\n\"|}; }",
        "public class C { public string Text = $\"{{\\\"key\\\": \\\"{" + Read + "}\\\"}}\\\\n\"; }");

    [Fact]
    public Task Multi_line_raw_literal_with_text_around_the_key() => VerifyAsync(
        $$""""
        public class C
        {
            public string Text = {|MMG2001:"""
                Authorization: Bearer {{Live}}abcdefgh
                Accept: */*
                """|};
        }
        """",
        $$"""
        public class C
        {
            public string Text = $"Authorization: Bearer {{{Read}}}\nAccept: */*";
        }
        """);

    [Fact]
    public Task Interpolated_string_keeps_its_holes_and_escapes() => VerifyAsync(
        "public class C { public string M(int x) => $\"{x}{|MMG2001:\\tBearer {{x}} " + Live + "abcdefgh |}{x}\"; }",
        "public class C { public string M(int x) => $\"{x}\\tBearer {{x}} {" + Read + "} {x}\"; }");

    [Fact]
    public Task Verbatim_interpolated_string() => VerifyAsync(
        "public class C { public string M(int x) => $@\"{x}{|MMG2001:\"\"Bearer " + Live + "abcdefgh\"\"|}\"; }",
        "public class C { public string M(int x) => $@\"{x}\"\"Bearer {" + Read + "}\"\"\"; }");

    [Fact]
    public Task Raw_interpolated_string() => VerifyAsync(
        $$""""public class C { public string M(int x) => $"""{x}{|MMG2001: Bearer {{Test}}abcdefgh|}"""; }"""",
        $$""""public class C { public string M(int x) => $"""{x} Bearer {{{Read}}}"""; }"""");

    [Fact]
    public Task Utf8_literal_becomes_encoded_bytes() => VerifyAsync(
        $$"""public class C { public ReadOnlySpan<byte> Key() => {|MMG2001:"{{Live}}abcdefgh"u8|}; }""",
        $$"""public class C { public ReadOnlySpan<byte> Key() => System.Text.Encoding.UTF8.GetBytes({{Read}}{{OrThrow}}); }""");

    [Fact]
    public Task Top_level_statement()
    {
        var test = new Verifier.Test
        {
            TestCode = Verifier.Usings + "var key = {|MMG2001:\"" + Live + "abcdefgh\"|};\nConsole.WriteLine(key.Trim());\n",
            FixedCode = Verifier.Usings + "var key = " + Read + OrThrow + ";\nConsole.WriteLine(key.Trim());\n",
            CodeActionEquivalenceKey = Env,
            CompilerDiagnostics = CompilerDiagnostics.Warnings,
        };
        test.DisabledDiagnostics.Add("CS1591");
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task Fix_all_handles_every_kind_in_one_file() => VerifyAsync(
        $$""""
        public class C
        {
            public string A = {|MMG2001:"{{Live}}aaaaaaaa"|};
            public string? B = {|MMG2001:@"{{Test}}bbbbbbbb"|};
            public string H = {|MMG2001:"Bearer {{Live}}cccccccc"|};
            public string M(int x) => $"{x}{|MMG2001:Bearer {{Live}}dddddddd|}";
            public ReadOnlySpan<byte> U() => {|MMG2001:"{{Live}}eeeeeeee"u8|};
        }
        """",
        $$"""
        public class C
        {
            public string A = {{Read}}{{OrThrow}};
            public string? B = {{Read}};
            public string H = $"Bearer {{{Read}}}";
            public string M(int x) => $"{x}Bearer {{{Read}}}";
            public ReadOnlySpan<byte> U() => System.Text.Encoding.UTF8.GetBytes({{Read}}{{OrThrow}});
        }
        """);

    [Fact]
    public Task Options_initializer_key_can_be_read_from_the_environment() => VerifyAsync(
        $$"""public class C { public MultiMailClientOptions O = new MultiMailClientOptions { ApiKey = {|MMG2001:"{{Live}}abcdefgh"|} }; }""",
        $$"""public class C { public MultiMailClientOptions O = new MultiMailClientOptions { ApiKey = {{Read}} }; }""");

    [Fact]
    public Task Options_initializer_key_is_removed() => VerifyAsync(
        $$"""public class C { public MultiMailClient Client = new(new MultiMailClientOptions { ApiKey = {|MMG2001:"{{Live}}abcdefgh"|} }); }""",
        """public class C { public MultiMailClient Client = new(new MultiMailClientOptions()); }""",
        Remove);

    [Fact]
    public Task Options_target_typed_initializer_key_is_removed() => VerifyAsync(
        $$"""public class C { public MultiMailClientOptions O = new() { ApiKey = {|MMG2001:"{{Live}}abcdefgh"|} }; }""",
        """public class C { public MultiMailClientOptions O = new(); }""",
        Remove);

    [Fact]
    public Task Options_initializer_keeps_the_other_settings() => VerifyAsync(
        $$"""
        public class C
        {
            public MultiMailClientOptions O = new MultiMailClientOptions
            {
                ApiKey = {|MMG2001:"{{Live}}abcdefgh"|},
                DefaultMailboxId = "mbx_1",
            };
            public MultiMailClientOptions P = new MultiMailClientOptions
            {
                DefaultMailboxId = "mbx_1",
                ApiKey = {|MMG2001:"{{Live}}abcdefgh"|}
            };
        }
        """,
        """
        public class C
        {
            public MultiMailClientOptions O = new MultiMailClientOptions
            {
                DefaultMailboxId = "mbx_1",
            };
            public MultiMailClientOptions P = new MultiMailClientOptions
            {
                DefaultMailboxId = "mbx_1"
            };
        }
        """,
        Remove);

    [Fact]
    public Task Options_assignment_statement_is_removed() => VerifyAsync(
        $$"""
        public class C
        {
            public MultiMailClient Create()
            {
                var options = new MultiMailClientOptions();
                options.ApiKey = {|MMG2001:"{{Live}}abcdefgh"|};
                return new MultiMailClient(options);
            }
        }
        """,
        """
        public class C
        {
            public MultiMailClient Create()
            {
                var options = new MultiMailClientOptions();
                return new MultiMailClient(options);
            }
        }
        """,
        Remove);

    [Fact]
    public Task Removal_is_not_offered_for_other_ApiKey_properties() => VerifyAsync(
        $$"""
        public class Settings { public string? ApiKey { get; set; } }
        public class C { public Settings S = new Settings { ApiKey = {|MMG2001:"{{Live}}abcdefgh"|} }; }
        """,
        $$"""
        public class Settings { public string? ApiKey { get; set; } }
        public class C { public Settings S = new Settings { ApiKey = {|MMG2001:"{{Live}}abcdefgh"|} }; }
        """,
        Remove);

    [Fact]
    public Task No_fix_where_a_constant_is_required()
    {
        var source = $$"""
            [Obsolete({|MMG2001:"{{Live}}abcdefgh"|})]
            public class C
            {
                public const string Key = {|MMG2001:"{{Live}}abcdefgh"|};
                public const string Header = {|MMG2001:"Bearer {{Live}}abcdefgh"|};
                public int M(string s = {|MMG2001:"{{Test}}abcdefgh"|}) => s switch { {|MMG2001:"{{Live}}zzzzzzzz"|} => 1, _ => 0 };
            }
            """;
        return VerifyAsync(source, source);
    }

    [Fact]
    public Task No_fix_inside_double_dollar_raw_strings()
    {
        // No markup here: "$$" is markup for the caret.
        var source = Verifier.Usings + "public class C { public string M(int x) => $$\"\"\"{{x}}Bearer " + Live + "abcdefgh\"\"\"; }";
        var test = new Verifier.Test
        {
            TestCode = source,
            FixedCode = source,
            CodeActionEquivalenceKey = Env,
            CompilerDiagnostics = CompilerDiagnostics.Warnings,
        };
        test.TestState.MarkupHandling = MarkupMode.None;
        test.FixedState.MarkupHandling = MarkupMode.None;
        test.DisabledDiagnostics.Add("CS1591");
        var column = source.IndexOf("Bearer", StringComparison.Ordinal) - source.IndexOf('\n', StringComparison.Ordinal);
        var expected = new DiagnosticResult(DiagnosticIds.HardCodedApiKey, DiagnosticSeverity.Warning)
            .WithSpan(2, column, 2, column + "Bearer ".Length + Live.Length + 8).WithArguments(Live);
        test.ExpectedDiagnostics.Add(expected);
        test.FixedState.ExpectedDiagnostics.Add(expected);
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task Without_using_System_the_names_stay_qualified()
    {
        var test = new Verifier.Test
        {
            TestCode = "public class C { public string Key = {|MMG2001:\"" + Live + "abcdefgh\"|}; public string H = {|MMG2001:\"Bearer " + Live + "abcdefgh\"|}; }",
            FixedCode = "public class C { public string Key = System." + Read + " ?? throw new System.InvalidOperationException(\"Set the MULTIMAIL_API_KEY environment variable.\"); public string H = $\"Bearer {System." + Read + "}\"; }",
            CodeActionEquivalenceKey = Env,
            CompilerDiagnostics = CompilerDiagnostics.Warnings,
        };
        test.DisabledDiagnostics.Add("CS1591");
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Code_fix_never_throws_on_truncated_code()
    {
        var source = "using System;\nusing MultiMail;\npublic class Keys\n{\n"
            + "    public string A = \"" + Live + "abcdefgh\";\n"
            + "    public string? B = @\"Bearer " + Test + "abcdefgh\";\n"
            + "    public string C = \"\"\"\n        x " + Live + "abcdefgh\n        \"\"\";\n"
            + "    public string D(int x) => $\"{x}Bearer " + Live + "abcdefgh{x}\";\n"
            + "    public ReadOnlySpan<byte> E => \"" + Live + "abcdefgh\"u8;\n"
            + "    public string F(int x) => $@\"{x}\"\"" + Live + "abcdefgh\";\n"
            + "    public MultiMailClientOptions G = new() { ApiKey = \"" + Live + "abcdefgh\", Timeout = TimeSpan.FromSeconds(1) };\n"
            + "    public void H(MultiMailClientOptions o) { o.ApiKey = \"" + Live + "abcdefgh\"; }\n"
            + "}\n";
        var references = (await ReferenceAssemblies.Net.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None))
            .Add(Infrastructure.TestCompiler.MultiMailReference);
        var provider = new HardCodedKeyCodeFixProvider();
        var analyzer = new HardCodedKeyAnalyzer();
        var failures = new List<string>();
        var actions = 0;
        for (var length = source.Length; length > 0; length -= 7)
        {
            var text = source.Substring(0, length);
            using var workspace = new AdhocWorkspace();
            var project = workspace.AddProject("p", LanguageNames.CSharp)
                .WithMetadataReferences(references)
                .WithParseOptions(new CSharpParseOptions(LanguageVersion.CSharp12))
                .WithCompilationOptions(new CSharpCompilationOptions(
                    OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            var document = project.AddDocument("Keys.cs", text);
            var compilation = (await document.Project.GetCompilationAsync())!;
            var diagnostics = await compilation
                .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(analyzer))
                .GetAnalyzerDiagnosticsAsync();
            foreach (var diagnostic in diagnostics)
            {
                try
                {
                    var registered = new List<CodeAction>();
                    var context = new CodeFixContext(document, diagnostic, (action, _) => registered.Add(action), CancellationToken.None);
                    await provider.RegisterCodeFixesAsync(context);
                    foreach (var action in registered)
                    {
                        await action.GetOperationsAsync(CancellationToken.None);
                        actions++;
                    }
                }
                catch (Exception exception)
                {
                    failures.Add(exception.GetType().Name + " at length " + length);
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(5)));
        Assert.True(actions > 100, "only " + actions + " code actions ran");
    }

    /// <summary>Compiler warnings are checked too (in the source and the fixed source), so a fix that adds one fails.</summary>
    private static Task VerifyAsync(string source, string fixedSource, string equivalenceKey = Env)
    {
        var test = new Verifier.Test
        {
            TestCode = Verifier.Usings + source,
            FixedCode = Verifier.Usings + fixedSource,
            CodeActionEquivalenceKey = equivalenceKey,
            CompilerDiagnostics = CompilerDiagnostics.Warnings,
        };
        test.DisabledDiagnostics.Add("CS1591");
        return test.RunAsync(CancellationToken.None);
    }
}
