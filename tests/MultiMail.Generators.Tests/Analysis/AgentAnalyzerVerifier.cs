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
using Microsoft.CodeAnalysis.Testing;
using MultiMail.Generators.Analysis;
using MultiMail.Generators.Tests.Infrastructure;

namespace MultiMail.Generators.Tests.Analysis;

/// <summary>
/// Runs <see cref="AgentToolAnalyzer"/> against the real Microsoft.Agents.AI (1.28) and Microsoft.Extensions.AI
/// packages. The generator runs first and its output is added to the test, so <c>AsAITools()</c> and the per-tool
/// <c>…AIFunction</c> properties bind exactly as in a user's project; the test code must compile without errors.
/// </summary>
internal static class AgentAnalyzerVerifier
{
    public const string Usings = "using System; using System.Collections.Generic; using System.Linq; using System.Threading; using System.Threading.Tasks; using Microsoft.Agents.AI; using Microsoft.Agents.AI.Workflows; using Microsoft.Extensions.AI; using MultiMail;\n";

    /// <summary>The seed guide's three tools (send_email and reply_email send; check_inbox reads), plus a read-only set.</summary>
    public const string ToolTypes = """
        public partial class EmailTools
        {
            private readonly MultiMailClient _client;
            public EmailTools(MultiMailClient client) => _client = client;
            /// <summary>Send an email.</summary>
            [MultiMailTool] public partial Task<string> SendEmail(string[] to, string subject, string markdown, [MultiMailBound] string? mailboxId = null);
            /// <summary>Check the inbox.</summary>
            [MultiMailTool] public partial Task<string> CheckInbox(int limit = 10, [MultiMailBound] string? mailboxId = null);
            /// <summary>Reply in a thread.</summary>
            [MultiMailTool] public partial Task<string> ReplyEmail(string emailId, string markdown, [MultiMailBound] string? mailboxId = null);
        }
        public partial class InboxTools
        {
            private readonly MultiMailClient _client;
            public InboxTools(MultiMailClient client) => _client = client;
            /// <summary>Check the inbox.</summary>
            [MultiMailTool] public partial Task<string> CheckInbox(int limit = 10, [MultiMailBound] string? mailboxId = null);
        }
        """;

    private static readonly string[] PackagePrefixes =
    {
        "Microsoft.Agents.", "Microsoft.Extensions.", "Microsoft.ML.", "OpenTelemetry", "Google.Protobuf", "System.Numerics.Tensors",
    };

    /// <summary>
    /// No reference-assembly package: the test code compiles against <see cref="Libraries"/> (the .NET runtime this test
    /// runs on plus the Agent Framework packages the test project restores), so no second NuGet resolution happens at
    /// test time and Microsoft.Agents.AI.Workflows resolves exactly as in a user's project.
    /// </summary>
    public static ReferenceAssemblies References { get; } = new ReferenceAssemblies("net10.0").WithAssemblies(ImmutableArray<string>.Empty);

    /// <summary>
    /// .NET 8 reference assemblies plus Microsoft.Agents.AI, resolved from NuGet at test time: for the generator tests
    /// that compile against .NET 8 and add packages the test project does not restore (the MCP SDK's core package).
    /// </summary>
    public static ReferenceAssemblies Net80WithAgents { get; } = ReferenceAssemblies.Net.Net80.AddPackages(ImmutableArray.Create(
        new PackageIdentity("Microsoft.Agents.AI", "1.28.0"),
        // The feed here serves newer patches of some dependencies than Microsoft.Agents.AI asks for (restore's NU1603);
        // the test framework's resolver only takes them when they are named.
        new PackageIdentity("Microsoft.ML.Tokenizers", "2.0.1"),
        new PackageIdentity("Google.Protobuf", "3.31.1"),
        new PackageIdentity("Microsoft.Extensions.DependencyInjection.Abstractions", "10.0.14"),
        new PackageIdentity("Microsoft.Extensions.Logging.Abstractions", "10.0.14"),
        new PackageIdentity("Microsoft.Extensions.Caching.Abstractions", "10.0.14")));

    /// <summary>The shared framework's assemblies, the Agent Framework and Microsoft.Extensions.AI packages, and the MultiMail runtime.</summary>
    public static ImmutableArray<MetadataReference> Libraries { get; } = LoadLibraries();

    private static ImmutableArray<MetadataReference> LoadLibraries()
    {
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var packages = Directory.GetFiles(AppContext.BaseDirectory, "*.dll")
            .Where(f => PackagePrefixes.Any(p => Path.GetFileName(f).StartsWith(p, StringComparison.Ordinal)));
        return Directory.GetFiles(framework, "*.dll")
            .Where(IsManaged)
            .Concat(packages)
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => (MetadataReference)MetadataReference.CreateFromFile(f))
            .Append(TestCompiler.MultiMailReference)
            .ToImmutableArray();
    }

    private static bool IsManaged(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new System.Reflection.PortableExecutable.PEReader(stream);
        return reader.HasMetadata;
    }

    /// <summary>One test file (with <see cref="Usings"/>) plus the tool types in a second file.</summary>
    public static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        VerifyFilesAsync(new[] { source }, expected);

    /// <summary>Each source becomes /0/Test{i}.cs with <see cref="Usings"/>; the tool types are added as /0/Tools.cs.</summary>
    public static Task VerifyFilesAsync(string[] sources, DiagnosticResult[] expected, string? editorConfig = null) =>
        RunAsync(sources, expected, editorConfig, includeToolTypes: true);


    public static async Task RunAsync(string[] sources, DiagnosticResult[] expected, string? editorConfig, bool includeToolTypes, OutputKind outputKind = OutputKind.DynamicallyLinkedLibrary, CompilerDiagnostics compilerDiagnostics = CompilerDiagnostics.Errors)
    {
        var files = sources.Select((s, i) => ("/0/Test" + i + ".cs", Usings + s)).ToList();
        if (includeToolTypes)
        {
            files.Add(("/0/Tools.cs", Usings + ToolTypes));
        }

        var test = new Test();
        test.TestState.OutputKind = outputKind;
        test.CompilerDiagnostics = compilerDiagnostics;
        foreach (var file in files)
        {
            test.TestState.Sources.Add(file);
        }

        foreach (var generated in await GenerateAsync(files.Select(f => (f.Item1, ParseMarkup(f.Item2)))))
        {
            test.TestState.Sources.Add(generated);
        }

        if (editorConfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\n" + editorConfig));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(CancellationToken.None);
    }

    /// <summary>The generator's output for the sources, as extra test files (named .g.cs, so analyzers skip them).</summary>
    public static async Task<List<(string, string)>> GenerateAsync(IEnumerable<(string Path, string Text)> files, LanguageVersion languageVersion = LanguageVersion.CSharp12)
    {
        await Task.CompletedTask;
        var parse = new CSharpParseOptions(languageVersion);
        var compilation = CSharpCompilation.Create(
            "AgentTests",
            files.Select(f => CSharpSyntaxTree.ParseText(f.Text, parse, f.Path)),
            Libraries,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var driver = CSharpGeneratorDriver.Create(new[] { new ToolGenerator().AsSourceGenerator() }, parseOptions: parse);
        var result = driver.RunGenerators(compilation).GetRunResult();
        return result.GeneratedTrees
            .Select((tree, i) => ("/0/Generated" + i + ".g.cs", tree.GetText().ToString()))
            .ToList();
    }

    /// <summary>A compilation of the sources (with <see cref="Usings"/>) and the tool types, after the generator ran.</summary>
    public static async Task<Compilation> CompileAsync(params string[] sources)
    {
        await Task.CompletedTask;
        var references = Libraries;
        var parse = new CSharpParseOptions(LanguageVersion.CSharp12);
        var trees = sources.Select((s, i) => CSharpSyntaxTree.ParseText(Usings + s, parse, "/0/Test" + i + ".cs"))
            .Append(CSharpSyntaxTree.ParseText(Usings + ToolTypes, parse, "/0/Tools.cs"));
        var compilation = CSharpCompilation.Create(
            "Agents",
            trees,
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        CSharpGeneratorDriver.Create(new[] { new ToolGenerator().AsSourceGenerator() }, parseOptions: parse)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return output;
    }

    /// <summary>Markup ({|ID:…|}, {|#0:…|}) removed, so the generator sees the code as the compiler will.</summary>
    public static string ParseMarkup(string text)
    {
        TestFileMarkupParser.GetSpans(ToPlainMarkup(text), out var output, out ImmutableArray<Microsoft.CodeAnalysis.Text.TextSpan> _);
        return output;
    }

    private static string ToPlainMarkup(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text, @"\{\|[^:|]*:", "[|").Replace("|}", "|]");

    public sealed class Test : AnalyzerVerifier.Test<AgentToolAnalyzer>
    {
        public Test()
        {
            ReferenceAssemblies = References;
            TestState.AdditionalReferences.Clear();
            TestState.AdditionalReferences.AddRange(Libraries);
        }
    }
}
