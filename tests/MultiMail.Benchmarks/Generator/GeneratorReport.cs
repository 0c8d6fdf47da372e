using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace MultiMail.Benchmarks.Generator;

/// <summary>
/// Attribution for the generator rows: where a cold run and a rerun spend their time (the driver's tracked steps and
/// its per-generator timing), how many allocations each costs, and how much source each method produces, with and
/// without Microsoft.Extensions.AI referenced (adapters on / off).
/// </summary>
public static class GeneratorReport
{
    public static string Run(int toolFiles, int totalFiles, int repeats)
    {
        var output = new StringBuilder();
        output.AppendLine(Ablations(toolFiles, repeats));
        foreach (var ai in new[] { true, false })
        {
            var corpus = new GeneratorCorpus(toolFiles, 2 * toolFiles, referenceAI: ai);
            output.AppendLine($"### Cold run, {corpus.Methods} methods, Microsoft.Extensions.AI {(ai ? "referenced (adapters emitted)" : "not referenced")}");
            output.AppendLine();
            foreach (var (name, generator) in new[] { ("ours", corpus.Ours), ("LoggerMessage", corpus.LoggerMessage), ("floor", corpus.Floor) })
            {
                // Warm the JIT, then take the median of the repeats.
                corpus.Cold(generator);
                var bytes = new List<double>();
                var steps = new Dictionary<string, List<double>>();
                var total = new List<double>();
                GeneratorDriverRunResult? last = null;
                for (var i = 0; i < repeats; i++)
                {
                    var before = GC.GetAllocatedBytesForCurrentThread();
                    var driver = corpus.Cold(generator, trackSteps: true);
                    bytes.Add(GC.GetAllocatedBytesForCurrentThread() - before);
                    total.Add(driver.GetTimingInfo().ElapsedTime.TotalMilliseconds);
                    last = driver.GetRunResult();
                    foreach (var (step, ms) in StepTimes(last))
                    {
                        if (!steps.TryGetValue(step, out var list))
                        {
                            steps[step] = list = new List<double>();
                        }

                        list.Add(ms);
                    }
                }

                var sourceChars = last!.Results[0].GeneratedSources.Sum(s => s.SourceText.Length);
                output.AppendLine($"- **{name}**: {Median(total):0.00} ms driver time, {Median(bytes) / corpus.Methods / 1024:0.0} KB allocated per method (with step tracking on), "
                    + $"{last.Results[0].GeneratedSources.Length} files, {sourceChars / Math.Max(1, corpus.Methods):N0} chars of source per method");
                foreach (var (step, list) in steps.OrderByDescending(s => Median(s.Value)))
                {
                    output.AppendLine($"  - step `{step}`: {Median(list):0.00} ms");
                }
            }

            output.AppendLine();
        }

        var rerun = new GeneratorCorpus(toolFiles, totalFiles);
        output.AppendLine($"### Rerun after a comment in 1 of {rerun.TotalFiles:N0} files (step tracking on)");
        output.AppendLine();
        foreach (var (name, generator) in new[] { ("ours", rerun.Ours), ("LoggerMessage", rerun.LoggerMessage), ("floor", rerun.Floor) })
        {
            var state = rerun.StartRerun(generator, trackSteps: true);
            rerun.Rerun(state);
            var bytes = new List<double>();
            var steps = new Dictionary<string, List<double>>();
            var reasons = new SortedDictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < repeats; i++)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                rerun.Rerun(state);
                bytes.Add(GC.GetAllocatedBytesForCurrentThread() - before);
                var result = state.Driver.GetRunResult();
                foreach (var (step, ms) in StepTimes(result))
                {
                    if (!steps.TryGetValue(step, out var list))
                    {
                        steps[step] = list = new List<double>();
                    }

                    list.Add(ms);
                }

                if (i == 0)
                {
                    foreach (var step in result.Results[0].TrackedSteps)
                    {
                        foreach (var run in step.Value)
                        {
                            foreach (var o in run.Outputs)
                            {
                                var key = step.Key + ": " + o.Reason;
                                reasons[key] = reasons.TryGetValue(key, out var c) ? c + 1 : 1;
                            }
                        }
                    }

                    foreach (var o in result.Results[0].TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(r => r.Outputs))
                    {
                        var key = "output: " + o.Reason;
                        reasons[key] = reasons.TryGetValue(key, out var c) ? c + 1 : 1;
                    }
                }
            }

            output.AppendLine($"- **{name}**: {Median(bytes) / 1024 / 1024:0.00} MB allocated per rerun");
            foreach (var (step, list) in steps.OrderByDescending(s => Median(s.Value)).Take(8))
            {
                output.AppendLine($"  - step `{step}`: {Median(list):0.000} ms");
            }

            output.AppendLine("  - step outputs: " + string.Join(", ", reasons.Select(r => r.Key + " ×" + r.Value)));
        }

        return output.ToString();
    }

    /// <summary>
    /// Cold run per method without step tracking (thread CPU, allocations; medians), for the full corpus and with one
    /// thing taken away at a time; and what the driver spends parsing each generator's output.
    /// </summary>
    private static string Ablations(int toolFiles, int repeats)
    {
        var output = new StringBuilder();
        output.AppendLine($"### Cold run per method, by ablation ({toolFiles * GeneratorCorpus.MethodsPerFile} methods; thread CPU and allocations, median of {repeats})");
        output.AppendLine();
        output.AppendLine("| corpus | ours | LoggerMessage | floor |");
        output.AppendLine("|---|---:|---:|---:|");
        foreach (var (name, ai, docs) in new[] { ("as written (doc comments, M.E.AI referenced)", true, true), ("without doc comments", true, false), ("without M.E.AI (no adapters emitted)", false, true) })
        {
            var corpus = new GeneratorCorpus(toolFiles, 2 * toolFiles, referenceAI: ai, docComments: docs);
            var cells = new List<string>();
            foreach (var generator in new[] { corpus.Ours, corpus.LoggerMessage, corpus.Floor })
            {
                corpus.Cold(generator);
                var cpu = new List<double>();
                var bytes = new List<double>();
                for (var i = 0; i < repeats; i++)
                {
                    var b0 = GC.GetAllocatedBytesForCurrentThread();
                    var c0 = Pairs.ThreadCpu.Nanoseconds();
                    corpus.Cold(generator);
                    cpu.Add((Pairs.ThreadCpu.Nanoseconds() - c0) / 1000.0 / corpus.Methods);
                    bytes.Add((GC.GetAllocatedBytesForCurrentThread() - b0) / 1024.0 / corpus.Methods);
                }

                cells.Add($"{Median(cpu):0} µs, {Median(bytes):0.0} KB");
            }

            output.AppendLine($"| {name} | {string.Join(" | ", cells)} |");
        }

        var full = new GeneratorCorpus(toolFiles, 2 * toolFiles);
        output.AppendLine();
        foreach (var (name, generator) in new[] { ("ours", full.Ours), ("LoggerMessage", full.LoggerMessage) })
        {
            var sources = full.Cold(generator).GetRunResult().Results[0].GeneratedSources.Select(s => s.SourceText.ToString()).ToList();
            Parse(sources, full.ParseOptions);
            var cpu = new List<double>();
            var bytes = new List<double>();
            for (var i = 0; i < repeats; i++)
            {
                var b0 = GC.GetAllocatedBytesForCurrentThread();
                var c0 = Pairs.ThreadCpu.Nanoseconds();
                Parse(sources, full.ParseOptions);
                cpu.Add((Pairs.ThreadCpu.Nanoseconds() - c0) / 1000.0 / full.Methods);
                bytes.Add((GC.GetAllocatedBytesForCurrentThread() - b0) / 1024.0 / full.Methods);
            }

            output.AppendLine($"- parsing {name}'s generated source (what the driver does with every AddSource): {Median(cpu):0} µs, {Median(bytes):0.0} KB per method; "
                + $"{sources.Sum(s => s.Length) / full.Methods:N0} chars per method");
        }

        return output.ToString();
    }

    private static void Parse(List<string> sources, Microsoft.CodeAnalysis.CSharp.CSharpParseOptions options)
    {
        foreach (var source in sources)
        {
            Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(source, options).GetRoot();
        }
    }

    private static IEnumerable<(string Step, double Milliseconds)> StepTimes(GeneratorDriverRunResult result)
    {
        foreach (var step in result.Results[0].TrackedSteps)
        {
            yield return (step.Key, step.Value.Sum(r => r.ElapsedTime.TotalMilliseconds));
        }

        foreach (var step in result.Results[0].TrackedOutputSteps)
        {
            yield return ("output: " + step.Key, step.Value.Sum(r => r.ElapsedTime.TotalMilliseconds));
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[sorted.Length / 2];
    }
}
