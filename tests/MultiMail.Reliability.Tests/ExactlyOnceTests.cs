using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MultiMail.Reliability.Tests.Infrastructure;
using MultiMail.Sandbox;
using Xunit.Abstractions;

namespace MultiMail.Reliability.Tests;

/// <summary>
/// Exactly-once, measured: N distinct sends through AddMultiMail while 20 % of the requests that leave the pipeline
/// meet a fault (lost answers after the server stored the send, 5xx, 429 with Retry-After, answers slower than the
/// attempt timeout, duplicated deliveries, resets). The agent loop behaves like a model: it repeats a call, with the
/// same arguments, only when the text says to try again. Then the sandbox must hold exactly N emails, each once, and
/// every text the tools returned must be clear. N = 1,000 in CI, 10,000 with MULTIMAIL_RELIABILITY_LONG=1
/// (or MULTIMAIL_RELIABILITY_SENDS).
/// </summary>
[Collection(HeavyCollection.Name)]
public sealed class ExactlyOnceTests
{
    private readonly ITestOutputHelper _output;

    public ExactlyOnceTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task EverySendUnderTwentyPercentFaultsIsStoredExactlyOnce()
    {
        var sends = Mode.Int("MULTIMAIL_RELIABILITY_SENDS", 1_000, 10_000);
        const int Workers = 16;
        const int ModelAttempts = 8;

        await using var sandbox = await MultiMailSandbox.StartAsync();
        var mailbox = await sandbox.CreateMailboxAsync("bulk", SandboxOversightMode.Autonomous);
        using var host = AppHost.Start(sandbox, new FaultPlan(rate: 0.2, seed: 20261201) { SlowDelay = TimeSpan.FromSeconds(2.5) }, mailbox, resilience: o =>
        {
            AppHost.Fast(o);
            o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(2);
        });

        // Warm up (JIT, connection pool, SQLite) before the faults start, as a running application would be.
        var rate = host.Faults.Rate;
        host.Faults.Rate = 0;
        Assert.Equal(TextKind.Json, Texts.Classify(await host.Agent.CheckInbox()));
        host.Faults.Rate = rate;

        var ids = new string?[sends];
        var texts = new ConcurrentBag<(int Send, TextKind Kind, string Text)>();
        var modelRetries = 0;
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < sends)
            {
                for (var attempt = 0; attempt < ModelAttempts; attempt++)
                {
                    if (attempt > 0)
                    {
                        Interlocked.Increment(ref modelRetries);
                    }

                    var text = await host.Agent.SendEmail(["r" + i + "@example.com"], "Report " + i, "Body of report " + i + ".");
                    var kind = Texts.Classify(text);
                    texts.Add((i, kind, text));
                    if (kind == TextKind.Json)
                    {
                        ids[i] = Texts.Json(text).Str("id");
                        break;
                    }

                    if (kind != TextKind.TryAgain)
                    {
                        break;
                    }

                    // A model takes a while to answer a "try again later" (a round trip to the LLM); this loop waits a bit.
                    await Task.Delay(TimeSpan.FromMilliseconds(250 * (attempt + 1)));
                }
            }
        }))).ConfigureAwait(true);
        clock.Stop();

        var unclear = texts.Where(t => t.Kind is TextKind.Unclear or TextKind.DoNotRetry).ToArray();
        var deliveries = await WaitForDeliveriesAsync(sandbox, mailbox, sends);
        var bySubject = deliveries.GroupBy(d => d.Subject).ToDictionary(g => g.Key, g => g.ToArray());
        var stored = sandbox.GetAuditLog().Count(e => e.Action == "email.send");
        var duplicates = bySubject.Values.Count(g => g.Length > 1);
        var lost = Enumerable.Range(0, sends).Count(i => !bySubject.ContainsKey("Report " + i));

        _output.WriteLine($"sends: {sends}, workers: {Workers}, time: {clock.Elapsed.TotalSeconds:F1} s");
        _output.WriteLine($"requests through the fault layer: {host.Faults.Requests}, injected faults: {host.Faults.Injected} ({100.0 * host.Faults.Injected / host.Faults.Requests:F1} %), deliveries to the server: {host.Faults.ReachedServer}");
        _output.WriteLine("faults: " + string.Join(", ", host.Faults.Counts.OrderBy(k => k.Key).Select(k => k.Key + " " + k.Value)));
        _output.WriteLine($"tool results: {texts.Count} ({texts.Count(t => t.Kind == TextKind.Json)} JSON, {texts.Count(t => t.Kind == TextKind.TryAgain)} try-again texts, {unclear.Length} other); model-level retries: {modelRetries}");
        _output.WriteLine($"replays (already_sent): {texts.Count(t => t.Kind == TextKind.Json && t.Text.Contains("already_sent", StringComparison.Ordinal))}");
        _output.WriteLine($"emails stored: {stored}, delivered: {deliveries.Count}, duplicates: {duplicates}, lost: {lost}");

        foreach (var g in texts.Where(t => t.Kind != TextKind.Json).GroupBy(t => t.Text).OrderByDescending(g => g.Count()))
        {
            _output.WriteLine($"  {g.Count()} x {g.Key}");
        }

        Assert.Empty(unclear.Select(u => u.Text).Distinct());
        Assert.InRange(host.Faults.Injected, host.Faults.Requests * 15 / 100, host.Faults.Requests * 25 / 100);
        Assert.Equal(sends, stored);
        Assert.Equal(sends, deliveries.Count);
        Assert.Equal(0, duplicates);
        Assert.Equal(0, lost);
        for (var i = 0; i < sends; i++)
        {
            // The id each call finally reported is the email the sandbox stored for it.
            Assert.Equal(bySubject["Report " + i].Single().EmailId, ids[i]);
        }
    }

    private static async Task<IReadOnlyList<SandboxOutboxMessage>> WaitForDeliveriesAsync(MultiMailSandbox sandbox, string mailbox, int expected)
    {
        IReadOnlyList<SandboxOutboxMessage> deliveries = [];
        for (var i = 0; i < 100; i++)
        {
            deliveries = sandbox.GetOutbox(mailbox).Where(m => m.Kind == "delivery").ToArray();
            if (deliveries.Count >= expected)
            {
                break;
            }

            await Task.Delay(100);
        }

        return deliveries;
    }
}
