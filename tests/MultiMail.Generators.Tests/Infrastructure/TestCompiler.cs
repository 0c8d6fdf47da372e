using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using MultiMail.Generators.Analysis;

namespace MultiMail.Generators.Tests.Infrastructure;

/// <summary>Compiles test sources against .NET 8 reference assemblies plus the MultiMail runtime library.</summary>
internal static class TestCompiler
{
    private static readonly Lazy<Task<ImmutableArray<MetadataReference>>> Net80 = new(
        () => ReferenceAssemblies.Net.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None));

    public static MetadataReference MultiMailReference { get; } = MetadataReference.CreateFromFile(typeof(MultiMailClient).Assembly.Location);

    /// <summary>Where the generated code's runtime dependencies live, for tests that pin reference assemblies.</summary>
    public static ReferenceAssemblies ReferenceAssemblies => ReferenceAssemblies.Net.Net80;

    public static CSharpParseOptions ParseOptions(DocumentationMode documentation = DocumentationMode.None, LanguageVersion version = LanguageVersion.CSharp12) =>
        new(version, documentation);

    public static async Task<CSharpCompilation> CreateAsync(string[] sources, DocumentationMode documentation = DocumentationMode.None, LanguageVersion version = LanguageVersion.CSharp12, bool nullable = true)
    {
        var references = await Net80.Value;
        var trees = sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions(documentation, version), path: "Source" + i + ".cs"));
        return CSharpCompilation.Create(
            "Tests" + Guid.NewGuid().ToString("N"),
            trees,
            references.Add(MultiMailReference),
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: nullable ? NullableContextOptions.Enable : NullableContextOptions.Disable,
                generalDiagnosticOption: ReportDiagnostic.Error,
                specificDiagnosticOptions: ImmutableDictionary<string, ReportDiagnostic>.Empty
                    .Add("CS1591", ReportDiagnostic.Suppress)
                    .Add("CS1701", ReportDiagnostic.Suppress)
                    .Add("CS1702", ReportDiagnostic.Suppress)));
    }

    public static GeneratorDriver CreateDriver(Compilation compilation, bool trackSteps = true) =>
        CSharpGeneratorDriver.Create(
            new[] { new ToolGenerator().AsSourceGenerator() },
            parseOptions: (CSharpParseOptions)compilation.SyntaxTrees.First().Options,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs the generator; returns the output compilation and the generator's own diagnostics.</summary>
    public static (Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics, GeneratorDriverRunResult Result) Generate(Compilation compilation)
    {
        var driver = CreateDriver(compilation).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return (output, diagnostics, driver.GetRunResult());
    }

    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation)
    {
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new ToolDeclarationAnalyzer());
        var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false));
        return await withAnalyzers.GetAllDiagnosticsAsync();
    }

    /// <summary>Generates, compiles (every warning is an error) and loads the assembly in a collectible context.</summary>
    public static async Task<Assembly> BuildAsync(params string[] sources)
    {
        var compilation = await CreateAsync(sources);
        var (output, generatorDiagnostics, _) = Generate(compilation);
        Assert.Empty(generatorDiagnostics);
        using var stream = new MemoryStream();
        var emit = output.Emit(stream);
        var problems = emit.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(emit.Success && problems.Count == 0, string.Join(Environment.NewLine, problems) + Environment.NewLine + GeneratedText(output));
        stream.Position = 0;
        var context = new AssemblyLoadContext("generated-" + Guid.NewGuid().ToString("N"), isCollectible: true);
        return context.LoadFromStream(stream);
    }

    public static string GeneratedText(Compilation output) =>
        string.Join(Environment.NewLine, output.SyntaxTrees.Where(t => t.FilePath.EndsWith(".g.cs", StringComparison.Ordinal)).Select(t => t.ToString()));
}
