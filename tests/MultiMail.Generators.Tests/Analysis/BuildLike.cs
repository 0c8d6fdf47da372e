using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using MultiMail.Generators.Analysis;

namespace MultiMail.Generators.Tests.Analysis;

/// <summary>
/// Runs the generator and all of MultiMail's analyzers the way a build does: <see cref="CSharpGeneratorDriver"/> on the
/// user's sources, then <see cref="CompilationWithAnalyzers"/> over the compilation that includes the generated code,
/// with .editorconfig severities applied to both. Sources compile against the .NET runtime, Microsoft.Extensions.AI and
/// the Agent Framework (<see cref="AgentAnalyzerVerifier.Libraries"/>).
/// </summary>
internal static class BuildLike
{
    public const string Usings = "using System; using System.Collections.Generic; using System.Linq; using System.Threading; using System.Threading.Tasks; using MultiMail;\n";

    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = ImmutableArray.Create<DiagnosticAnalyzer>(
        new ToolDeclarationAnalyzer(), new AgentToolAnalyzer(), new HardCodedKeyAnalyzer());

    /// <summary>What a build reports: the generator's diagnostics, the analyzers' and the compiler's (after generation).</summary>
    public sealed class Result
    {
        public Result(Compilation input, Compilation output, ImmutableArray<Diagnostic> generator, ImmutableArray<Diagnostic> analyzers, List<Exception> exceptions)
        {
            Input = input;
            Output = output;
            Generator = generator;
            Analyzers = analyzers;
            Exceptions = exceptions;
        }

        public Compilation Input { get; }

        public Compilation Output { get; }

        public ImmutableArray<Diagnostic> Generator { get; }

        public ImmutableArray<Diagnostic> Analyzers { get; }

        public List<Exception> Exceptions { get; }

        /// <summary>The compiler's own diagnostics on the generated compilation (CS8795 and friends).</summary>
        public ImmutableArray<Diagnostic> Compiler => Output.GetDiagnostics();

        /// <summary>Every MMG diagnostic, from the generator and the analyzers.</summary>
        public IEnumerable<Diagnostic> Mmg => Generator.Concat(Analyzers).Where(d => d.Id.StartsWith("MMG", StringComparison.Ordinal));

        public bool GeneratedBody(string typeName) =>
            Output.SyntaxTrees.Any(t => t.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) && t.ToString().Contains("partial class " + typeName, StringComparison.Ordinal));
    }

    /// <summary>Each source becomes /src/Test{i}.cs (with <see cref="Usings"/> unless <paramref name="addUsings"/> is false).</summary>
    public static async Task<Result> RunAsync(string[] sources, string? editorConfig = null, bool runGenerator = true, bool addUsings = true, string[]? paths = null)
    {
        var parse = new CSharpParseOptions(LanguageVersion.CSharp12);
        var trees = sources.Select((s, i) => CSharpSyntaxTree.ParseText((addUsings ? Usings : string.Empty) + s, parse, paths?[i] ?? "/src/Test" + i + ".cs")).ToArray();
        var config = new EditorConfig(editorConfig);
        var compilation = CSharpCompilation.Create(
            "BuildLike",
            trees,
            AgentAnalyzerVerifier.Libraries,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                .WithSyntaxTreeOptionsProvider(config)
                .WithSpecificDiagnosticOptions(ImmutableDictionary<string, ReportDiagnostic>.Empty.Add("CS1701", ReportDiagnostic.Suppress).Add("CS1702", ReportDiagnostic.Suppress)));

        var output = (Compilation)compilation;
        var generatorDiagnostics = ImmutableArray<Diagnostic>.Empty;
        if (runGenerator)
        {
            CSharpGeneratorDriver.Create(new[] { new ToolGenerator().AsSourceGenerator() }, parseOptions: parse, optionsProvider: config)
                .RunGeneratorsAndUpdateCompilation(compilation, out output, out generatorDiagnostics);
        }

        var exceptions = new List<Exception>();
        var analyzerDiagnostics = await output
            .WithAnalyzers(Analyzers, new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, config), (e, _, _) => exceptions.Add(e), concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false))
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        return new Result(compilation, output, generatorDiagnostics, analyzerDiagnostics, exceptions);
    }

    /// <summary>A diagnostic as text that does not depend on which component reported it.</summary>
    public static string Describe(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        return diagnostic.Id + " " + diagnostic.Severity + " " + System.IO.Path.GetFileName(span.Path)
            + "(" + (span.StartLinePosition.Line + 1).ToString(CultureInfo.InvariantCulture) + "," + (span.StartLinePosition.Character + 1).ToString(CultureInfo.InvariantCulture) + "): "
            + diagnostic.GetMessage(CultureInfo.InvariantCulture);
    }

    /// <summary>One .editorconfig ("[*.cs]" section, or the sections given) as tree options for the compiler and the analyzers.</summary>
    private sealed class EditorConfig : SyntaxTreeOptionsProvider
    {
        private readonly AnalyzerConfigSet? _set;
        private readonly Dictionary<string, AnalyzerConfigOptionsResult> _results = new(StringComparer.Ordinal);
        private readonly Provider _provider;

        public EditorConfig(string? text)
        {
            if (text is not null)
            {
                var content = text.Contains('[', StringComparison.Ordinal) ? "root = true\n" + text : "root = true\n\n[*.cs]\n" + text;
                _set = AnalyzerConfigSet.Create(ImmutableArray.Create(AnalyzerConfig.Parse(content, "/.editorconfig")));
            }

            _provider = new Provider(this);
        }

        public static implicit operator AnalyzerConfigOptionsProvider(EditorConfig config) => config._provider;

        private AnalyzerConfigOptionsResult? ResultFor(SyntaxTree tree)
        {
            if (_set is null || !tree.FilePath.StartsWith("/", StringComparison.Ordinal))
            {
                return null;
            }

            lock (_results)
            {
                if (!_results.TryGetValue(tree.FilePath, out var result))
                {
                    result = _set.GetOptionsForSourcePath(tree.FilePath);
                    _results.Add(tree.FilePath, result);
                }

                return result;
            }
        }

        public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.Unknown;

        public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            severity = ReportDiagnostic.Default;
            return ResultFor(tree) is { } result && result.TreeOptions.TryGetValue(diagnosticId, out severity);
        }

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            severity = ReportDiagnostic.Default;
            return false;
        }

        private sealed class Provider : AnalyzerConfigOptionsProvider
        {
            private readonly EditorConfig _config;

            public Provider(EditorConfig config) => _config = config;

            public override AnalyzerConfigOptions GlobalOptions => Options.Empty;

            public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) =>
                _config.ResultFor(tree) is { } result ? new Options(result.AnalyzerOptions) : Options.Empty;

            public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;
        }

        private sealed class Options : AnalyzerConfigOptions
        {
            public static readonly Options Empty = new(ImmutableDictionary<string, string>.Empty);

            private readonly ImmutableDictionary<string, string> _values;

            public Options(ImmutableDictionary<string, string> values) => _values = values;

            public override bool TryGetValue(string key, out string value) => _values.TryGetValue(key, out value!);
        }
    }
}
