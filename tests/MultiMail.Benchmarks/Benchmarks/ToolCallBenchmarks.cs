using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using MultiMail.Benchmarks.Scenario;

namespace MultiMail.Benchmarks.Benchmarks;

/// <summary>
/// One tool call as a host makes it: the model's arguments → the tool → the in-memory API's 202 → the result.
/// Baseline: AIFunctionFactory's function over the hand-written client (reflection binding, the same request).
/// Category "json": from the model's JSON text (ours parses it; the peer gets the host's parse). Category
/// "arguments": from the dictionary the host parsed once (the functions' own work only).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ToolCallBenchmarks
{
    private Sides _sides = null!;

    [GlobalSetup]
    public void Setup()
    {
        WireCheck.Run();
        _sides = Sides.Create(() => new CannedApiHandler());
    }

    [Benchmark(Baseline = true, Description = "AIFunctionFactory: host parse + InvokeAsync(arguments)")]
    [BenchmarkCategory("json")]
    public ValueTask<object?> AIFunctionFactoryFromJson() => _sides.PeerFunctionFromJsonAsync();

    [Benchmark(Description = "ours: InvokeAsync(\"send_email\", json)")]
    [BenchmarkCategory("json")]
    public ValueTask<string> OursInvokeAsync() => _sides.OursInvokeAsync();

    [Benchmark(Baseline = true, Description = "AIFunctionFactory: InvokeAsync(arguments)")]
    [BenchmarkCategory("arguments")]
    public ValueTask<object?> AIFunctionFactory() => _sides.PeerFunctionInvokeAsync();

    [Benchmark(Description = "ours: SendEmailAIFunction (read once): InvokeAsync(arguments)")]
    [BenchmarkCategory("arguments")]
    public ValueTask<object?> OursAIFunction() => _sides.OursFunctionInvokeAsync();

    [Benchmark(Description = "ours: SendEmailAIFunction (property read per call): InvokeAsync(arguments)")]
    [BenchmarkCategory("arguments")]
    public ValueTask<object?> OursAIFunctionPropertyPerCall() => _sides.OursFunctionPropertyInvokeAsync();
}

/// <summary>
/// The direct call <c>SendEmail(to, subject, markdown)</c>, idempotency key included, against the hand-written
/// HttpClient + Utf8JsonWriter code (baseline) and a Refit 16 interface; two ablations of ours through public options.
/// </summary>
[MemoryDiagnoser]
public class DirectCallBenchmarks
{
    private Sides _sides = null!;
    private Sides _noKey = null!;
    private Sides _noTimeout = null!;

    [GlobalSetup]
    public void Setup()
    {
        WireCheck.Run();
        _sides = Sides.Create(() => new CannedApiHandler());
        _noKey = Sides.Create(() => new CannedApiHandler(), o => o.DeriveIdempotencyKeys = false);
        _noTimeout = Sides.Create(() => new CannedApiHandler(), o => o.Timeout = System.Threading.Timeout.InfiniteTimeSpan);
    }

    [Benchmark(Baseline = true, Description = "hand-written HttpClient + Utf8JsonWriter")]
    public Task<string> HandWritten() => _sides.HandWrittenAsync();

    [Benchmark(Description = "Refit 16 (generated, STJ source-gen)")]
    public Task<string> Refit() => _sides.RefitAsync();

    [Benchmark(Description = "ours: SendEmail(...)")]
    public Task<string> Ours() => _sides.OursDirectAsync();

    [Benchmark(Description = "transport floor: the same bytes prepared in advance, through HttpClient")]
    public Task<string> TransportFloor() => _sides.FloorAsync();

    [Benchmark(Description = "ours, ablation: DeriveIdempotencyKeys = false")]
    public Task<string> OursWithoutDerivedKey() => _noKey.OursDirectAsync();

    [Benchmark(Description = "ours, ablation: Timeout = infinite (no CancelAfter)")]
    public Task<string> OursWithoutTimeout() => _noTimeout.OursDirectAsync();
}

/// <summary>Building an agent's tool list in a warm process: the three tools as AIFunctions with their schemas.</summary>
[MemoryDiagnoser]
public class ToolListBenchmarks
{
    private Sides _sides = null!;

    [GlobalSetup]
    public void Setup() => _sides = Sides.Create(() => new CannedApiHandler());

    [Benchmark(Baseline = true, Description = "AIFunctionFactory.Create × 3 + JsonSchema")]
    public int AIFunctionFactory()
    {
        var peer = _sides.PeerTools;
        var a = Microsoft.Extensions.AI.AIFunctionFactory.Create(peer.SendEmail, new Microsoft.Extensions.AI.AIFunctionFactoryOptions { Name = "send_email" });
        var b = Microsoft.Extensions.AI.AIFunctionFactory.Create(peer.CheckInbox, new Microsoft.Extensions.AI.AIFunctionFactoryOptions { Name = "check_inbox" });
        var c = Microsoft.Extensions.AI.AIFunctionFactory.Create(peer.ReplyEmail, new Microsoft.Extensions.AI.AIFunctionFactoryOptions { Name = "reply_email" });
        return a.JsonSchema.GetHashCode() ^ b.JsonSchema.GetHashCode() ^ c.JsonSchema.GetHashCode();
    }

    [Benchmark(Description = "ours: AsAITools() + JsonSchema")]
    public int OursAsAITools()
    {
        var hash = 0;
        foreach (var tool in _sides.Ours.AsAITools())
        {
            hash ^= ((Microsoft.Extensions.AI.AIFunction)tool).JsonSchema.GetHashCode();
        }

        return hash;
    }
}
