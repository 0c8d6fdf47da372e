using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using MultiMail.Generators.Analysis;
using MultiMail.Generators.Tests.Infrastructure;

namespace MultiMail.Generators.Tests.Generator;

/// <summary>
/// Half-typed code never crashes the generator (CS8785) or the analyzer (AD0001): every prefix of real tool files,
/// and lines removed one at a time, run through both.
/// </summary>
public sealed class RobustnessTests
{
    public static IEnumerable<object[]> Scenarios() => new[] { "QuickStart", "Containers", "Dtos" }.Select(s => new object[] { s });

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Truncated_and_damaged_sources_never_throw(string scenario)
    {
        var source = File.ReadAllText(RepositoryFiles.Path("tests", "MultiMail.Generators.Tests", "Baselines", scenario + ".input.cs.txt"));
        var variants = new List<string>();
        for (var length = 0; length < source.Length; length += 17)
        {
            variants.Add(source.Substring(0, length));
        }

        var lines = source.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            variants.Add(string.Join('\n', lines.Where((_, index) => index != i)));
        }

        var failures = new ConcurrentBag<string>();
        foreach (var variant in variants)
        {
            var compilation = await TestCompiler.CreateAsync(new[] { variant });
            var (_, generatorDiagnostics, result) = TestCompiler.Generate(compilation);
            if (result.Results.Single().Exception is { } exception)
            {
                failures.Add("generator threw " + exception.GetType().Name + " on:\n" + variant);
            }

            if (generatorDiagnostics.Any(d => d.Id == "CS8785"))
            {
                failures.Add("CS8785 on:\n" + variant);
            }

            var analyzerExceptions = new List<Exception>();
            var withAnalyzers = compilation.WithAnalyzers(
                ImmutableArray.Create<DiagnosticAnalyzer>(new ToolDeclarationAnalyzer()),
                new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), (e, _, _) => analyzerExceptions.Add(e), false, false, false));
            var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
            if (analyzerExceptions.Count > 0 || diagnostics.Any(d => d.Id == "AD0001"))
            {
                failures.Add("analyzer threw " + string.Join(", ", analyzerExceptions.Select(e => e.GetType().Name + ": " + e.Message)) + " on:\n" + variant);
            }
        }

        Assert.True(failures.IsEmpty, string.Join("\n-----\n", failures.Take(3)));
    }
}
