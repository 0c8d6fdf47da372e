using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using CsCheck;
using Xunit;
using Xunit.Abstractions;

namespace MultiMail.Sandbox.Tests.ModelBased;

/// <summary>
/// Issue 11's proof: random sequences of agent, admin and operator actions (send / reply / cancel with any fields,
/// mode changes, upgrade requests and code guesses, decisions, inbound mail, clock advances, key revocation,
/// restarts) driven over HTTP against a reference model, with every invariant checked after every step
/// (<see cref="OversightDriver.CheckAsync"/>). CI runs 2,000 sequences; <c>MM_MODEL_SEQUENCES</c> asks for more and
/// <c>MM_MODEL_SECONDS</c> runs for a time instead; <c>MM_MODEL_SEED</c> replays a failure CsCheck printed.
/// </summary>
public sealed class OversightModelTests
{
    private static readonly string[] Modes = ["read_only", "gated_all", "gated_send", "monitored", "autonomous"];

    // Valid, look-alike (valid IDN, must show punycode) and invisible-character (refused) addresses; valid values are
    // repeated so that most generated calls get past validation and reach the oversight rules.
    private static readonly string[] Addresses =
    [
        "bob@example.com", "bob@example.com", "carol@example.org", "exfil@attacker.example", "exfil@attacker.example", "ceo@ex\u0430mple.com",
        "ceo@ex\u0430mple.com", "bob@example.com\u200B", "ceo@exam\u202Eple.com",
    ];

    private static readonly string[] Subjects = ["Hello", "Hello", "Invoice \u202Egpj.exe", "Re: numbers", "<script>x()</script>", "Hello", "two\nlines"];
    private static readonly string[] Bodies = ["Hello", "See attached.", "Pay\u200B now", "Same text", "Same text", "Hello", " "];
    private static readonly Attachment[] Attachments =
    [
        new("customers.csv", "text/csv", "name,email\nAda,ada@example.com\n"),
        new("customers.csv", "text/csv", "name,email\nAda,ada@example.com\n"),
        new("a.txt", "text/plain; charset=utf-8", "hi"),
        new("page.html", "text/html", "<script>alert(1)</script>"),
        new("bad.txt", "text/plain\r\nX-Evil: 1", "x"),
    ];

    private readonly ITestOutputHelper _output;

    public OversightModelTests(ITestOutputHelper output) => _output = output;

    private static long Setting(string name, long fallback) =>
        long.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    [Fact]
    public async Task Random_sequences_keep_every_oversight_invariant()
    {
        await using var host = await SandboxHost.StartAsync();
        var sequences = Setting("MM_MODEL_SEQUENCES", 2000);
        var seconds = (int)Setting("MM_MODEL_SECONDS", -1);
        var seed = Environment.GetEnvironmentVariable("MM_MODEL_SEED");
        var started = Stopwatch.StartNew();
        var count = 0;
        OversightDriver.TotalSteps = 0;
        OversightDriver.CheckTicks = 0;

        Gen<string[]> Pick(string[] pool, int max) => Gen.Int[0, pool.Length - 1].Array[0, max].Select(ix => ix.Select(i => pool[i]).ToArray());
        var attachments = Gen.Int[0, Attachments.Length - 1].Array[0, 1].Select(ix => ix.Select(i => Attachments[i]).ToArray());
        var key = Gen.OneOf<string?>(null, "k1", "k1", "k2");

        var send = Gen.Select(Pick(Addresses, 2).Where(a => a.Length > 0), Pick(Addresses, 1), Pick(Addresses, 1), Gen.OneOf(Subjects), Gen.OneOf(Bodies), attachments,
                Gen.OneOf<int?>(null, null, null, 60, 120, -5), Gen.OneOf<string?>(null, "gate_first", "schedule_first"))
            .Select(key, (t, k) => new SendOp(t.Item1, t.Item2, t.Item3, t.Item4, t.Item5, t.Item6, t.Item7, t.Item8, k))
            .Operation<OversightDriver, OversightDriver>(op => " " + op, (d, op) => Step(d, () => d.SendAsync(op), op.ToString()), (_, _) => Task.CompletedTask);
        var reply = Gen.Select(Gen.Int[0, 8], Pick(Addresses, 1), Pick(Addresses, 1), Gen.OneOf(Bodies), attachments, key)
            .Select(t => new ReplyOp(t.Item1, t.Item2, t.Item3, t.Item4, t.Item5, t.Item6))
            .Operation<OversightDriver, OversightDriver>(op => " " + op, (d, op) => Step(d, () => d.ReplyAsync(op), op.ToString()), (_, _) => Task.CompletedTask);
        var cancel = Gen.Int[0, 8].Operation<OversightDriver, OversightDriver>(i => " Cancel #" + i, (d, i) => Step(d, () => d.CancelAsync(i), "Cancel #" + i), (_, _) => Task.CompletedTask);
        var read = Gen.Int[0, 8].Operation<OversightDriver, OversightDriver>(i => " Read #" + i, (d, i) => Step(d, () => d.ReadAsync(i), "Read #" + i), (_, _) => Task.CompletedTask);
        var since = Gen.Int[0, 8].Operation<OversightDriver, OversightDriver>(i => " ListSince #" + i, (d, i) => Step(d, () => d.ListSinceAsync(i), "ListSince #" + i), (_, _) => Task.CompletedTask);
        var escalate = Gen.Int[0, 4].Operation<OversightDriver, OversightDriver>(i => " Escalate " + i, (d, i) => Step(d, () => d.EscalateAsync(i), "Escalate " + i), (_, _) => Task.CompletedTask);
        var request = Gen.OneOf(Modes).Operation<OversightDriver, OversightDriver>(m => " RequestUpgrade " + m, (d, m) => Step(d, () => d.RequestUpgradeAsync(m), "RequestUpgrade " + m), (_, _) => Task.CompletedTask);
        var redeem = Gen.Select(Gen.Int[0, 4], Gen.OneOf("AAA-AA", "ZZZ-99", "abc-de"), Gen.Int[1, 6])
            .Operation<OversightDriver, OversightDriver>(t => " Upgrade " + t, (d, t) => Step(d, () => d.UpgradeAsync(t.Item1, t.Item2, t.Item3), "Upgrade " + t), (_, _) => Task.CompletedTask);
        var decide = Gen.Select(Gen.Int[0, 8], Gen.Bool)
            .Operation<OversightDriver, OversightDriver>(t => " Decide " + t, (d, t) => Step(d, () => d.DecideAsync(t.Item1, t.Item2), "Decide " + t), (_, _) => Task.CompletedTask);
        var page = Gen.Select(Gen.Int[0, 8], Gen.Bool)
            .Operation<OversightDriver, OversightDriver>(t => " DecideOnPage " + t, (d, t) => Step(d, () => d.DecideAsync(t.Item1, t.Item2, onPage: true), "DecideOnPage " + t), (_, _) => Task.CompletedTask);
        var inbound = Gen.Select(Gen.OneOf("dana@example.com", "sam@example.org"), Gen.OneOf("Question", "Re: Fwd: Invoice 7", "Order"), Gen.OneOf(Bodies.Where(b => b.Trim().Length > 0).ToArray()))
            .Operation<OversightDriver, OversightDriver>(t => " Inbound " + t, (d, t) => Step(d, () => d.InboundAsync(new InboundOp(t.Item1, t.Item2, t.Item3)), "Inbound " + t), (_, _) => Task.CompletedTask);
        var patchMode = Gen.OneOf(Modes).Operation<OversightDriver, OversightDriver>(m => " PatchMode " + m, (d, m) => Step(d, () => d.PatchModeAsync(m), "PatchMode " + m), (_, _) => Task.CompletedTask);
        var setMode = Gen.OneOf(Modes).Operation<OversightDriver, OversightDriver>(m => " OperatorSetMode " + m, (d, m) => Step(d, () => d.OperatorSetModeAsync(m), "OperatorSetMode " + m), (_, _) => Task.CompletedTask);
        var autoBcc = Gen.OneOf<string?>(null, "archive@example.com", "exfil@attacker.example")
            .Operation<OversightDriver, OversightDriver>(a => " AutoBcc " + a, (d, a) => Step(d, () => d.PatchAutoBccAsync(a), "AutoBcc " + a), (_, _) => Task.CompletedTask);
        var clock = Gen.OneOf(1, 61, 3_600, 90_000)
            .Operation<OversightDriver, OversightDriver>(s => " Advance " + s + "s", (d, s) => Step(d, () => d.AdvanceClockAsync(s), "Advance " + s + "s"), (_, _) => Task.CompletedTask);
        var revoke = Gen.Int[0, 29].Operation<OversightDriver, OversightDriver>(
            i => i == 0 ? " RevokeAgentKey" : " (no revoke)", (d, i) => i == 0 ? Step(d, () => d.RevokeAgentKeyAsync(), "RevokeAgentKey") : Task.CompletedTask, (_, _) => Task.CompletedTask);
        var restart = Gen.Int[0, 59].Operation<OversightDriver, OversightDriver>(
            i => i == 0 ? " Restart" : " (no restart)", (d, i) => i == 0 ? Step(d, () => d.RestartAsync(), "Restart") : Task.CompletedTask, (_, _) => Task.CompletedTask);

        var initial = Gen.OneOf(Modes).Select(async mode =>
        {
            var driver = await OversightDriver.StartAsync(host, mode);
            System.Threading.Interlocked.Increment(ref count);
            return (driver, driver);
        });

        await Task.Run(() => initial.SampleModelBasedAsync(
            [send, send, send, reply, reply, cancel, cancel, read, since, escalate, request, request, redeem, redeem, decide, decide, page, inbound, inbound, patchMode, setMode, autoBcc, autoBcc, clock, revoke, restart],
            equal: (actual, _) => actual.FinalCheck(),
            seed: seed,
            iter: seconds > 0 ? -1 : sequences,
            time: seconds,
            threads: 1,
            printActual: d => d.ToString(),
            printModel: _ => string.Empty,
            writeLine: _output.WriteLine));

        var line = "model-based: " + count + " sequences, " + OversightDriver.TotalSteps + " checked steps, " + host.Restarts + " restarts, "
            + host.Logs.Total + " log lines scanned, " + started.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s ("
            + ((double)OversightDriver.CheckTicks / Stopwatch.Frequency).ToString("0.0", CultureInfo.InvariantCulture) + " s of it checking invariants)";
        _output.WriteLine(line);
        Console.WriteLine(line);
        Assert.True(count >= Math.Min(sequences, 2000) || seconds > 0, line);
    }

    /// <summary>Steps per sequence (later operations of a longer generated sequence are skipped): short in CI, longer on demand.</summary>
    private static readonly int MaxSteps = (int)Setting("MM_MODEL_MAX_STEPS", 10);

    private static async Task Step(OversightDriver driver, Func<Task> action, string name)
    {
        if (driver.Steps >= MaxSteps)
        {
            return;
        }

        await action();
        await driver.CheckAsync(name);
    }
}
