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
