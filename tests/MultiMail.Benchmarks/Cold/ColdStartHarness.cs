using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;

namespace MultiMail.Benchmarks.Cold;

/// <summary>
/// Starts fresh processes of MultiMail.Benchmarks.ColdStart, one scenario each, ours and the peer's alternating
/// (ABBA), and reports medians of the in-process figures (Main → result, wall and thread CPU) and of the whole
/// process (start → exit), with the per-pair ratio peer / ours.
/// </summary>
public static class ColdStartHarness
{
    public static readonly (string Name, string Ours, string Peer, string Target)[] Pairs =
    {
        ("Main → first tool schema (`ParametersJsonSchema` vs `AIFunctionFactory.Create(m).JsonSchema`)", "ours-schema", "peer-schema", "≥ 100× faster"),
        ("Main → first tool schema through the generated `AIFunction`", "ours-aifunction-schema", "peer-schema", "≥ 20× faster"),
        ("the same, System.Text.Json warm (an unrelated document parsed before the clock starts, as in an agent host)", "ours-aifunction-schema --warm-json", "peer-schema --warm-json", "(≥ 20× faster)"),
        ("Main → first tool call (`InvokeAsync(json)` vs AIFunctionFactory's `InvokeAsync`)", "ours-first-call", "peer-first-call", "(no target; reported)"),
        ("Main → first tool call through the generated `AIFunction`", "ours-aifunction-first-call", "peer-first-call", "(no target; reported)"),
    };

    public static readonly string[] Singles = { "empty", "ours-schema-no-pattern", "regex-construct", "regex", "json-parse", "json-parse-utf8", "meai-arguments", "http-client", "sha256" };

    public static string Executable
    {
        get
        {
            var dll = typeof(ColdStartHarness).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "ColdStartAssembly").Value!;
            var host = Path.ChangeExtension(dll, null);
            return File.Exists(host) ? host : dll;
        }
    }

    public static string Run(int runs, TextWriter log)
    {
        var output = new StringBuilder();
        output.AppendLine($"Cold start: {runs} fresh processes per scenario, ours and the peer's alternating; medians. Host: {Executable}");
        output.AppendLine();
        output.AppendLine("| path | ours: Main → result (wall / thread CPU; methods JIT-compiled) | peer: Main → result (wall / thread CPU; methods JIT-compiled) | ours vs peer (wall; thread CPU) | process start → exit, ours / peer | target |");
        output.AppendLine("|---|---:|---:|---|---:|---|");
        var cache = new Dictionary<string, List<Sample>>();
        foreach (var (name, ours, peer, target) in Pairs)
        {
            var a = new List<Sample>();
            var b = new List<Sample>();
            for (var i = 0; i < runs; i++)
            {
                if (i % 2 == 0)
                {
                    a.Add(Start(ours));
                    b.Add(Start(peer));
                }
                else
                {
                    b.Add(Start(peer));
                    a.Add(Start(ours));
                }
            }

            var ratioWall = Median(a.Zip(b, (x, y) => y.Wall / x.Wall));
            var ratioCpu = Median(a.Zip(b, (x, y) => y.Cpu / x.Cpu));
            output.AppendLine($"| {name} | {Ms(Median(a.Select(s => s.Wall)))} / {Ms(Median(a.Select(s => s.Cpu)))}; {a[0].JitMethods} | {Ms(Median(b.Select(s => s.Wall)))} / {Ms(Median(b.Select(s => s.Cpu)))}; {b[0].JitMethods} | "
                + $"{X(ratioWall)} faster; {X(ratioCpu)} | {Ms(Median(a.Select(s => s.Process)))} / {Ms(Median(b.Select(s => s.Process)))} | {target} |");
            log.WriteLine($"cold: {name}: done");
        }

        output.AppendLine();
        output.AppendLine("Single scenarios, for attribution (Main → result, wall / thread CPU, median):");
        output.AppendLine();
        foreach (var single in Singles)
        {
            var samples = Enumerable.Range(0, runs).Select(_ => Start(single)).ToList();
            output.AppendLine($"- `{single}`: {Ms(Median(samples.Select(s => s.Wall)))} / {Ms(Median(samples.Select(s => s.Cpu)))}, {samples[0].JitMethods} methods JIT-compiled; process start → exit {Ms(Median(samples.Select(s => s.Process)))}");
        }

        return output.ToString();
    }

    private sealed record Sample(double Wall, double Cpu, double Process, int JitMethods);

    private static Sample Start(string scenario)
    {
        var exe = Executable;
        var info = exe.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? new ProcessStartInfo("dotnet") { ArgumentList = { exe } } : new ProcessStartInfo(exe);
        foreach (var part in scenario.Split(' '))
        {
            info.ArgumentList.Add(part);
        }

        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var line = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        var total = watch.Elapsed.TotalMilliseconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("cold start: " + scenario + " exited with " + process.ExitCode + ": " + error);
        }

        var parts = line.Trim().Split('\t');
        return new Sample(double.Parse(parts[1], CultureInfo.InvariantCulture), double.Parse(parts[2], CultureInfo.InvariantCulture), total, int.Parse(parts[4], CultureInfo.InvariantCulture));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Ms(double ms) => ms.ToString(ms < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + " ms";

    private static string X(double ratio) => ratio.ToString("0.0", CultureInfo.InvariantCulture) + "×";
}
