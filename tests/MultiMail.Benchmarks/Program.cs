// MultiMail.Benchmarks: the issue-14 comparisons. See docs/benchmarks.md.
//
//   dotnet run -c Release --project tests/MultiMail.Benchmarks -- table            the whole table (warm pairs + cold start)
//   dotnet run -c Release --project tests/MultiMail.Benchmarks -- smoke            CI: everything at the smallest size, seconds
//   dotnet run -c Release --project tests/MultiMail.Benchmarks -- check            the wire check only
//   dotnet run -c Release --project tests/MultiMail.Benchmarks -- pairs [rounds] [runtime|generator]   interleaved pairs, thread CPU
//   dotnet run -c Release --project tests/MultiMail.Benchmarks -- cold [runs]      fresh-process cold start, interleaved
//   dotnet run -c Release --project tests/MultiMail.Benchmarks -- generator        generator step timings, allocations, source size
//   dotnet run -c Release --project tests/MultiMail.Benchmarks -- --filter '*'     BenchmarkDotNet (any of its options)
using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.Extensions.AI;
using MultiMail.Benchmarks;
using MultiMail.Benchmarks.Cold;
using MultiMail.Benchmarks.Generator;
using MultiMail.Benchmarks.Pairs;
using MultiMail.Benchmarks.Scenario;

var mode = args.Length > 0 ? args[0] : string.Empty;
int Number(int index, int fallback) => args.Length > index && int.TryParse(args[index], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : fallback;

switch (mode)
{
    case "check":
        Console.WriteLine(WireCheck.Run());
        Console.WriteLine(SchemaBytes());
        return 0;

    case "pairs":
        Console.WriteLine(RunPairs(Number(1, 30), smoke: false, which: args.Length > 2 ? args[2] : null));
        return 0;

    case "cold":
        Console.WriteLine(ColdStartHarness.Run(Number(1, 20), Console.Error));
        return 0;

    case "generator":
        Console.WriteLine(GeneratorReport.Run(50, 1000, Number(1, 7)));
        return 0;

    case "table":
    {
        var text = new StringBuilder();
        text.AppendLine(Machine());
        text.AppendLine(WireCheck.Run());
        text.AppendLine(SchemaBytes());
        text.AppendLine(RunPairs(Number(1, 30), smoke: false));
        text.AppendLine(ColdStartHarness.Run(Number(2, 20), Console.Error));
        Write("table.md", text.ToString());
        Console.WriteLine(text);
        return 0;
    }

    case "smoke":
    {
        Settings.Smoke = true;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Console.WriteLine(WireCheck.Run());
        Console.WriteLine(SchemaBytes());
        Console.WriteLine(RunPairs(rounds: 2, smoke: true));
        Console.WriteLine(ColdStartHarness.Run(1, Console.Error));
        Console.WriteLine(GeneratorReport.Run(2, 10, 1));
        var config = DefaultConfig.Instance
            .AddJob(Job.Dry.WithToolchain(InProcessEmitToolchain.DontLogOutput).WithId("smoke"))
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "multimail-benchmarks-smoke"))
            .WithOptions(ConfigOptions.DisableLogFile);
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Settings).Assembly).RunAll(config);
        var reports = summaries.SelectMany(s => s.Reports).ToList();
        var failed = reports.Where(r => !r.Success).Select(r => r.BenchmarkCase.DisplayInfo).ToList();
        var errors = summaries.SelectMany(s => s.ValidationErrors).Where(e => e.IsCritical).Select(e => e.Message).ToList();
        Console.WriteLine($"smoke: {reports.Count - failed.Count} benchmarks ran, {failed.Count + errors.Count} failed, {watch.Elapsed.TotalSeconds:0} s");
        foreach (var line in failed.Concat(errors))
        {
            Console.WriteLine("  failed: " + line);
        }

        return reports.Count > 0 && failed.Count == 0 && errors.Count == 0 ? 0 : 1;
    }

    default:
    {
        var config = DefaultConfig.Instance.WithArtifactsPath(Path.Combine(RepositoryRoot(), "artifacts", "benchmarks", "BenchmarkDotNet"));
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Settings).Assembly).Run(args, config);
        return summaries.Any(s => s.Reports.Any(r => !r.Success) || s.HasCriticalValidationErrors) ? 1 : 0;
    }
}

static string RunPairs(int rounds, bool smoke, string? which = null)
{
    var text = new StringBuilder();
    text.AppendLine($"Warm pairs, interleaved in one process (ABBA), {rounds} rounds, by thread CPU time ({(ThreadCpu.IsThreadClock ? "CLOCK_THREAD_CPUTIME_ID" : "process CPU: no thread clock here")}); medians per operation:");
    text.AppendLine();
    text.AppendLine("| path | ours (CPU, allocated) | peer (CPU, allocated) | ours vs peer (median of per-round CPU ratios, IQR) | target |");
    text.AppendLine("|---|---:|---:|---|---|");
    var batch = smoke ? TimeSpan.FromMilliseconds(2) : TimeSpan.FromMilliseconds(40);
    var warmup = smoke ? TimeSpan.FromMilliseconds(20) : TimeSpan.FromMilliseconds(1500);
    var pairs = PairSet.Create(smoke, which);
    PairRunner.WarmAll(pairs, smoke ? TimeSpan.FromMilliseconds(10) : TimeSpan.FromMilliseconds(500));
    foreach (var pair in pairs)
    {
        var result = PairRunner.Run(pair, rounds, batch, warmup);
        text.AppendLine(PairRunner.Format(result));
        Console.Error.WriteLine("pairs: " + pair.Name + ": done");
    }

    return text.ToString();
}

static string SchemaBytes()
{
    var ours = EmailTools.MultiMailTools.Sum(t => Encoding.UTF8.GetByteCount(t.ParametersJsonSchema));
    var oursStrict = EmailTools.MultiMailTools.Sum(t => Encoding.UTF8.GetByteCount(t.StrictParametersJsonSchema));
    var peer = new PeerTools(null!);
    var functions = new[]
    {
        AIFunctionFactory.Create(peer.SendEmail, new AIFunctionFactoryOptions { Name = "send_email" }),
        AIFunctionFactory.Create(peer.CheckInbox, new AIFunctionFactoryOptions { Name = "check_inbox" }),
        AIFunctionFactory.Create(peer.ReplyEmail, new AIFunctionFactoryOptions { Name = "reply_email" }),
    };
    var peerBytes = functions.Sum(f => Encoding.UTF8.GetByteCount(f.JsonSchema.GetRawText()));
    return $"Schema bytes, the seed's 3 tools: ours {ours:N0} (strict {oursStrict:N0}), AIFunctionFactory {peerBytes:N0}: {(1 - (double)ours / peerBytes) * 100:0}% {(ours <= peerBytes ? "smaller" : "larger")}.\n";
}

static string Machine()
{
    var cpu = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() : null;
    return $"Machine: {Environment.ProcessorCount} cores ({cpu ?? "unknown CPU"}), {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, "
        + $"{(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.\n";
}

static string RepositoryRoot()
{
    var directory = new DirectoryInfo(AppContext.BaseDirectory);
    while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MultiMail.Generators.sln")))
    {
        directory = directory.Parent;
    }

    return directory?.FullName ?? Directory.GetCurrentDirectory();
}

static void Write(string name, string text)
{
    var directory = Path.Combine(RepositoryRoot(), "artifacts", "benchmarks");
    Directory.CreateDirectory(directory);
    File.WriteAllText(Path.Combine(directory, name), text);
}
