using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using MultiMail.Reliability.Tests.Infrastructure;
using MultiMail.Sandbox;
using Xunit.Abstractions;

namespace MultiMail.Reliability.Tests;

/// <summary>
/// 100 concurrent agents, each with its own tool set resolved from DI over the one registered client, call tools for a
/// bounded time (5 s in CI, 60 s with MULTIMAIL_RELIABILITY_LONG=1 or MULTIMAIL_RELIABILITY_SECONDS) against a sandbox
/// with a sending quota. Every text must be JSON or the quota's 429; every accepted send must be waiting in the
/// approval queue, once.
/// </summary>
[Collection(HeavyCollection.Name)]
public sealed class LoadTests
{
    private readonly ITestOutputHelper _output;

    public LoadTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task HundredConcurrentAgentsSeeOnlyTheConfiguredRateLimitAndLoseNoPendingApproval()
    {
        const int Agents = 100;
        var seconds = Mode.Int("MULTIMAIL_RELIABILITY_SECONDS", 5, 60);
        await using var sandbox = await MultiMailSandbox.StartAsync(new MultiMailSandboxOptions { SendQuota = new SandboxSendQuota(40, TimeSpan.FromSeconds(1)) });
        using var host = AppHost.Start(sandbox, resilience: o => o.Retry.Delay = TimeSpan.FromMilliseconds(50));
        Assert.Equal(TextKind.Json, Texts.Classify(await host.Agent.CheckInbox()));

        var accepted = new ConcurrentBag<string>();
        var calls = 0;
        var rateLimited = 0;
        var errors = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Agents).Select(agent => Task.Run(async () =>
        {
            var tools = host.Services.GetRequiredService<AgentTools>(); // each agent its own tool set, one shared client
            var random = new Random(agent);
            string? mine = null;
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var choice = random.Next(10);
                var text = choice < 4 ? await tools.SendEmail(["agent" + agent + "@example.com"], "Update " + agent + "." + n, "Status " + n + ".")
                    : choice < 7 || mine is null ? await tools.CheckInbox(limit: 5)
                    : await tools.ReadEmail(mine);
                Interlocked.Increment(ref calls);
                if (Texts.Classify(text) == TextKind.Json)
                {
                    if (choice < 4)
                    {
                        var id = Texts.Json(text).Str("id");
                        accepted.Add(id);
                        mine = id;
                    }
                }
                else if (text.StartsWith("Error 429 (rate limited)", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref rateLimited);
                }
                else
                {
                    errors.Add(text);
                }
            }
        }))).ConfigureAwait(true);
        clock.Stop();

        var pending = Texts.Json(await host.Operator.ListPending()).GetProperty("emails").EnumerateArray().Select(e => e.Str("id")).ToArray();
        var retries = host.Logs.GetSnapshot().Count(r => r.Id.Name == "MultiMailRetry");
        _output.WriteLine($"agents: {Agents}, time: {clock.Elapsed.TotalSeconds:F1} s, tool calls: {calls} ({calls / clock.Elapsed.TotalSeconds:F0}/s)");
        _output.WriteLine($"sends accepted: {accepted.Count}, 429 texts (quota 40 sends/s): {rateLimited}, pipeline retries: {retries}, other errors: {errors.Count}");
        _output.WriteLine($"pending approvals: {pending.Length}, distinct: {pending.Distinct().Count()}");
        foreach (var g in errors.GroupBy(e => e).Take(5))
        {
            _output.WriteLine($"  {g.Count()} x {g.Key}");
        }

        Assert.Empty(errors);
        Assert.True(accepted.Count > 0);
        Assert.Equal(accepted.Count, accepted.Distinct().Count());
        Assert.Equal(accepted.OrderBy(i => i, StringComparer.Ordinal), pending.OrderBy(i => i, StringComparer.Ordinal));
        Assert.Equal(accepted.Count, sandbox.Count("email.send"));
    }
}
