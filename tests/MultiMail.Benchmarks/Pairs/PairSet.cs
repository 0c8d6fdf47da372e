using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using MultiMail.Benchmarks.Generator;
using MultiMail.Benchmarks.Scenario;

namespace MultiMail.Benchmarks.Pairs;

/// <summary>The pairs of the table that run in a warm process.</summary>
public static class PairSet
{
    /// <param name="smoke">Smallest sizes.</param>
    /// <param name="which">"runtime", "generator" or null for both.</param>
    public static IReadOnlyList<Pair> Create(bool smoke, string? which = null)
    {
        WireCheck.Run();
        var sides = Sides.Create(() => new CannedApiHandler());
        var noKey = Sides.Create(() => new CannedApiHandler(), o => o.DeriveIdempotencyKeys = false);
        var peerFromJson = new Side("AIFunctionFactory: host parse + InvokeAsync(arguments)", () => Ignore(sides.PeerFunctionFromJsonAsync()));
        var peerCall = new Side("AIFunctionFactory: InvokeAsync(arguments)", () => Ignore(sides.PeerFunctionInvokeAsync()));
        var handWritten = new Side("hand-written HttpClient + Utf8JsonWriter", () => new ValueTask(sides.HandWrittenAsync()));
        var ours = new Side("ours: SendEmail(...)", () => new ValueTask(sides.OursDirectAsync()));

        var pairs = new List<Pair>
        {
            new("one tool call from the model's JSON text: `InvokeAsync(json)` vs the host's parse + AIFunctionFactory's `InvokeAsync`",
                new Side("ours: InvokeAsync(json)", () => Ignore(sides.OursInvokeAsync())), peerFromJson,
                "≥ 3× faster, ≤ ½ the allocations"),
            new("one tool call from parsed arguments: `SendEmailAIFunction.InvokeAsync` vs AIFunctionFactory's",
                new Side("ours: SendEmailAIFunction.InvokeAsync(arguments)", () => Ignore(sides.OursFunctionInvokeAsync())), peerCall,
                "≥ 3× faster, ≤ ½ the allocations"),
            new("`SendEmail(...)` vs hand-written HttpClient + Utf8JsonWriter", ours, handWritten, "no slower"),
            new("`SendEmail(...)` vs Refit 16", ours, new Side("Refit 16", () => new ValueTask(sides.RefitAsync())), "allocations ≤ Refit's"),
            new("(attribution) ours without the derived key (`DeriveIdempotencyKeys = false`) vs ours",
                new Side("ours, no derived key", () => new ValueTask(noKey.OursDirectAsync())), ours, "what the key costs"),
            new("(reference) transport floor vs hand-written: the same bytes prepared in advance, through HttpClient",
                new Side("floor", () => new ValueTask(sides.FloorAsync())), handWritten, "what any side pays for HttpClient and the handler"),
        };

        if (which == "runtime")
        {
            return pairs;
        }

        if (which == "generator")
        {
            pairs.Clear();
        }

        var cold = new GeneratorCorpus(smoke ? 5 : 50, smoke ? 10 : 100);
        pairs.Add(new(
            "generator cold run, per method, vs LoggerMessage (same driver, same compilation)",
            new Side("ours", () => { cold.Cold(cold.Ours); return default; }, cold.Methods),
            new Side("LoggerMessage", () => { cold.Cold(cold.LoggerMessage); return default; }, cold.Methods),
            "≤ LoggerMessage per method, time and allocations"));

        var rerun = new GeneratorCorpus(smoke ? 5 : 50, smoke ? 50 : 1000);
        var oursState = rerun.StartRerun(rerun.Ours);
        var loggerState = rerun.StartRerun(rerun.LoggerMessage);
        var floorState = rerun.StartRerun(rerun.Floor);
        var loggerRerun = new Side("LoggerMessage", () => { rerun.Rerun(loggerState); return default; });
        pairs.Add(new(
            $"generator rerun after a comment in 1 of {rerun.TotalFiles:N0} files, vs LoggerMessage",
            new Side("ours", () => { rerun.Rerun(oursState); return default; }),
            loggerRerun,
            "≤ LoggerMessage, time and allocations"));
        pairs.Add(new(
            $"(reference) driver floor vs LoggerMessage, rerun in {rerun.TotalFiles:N0} files",
            new Side("floor", () => { rerun.Rerun(floorState); return default; }),
            loggerRerun,
            "what the driver alone costs"));
        return pairs;
    }

    private static ValueTask Ignore<T>(ValueTask<T> task) => task.IsCompletedSuccessfully ? default : new ValueTask(task.AsTask());
}
