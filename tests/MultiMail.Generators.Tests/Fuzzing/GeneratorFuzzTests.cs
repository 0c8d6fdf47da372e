using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CsCheck;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using MultiMail.Generators.Tests.Analysis;
using MultiMail.Generators.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MultiMail.Generators.Tests.Fuzzing;

/// <summary>
/// The generator, every analyzer and every code fix over mutated variants of the test corpus and the samples (token
/// deletions, duplications, truncations, unbalanced braces, …; issue 13), in process: a Roslyn GeneratorDriver and
/// CompilationWithAnalyzers over one workspace per corpus file, so references and unchanged state are reused. No
/// variant may make the generator throw (CS8785), an analyzer throw (AD0001) or a code fix throw; where a variant
/// compiles on its own (everything but the parts the generator writes), the generated output compiles too, warning-free.
/// CI: <see cref="CiVariants"/> variants; <c>MULTIMAIL_FUZZ_LONG=1</c>: <see cref="LongVariants"/>;
/// <c>MULTIMAIL_FUZZ_VARIANTS=N</c> and <c>MULTIMAIL_FUZZ_SEED</c> as told.
/// </summary>
public sealed class GeneratorFuzzTests(ITestOutputHelper output)
{
    public const int CiVariants = 1_000;
    public const int LongVariants = 10_000;

    /// <summary>The corpus: the generator tests' inputs, the samples' tool files, the other test projects' tools, and one file with every diagnostic a code fix exists for.</summary>
    private static readonly string[][] CorpusFiles =
    [
        ["tests", "MultiMail.Generators.Tests", "Baselines", "QuickStart.input.cs.txt"],
        ["tests", "MultiMail.Generators.Tests", "Baselines", "Containers.input.cs.txt"],
        ["tests", "MultiMail.Generators.Tests", "Baselines", "Dtos.input.cs.txt"],
        ["tests", "MultiMail.Generators.Tests", "Baselines", "Adapters.input.cs.txt"],
        ["tests", "MultiMail.Generators.Tests", "Fuzzing", "Corpus", "Diagnostics.cs.txt"],
        ["samples", "QuickStart", "EmailTools.cs"],
        ["samples", "Shared", "EmailTools.cs"],
        ["samples", "McpServer", "MultiMailServerTools.cs"],
        ["tests", "MultiMail.IntegrationTests", "Tools", "MailTools.cs"],
        ["tests", "MultiMail.IntegrationTests", "Tools", "EdgeTools.cs"],
        ["tests", "MultiMail.IntegrationTests", "Tools", "ParityTools.cs"],
        ["tests", "MultiMail.EndToEndTests", "Tools", "AgentMailTools.cs"],
        ["tests", "MultiMail.Reliability.Tests", "Infrastructure", "ReliabilityTools.cs"],
        ["tests", "MultiMail.Adapters.Tests", "EmailTools.cs"],
    ];

    /// <summary>Compiler errors that only say a part the generator writes is missing (a partial method's body, a generated member).</summary>
    private static readonly string[] GeneratedParts = ["AsAITools", "AIFunction", "AsMcpServerTools", "MultiMailTools", "CreateToolSet", "CreateMultiMailToolSet", "InvokeAsync", "Tools"];

    private static readonly Lazy<Task<Corpus>> Shared = new(Corpus.CreateAsync);

    private static int Variants =>
        int.TryParse(Environment.GetEnvironmentVariable("MULTIMAIL_FUZZ_VARIANTS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : Environment.GetEnvironmentVariable("MULTIMAIL_FUZZ_LONG") == "1" ? LongVariants : CiVariants;

    [Fact]
    public async Task Mutated_sources_never_crash_the_generator_analyzers_or_code_fixes()
    {
        var corpus = await Shared.Value;
        var stats = new Stats();
        var watch = Stopwatch.StartNew();
        var gen = Gen.Select(Gen.Int[0, corpus.Items.Length - 1], SourceMutations.Gen.Array[1, 3]);

        await gen.SampleAsync(
            (item, mutations) => CheckAsync(corpus, corpus.Items[item], mutations, stats),
            iter: Variants,
            seed: Environment.GetEnvironmentVariable("MULTIMAIL_FUZZ_SEED") is { Length: > 0 } seed ? seed : null,
            print: t => corpus.Items[t.Item1].Name + " after " + string.Join(", ", t.Item2) + ":\n" + SourceMutations.Apply(corpus.Items[t.Item1].Text, t.Item2, corpus.ParseOptions));

        watch.Stop();
        output.WriteLine(
            $"{stats.Variants:N0} variants of {corpus.Items.Length} corpus files in {watch.Elapsed.TotalSeconds:F1} s: {stats.WithSyntaxErrors:N0} with syntax errors, "
            + $"{stats.Compiled:N0} compiled on their own (their output compiled, warning-free), {stats.Generated:N0} generated at least one tool file, "
            + $"{stats.Diagnostics:N0} MultiMail diagnostics reported, {stats.Fixes:N0} code fixes computed and applied; no exception anywhere. "
            + "Time by phase (s): " + string.Join(", ", stats.Phases.Select(t => (t / (double)Stopwatch.Frequency).ToString("F1", CultureInfo.InvariantCulture))));
        Assert.Equal(Variants, stats.Variants);
        Assert.True(stats.Compiled > 0 && stats.Generated > 0 && stats.Fixes > 0, "the mutations never left a variant compilable, the generator never wrote a tool file, or no fix ever ran: the fuzzer proves little");
    }

    /// <summary>
    /// Found by the long run (seed eN7DSmMNjCoe): a tuple return type broken into <c>(AIAgent, fixed) )</c> above a
    /// hard-coded key; the key's code fix threw from Roslyn's simplifier ("Node's parent was null").
    /// </summary>
    [Fact]
    public async Task A_code_fix_in_a_method_with_syntax_errors_does_not_throw()
    {
        var corpus = await Shared.Value;
        var item = corpus.Items.Single(i => i.Name.EndsWith("Diagnostics.cs.txt", StringComparison.Ordinal));
        var stats = new Stats();
        await CheckAsync(corpus, item, [new(MutationKind.DuplicateToken, 840094, 641796), new(MutationKind.DuplicateLine, 788137, 561930), new(MutationKind.ReplaceWithKeyword, 892533, 185626)], stats);
        Assert.True(stats.Fixes > 0, "no code fix ran");
    }

    private static async Task CheckAsync(Corpus corpus, CorpusItem item, Mutation[] mutations, Stats stats)
    {
        var clock = Stopwatch.StartNew();
        var text = SourceMutations.Apply(item.Text, mutations, corpus.ParseOptions);
        var solution = item.Solution.WithDocumentText(item.DocumentId, SourceText.From(text));
        var document = solution.GetDocument(item.DocumentId)!;
        var tree = (await document.GetSyntaxTreeAsync())!;
        var input = (await document.Project.GetCompilationAsync())!;
        Interlocked.Increment(ref stats.Variants);

        // The generator: no exception, no CS8785.
        stats.Lap(0, clock);
        var driver = item.Driver.RunGeneratorsAndUpdateCompilation(input, out var generated, out var generatorDiagnostics);
        stats.Lap(1, clock);
        var result = driver.GetRunResult().Results.Single();
        Assert.True(result.Exception is null, "the generator threw " + result.Exception);
        Assert.DoesNotContain(generatorDiagnostics, d => d.Id == "CS8785");
        if (result.GeneratedSources.Any(s => s.HintName.EndsWith(".MultiMailTools.g.cs", StringComparison.Ordinal)))
        {
            Interlocked.Increment(ref stats.Generated);
        }

        // The analyzers, over the compilation as a build sees it (with the generated code): no exception, no AD0001.
        var exceptions = new ConcurrentQueue<Exception>();
        var withAnalyzers = generated.WithAnalyzers(corpus.Analyzers, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), (e, _, _) => exceptions.Enqueue(e), concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false));
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        stats.Lap(2, clock);
        Assert.True(exceptions.IsEmpty, "an analyzer threw " + string.Join("\n", exceptions));
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        Interlocked.Add(ref stats.Diagnostics, diagnostics.Count(d => d.Id.StartsWith("MMG", StringComparison.Ordinal)));

        // Where the variant compiles on its own, the output compiles too, and the generated code is warning-free.
        if (tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            Interlocked.Increment(ref stats.WithSyntaxErrors);
        }
        else if (!input.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error && !IsGeneratedPart(d)))
        {
            // A method the analyzers refuse (an MMG error) is skipped by the generator on purpose: its missing body is
            // the only error that may follow. Generated code itself has no error and no warning, ever.
            // The generator reports the refusals it makes itself (next to CS8795, which drops analyzer output in a build).
            var refused = diagnostics.Concat(generatorDiagnostics).Any(d => d.Id.StartsWith("MMG", StringComparison.Ordinal) && d.Severity == DiagnosticSeverity.Error);
            var problems = generated.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning
                && (IsGenerated(d) || (d.Severity == DiagnosticSeverity.Error && !(refused && IsGeneratedPart(d))))).ToList();
            Assert.True(problems.Count == 0, "the variant compiles, its output does not:\n" + string.Join("\n", problems.Take(10)) + "\n" + TestCompiler.GeneratedText(generated));
            Interlocked.Increment(ref stats.Compiled);
        }

        stats.Lap(3, clock);

        // Every code fix offered for a MultiMail diagnostic in the variant: registered, computed and applied without an exception.
        var fixable = diagnostics.Where(d => d.Location.SourceTree == tree && corpus.Fixers.ContainsKey(d.Id)).Take(12).ToList();
        if (fixable.Count == 0)
        {
            return;
        }

        var withGenerated = solution;
        foreach (var source in result.GeneratedSources)
        {
            withGenerated = withGenerated.AddDocument(DocumentId.CreateNewId(item.DocumentId.ProjectId), source.HintName, source.SourceText, filePath: source.HintName);
        }

        document = withGenerated.GetDocument(item.DocumentId)!;
        foreach (var diagnostic in fixable)
        {
            foreach (var fixer in corpus.Fixers[diagnostic.Id])
            {
                var actions = new List<CodeAction>();
                await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
                foreach (var action in actions)
                {
                    foreach (var operation in await action.GetOperationsAsync(CancellationToken.None))
                    {
                        if (operation is ApplyChangesOperation apply)
                        {
                            foreach (var changed in apply.ChangedSolution.GetChanges(withGenerated).GetProjectChanges().SelectMany(p => p.GetChangedDocuments()))
                            {
                                _ = await apply.ChangedSolution.GetDocument(changed)!.GetTextAsync();
                            }
                        }
                    }

                    Interlocked.Increment(ref stats.Fixes);
                }
            }
        }

        stats.Lap(4, clock);
    }

    private static bool IsTool(Location location) =>
        location.SourceTree?.GetRoot().FindNode(location.SourceSpan).AncestorsAndSelf().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>().FirstOrDefault() is { } method
        && method.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString() is "MultiMailTool" or "MultiMailToolAttribute" or "MultiMail.MultiMailTool" or "global::MultiMail.MultiMailTool");

    private static bool IsGenerated(Diagnostic diagnostic) => diagnostic.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true;

    private static bool IsGeneratedPart(Diagnostic diagnostic) => diagnostic.Id switch
    {
        "CS8795" => IsTool(diagnostic.Location), // a tool method needs the implementation the generator writes
        "CS1061" or "CS0117" or "CS0535" => GeneratedParts.Any(p => diagnostic.GetMessage(CultureInfo.InvariantCulture).Contains(p, StringComparison.Ordinal)),
        _ => false,
    };

    private sealed class Stats
    {
        public int Variants;
        public int WithSyntaxErrors;
        public int Compiled;
        public int Generated;
        public int Diagnostics;
        public int Fixes;
        public readonly long[] Phases = new long[5];

        public void Lap(int phase, Stopwatch clock)
        {
            Interlocked.Add(ref Phases[phase], clock.ElapsedTicks);
            clock.Restart();
        }
    }

    private sealed record CorpusItem(string Name, string Text, Solution Solution, DocumentId DocumentId, GeneratorDriver Driver);

    private sealed class Corpus
    {
        public required CSharpParseOptions ParseOptions { get; init; }

        public required CorpusItem[] Items { get; init; }

        public required ImmutableArray<DiagnosticAnalyzer> Analyzers { get; init; }

        public required IReadOnlyDictionary<string, CodeFixProvider[]> Fixers { get; init; }

        public static async Task<Corpus> CreateAsync()
        {
            // Agent Framework, Microsoft.Extensions.AI and the MCP SDK as well as .NET 8: every adapter and the agent analyzer have something to do.
            var references = (await AgentAnalyzerVerifier.Net80WithAgents
                .AddPackages(ImmutableArray.Create(new PackageIdentity("ModelContextProtocol.Core", "2.4.0")))
                .ResolveAsync(LanguageNames.CSharp, CancellationToken.None)).Add(TestCompiler.MultiMailReference);
            var parseOptions = TestCompiler.ParseOptions(DocumentationMode.Diagnose);
            var compilationOptions = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                .WithSpecificDiagnosticOptions(ImmutableDictionary<string, ReportDiagnostic>.Empty.Add("CS1591", ReportDiagnostic.Suppress));
            var analyzers = typeof(ToolGenerator).Assembly.GetTypes()
                .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
                .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
                .ToImmutableArray();
            var fixers = typeof(MultiMail.CodeFixes.MakePartialCodeFixProvider).Assembly.GetTypes()
                .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
                .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
                .SelectMany(f => f.FixableDiagnosticIds.Select(id => (Id: id, Fixer: f)))
                .GroupBy(p => p.Id)
                .ToDictionary(g => g.Key, g => g.Select(p => p.Fixer).ToArray());

            var workspace = new AdhocWorkspace();
            var items = new List<CorpusItem>();
            foreach (var parts in CorpusFiles)
            {
                var text = File.ReadAllText(RepositoryFiles.Path(parts)).Replace("\r\n", "\n", StringComparison.Ordinal);
                var name = string.Join('/', parts);
                var project = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
                    ProjectId.CreateNewId(), VersionStamp.Default, name, "Fuzz" + items.Count, LanguageNames.CSharp,
                    compilationOptions: compilationOptions, parseOptions: parseOptions, metadataReferences: references)).Projects.Single();
                var document = project.AddDocument(Path.GetFileName(name), SourceText.From(text), filePath: name);
                var compilation = (await document.Project.GetCompilationAsync())!;
                var driver = TestCompiler.CreateDriver(compilation, trackSteps: false).RunGenerators(compilation);
                items.Add(new CorpusItem(name, text, document.Project.Solution, document.Id, driver));
            }

            return new Corpus { ParseOptions = parseOptions, Items = items.ToArray(), Analyzers = analyzers, Fixers = fixers };
        }
    }
}
