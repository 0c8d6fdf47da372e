using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;

namespace MultiMail.Benchmarks.Pairs;

/// <summary>One side of a pair: an operation that is run many times on the calling thread.</summary>
public sealed record Side(string Name, Func<ValueTask> Operation, int OperationsPerCall = 1);

/// <summary>Two sides measured against each other.</summary>
public sealed record Pair(string Name, Side Ours, Side Peer, string Target);

/// <summary>The figures of one side: medians over the rounds, per operation.</summary>
public sealed record SideFigures(double CpuNanoseconds, double WallNanoseconds, double AllocatedBytes, int AsyncHops);

/// <summary>The outcome of one pair: both sides and the per-round ratios (ours / peer).</summary>
public sealed record PairResult(Pair Pair, SideFigures Ours, SideFigures Peer, double CpuRatio, double CpuRatioLow, double CpuRatioHigh, double AllocationRatio, int Rounds);

/// <summary>
/// The interleaved in-process comparison: both sides are warmed up (so tiered JIT has promoted them), then measured in
/// rounds, ABBA order, each measurement a batch of operations timed by the thread's own CPU clock (what other processes
/// on a shared machine do does not count) and by allocated bytes. A round's ratio is ours / peer of that round; the
/// result is the median ratio with its interquartile range. Operations must complete synchronously (in-memory
/// transport); ones that do not are waited for and counted, since CPU used on other threads is not seen.
/// </summary>
public static class PairRunner
{
    public static PairResult Run(Pair pair, int rounds, TimeSpan batchTarget, TimeSpan warmup)
    {
        Warm(pair.Ours, warmup);
        Warm(pair.Peer, warmup);
        var batchOurs = BatchSize(pair.Ours, batchTarget);
        var batchPeer = BatchSize(pair.Peer, batchTarget);

        var ours = new List<(double Cpu, double Wall, double Bytes, int Hops)>(rounds);
        var peer = new List<(double Cpu, double Wall, double Bytes, int Hops)>(rounds);
        var ratios = new List<double>(rounds);
        for (var round = 0; round < rounds; round++)
        {
            (double Cpu, double Wall, double Bytes, int Hops) a, b;
            if (round % 2 == 0)
            {
                a = Measure(pair.Ours, batchOurs);
                b = Measure(pair.Peer, batchPeer);
            }
            else
            {
                b = Measure(pair.Peer, batchPeer);
                a = Measure(pair.Ours, batchOurs);
            }

            ours.Add(a);
            peer.Add(b);
            ratios.Add(a.Cpu / b.Cpu);
        }

        ratios.Sort();
        var o = Figures(ours);
        var p = Figures(peer);
        return new PairResult(pair, o, p, Quantile(ratios, 0.5), Quantile(ratios, 0.25), Quantile(ratios, 0.75), p.AllocatedBytes == 0 ? double.NaN : o.AllocatedBytes / p.AllocatedBytes, rounds);
    }

    private static SideFigures Figures(List<(double Cpu, double Wall, double Bytes, int Hops)> samples) => new(
        Median(samples.Select(s => s.Cpu)),
        Median(samples.Select(s => s.Wall)),
        Median(samples.Select(s => s.Bytes)),
        samples.Sum(s => s.Hops));

    /// <summary>
    /// Warms every side of every pair before any is measured: tiered compilation waits until no new method has been
    /// compiled for a while before it promotes hot ones, so a pair measured right after others first ran is not yet at tier 1.
    /// </summary>
    public static void WarmAll(IEnumerable<Pair> pairs, TimeSpan each)
    {
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var pair in pairs)
            {
                Warm(pair.Ours, each);
                Warm(pair.Peer, each);
            }
        }
    }

    private static void Warm(Side side, TimeSpan duration)
    {
        var watch = Stopwatch.StartNew();
        var calls = 0;
        // At least 200 calls (tier-0 -> tier-1 needs 30 calls and a 100 ms delay), and at least the given time.
        while (calls < 200 || watch.Elapsed < duration)
        {
            Call(side);
            calls++;
        }
    }

    private static int BatchSize(Side side, TimeSpan target)
    {
        var n = 1;
        while (true)
        {
            var start = ThreadCpu.Nanoseconds();
            for (var i = 0; i < n; i++)
            {
                Call(side);
            }

            var elapsed = ThreadCpu.Nanoseconds() - start;
            if (elapsed >= target.Ticks * 100 / 4 || n >= 1 << 20)
            {
                return Math.Max(1, (int)Math.Min(1 << 22, n * (double)(target.Ticks * 100) / Math.Max(1, elapsed)));
            }

            n *= 2;
        }
    }

    private static (double Cpu, double Wall, double Bytes, int Hops) Measure(Side side, int batch)
    {
        var hops = 0;
        var bytes0 = GC.GetAllocatedBytesForCurrentThread();
        var wall0 = Stopwatch.GetTimestamp();
        var cpu0 = ThreadCpu.Nanoseconds();
        for (var i = 0; i < batch; i++)
        {
            hops += Call(side);
        }

        var cpu = ThreadCpu.Nanoseconds() - cpu0;
        var wall = Stopwatch.GetElapsedTime(wall0).Ticks * 100.0;
        var bytes = GC.GetAllocatedBytesForCurrentThread() - bytes0;
        var ops = (double)batch * side.OperationsPerCall;
        return (cpu / ops, wall / ops, bytes / ops, hops);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Call(Side side)
    {
        var task = side.Operation();
        if (task.IsCompletedSuccessfully)
        {
            return 0;
        }

        task.AsTask().GetAwaiter().GetResult();
        return 1;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return Quantile(sorted, 0.5);
    }

    private static double Quantile(List<double> sorted, double q)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var position = (sorted.Count - 1) * q;
        var low = (int)Math.Floor(position);
        var high = (int)Math.Ceiling(position);
        return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }

    public static string Format(PairResult r)
    {
        static string Time(double ns) => ns >= 1_000_000 ? (ns / 1_000_000).ToString("0.00", CultureInfo.InvariantCulture) + " ms"
            : ns >= 1_000 ? (ns / 1_000).ToString("0.00", CultureInfo.InvariantCulture) + " µs"
            : ns.ToString("0", CultureInfo.InvariantCulture) + " ns";
        static string Bytes(double b) => b >= 1024 * 1024 ? (b / 1024 / 1024).ToString("0.0", CultureInfo.InvariantCulture) + " MB"
            : b >= 1024 ? (b / 1024).ToString("0.0", CultureInfo.InvariantCulture) + " KB"
            : b.ToString("0", CultureInfo.InvariantCulture) + " B";
        var speed = r.CpuRatio >= 1
            ? (r.CpuRatio).ToString("0.00", CultureInfo.InvariantCulture) + "× slower"
            : (1 / r.CpuRatio).ToString("0.00", CultureInfo.InvariantCulture) + "× faster";
        var hops = r.Ours.AsyncHops + r.Peer.AsyncHops > 0 ? $" (async hops: ours {r.Ours.AsyncHops}, peer {r.Peer.AsyncHops})" : string.Empty;
        return $"| {r.Pair.Name} | {Time(r.Ours.CpuNanoseconds)}, {Bytes(r.Ours.AllocatedBytes)} | {Time(r.Peer.CpuNanoseconds)}, {Bytes(r.Peer.AllocatedBytes)} | "
            + $"{speed} (ratio {r.CpuRatio.ToString("0.00", CultureInfo.InvariantCulture)}, IQR {r.CpuRatioLow.ToString("0.00", CultureInfo.InvariantCulture)}–{r.CpuRatioHigh.ToString("0.00", CultureInfo.InvariantCulture)}); allocations ×{r.AllocationRatio.ToString("0.00", CultureInfo.InvariantCulture)}{hops} | {r.Pair.Target} |";
    }
}
