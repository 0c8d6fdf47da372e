using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using MultiMail.Reliability.Tests.Infrastructure;
using MultiMail.Sandbox;

namespace MultiMail.Reliability.Tests;

/// <summary>
/// What AddMultiMail's pipeline retries, against the real sandbox with one scripted fault: sends (which always carry
/// an idempotency key) are retried and stored once; a POST without a key is never repeated; reads are retried;
/// Retry-After is honoured up to the retry's MaxDelay and passed to the model beyond it.
/// </summary>
public sealed class RetryRuleTests
{
    [Theory]
    [InlineData(Fault.ResetAfterStored)]
    [InlineData(Fault.Status500AfterStored)]
    [InlineData(Fault.SlowAfterStored)]
    public async Task ASendWhoseAnswerWasLostAfterTheServerStoredItIsRetriedAndStoredOnce(Fault fault)
    {
        await using var sandbox = await MultiMailSandbox.StartAsync();
        using var host = AppHost.Start(sandbox);
        host.Faults.Script(fault);

        var text = await host.Agent.SendEmail(["ann@example.com"], "Once", "Only once.");

        // The retry carried the same idempotency key: the sandbox answered with the stored email (a replay).
        Assert.Equal("already_sent", Texts.Json(text).Str("status"));
        Assert.Equal(1, sandbox.Count("email.send"));
        Assert.Equal(2, host.Faults.ReachedServer);
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Id.Name == "MultiMailRetry");
    }

    [Theory]
    [InlineData(Fault.ResetBeforeSent)]
    [InlineData(Fault.Status500)]
    [InlineData(Fault.Status503)]
    [InlineData(Fault.TooManyRequests)]
    public async Task ASendThatNeverReachedTheServerIsRetriedAndAccepted(Fault fault)
    {
        await using var sandbox = await MultiMailSandbox.StartAsync();
        using var host = AppHost.Start(sandbox);
        host.Faults.Script(fault);

        var text = await host.Agent.SendEmail(["ann@example.com"], "Once", "Only once.");

        Assert.Equal("pending_scan", Texts.Json(text).Str("status"));
        Assert.Equal(1, sandbox.Count("email.send"));
        Assert.Equal(2, host.Faults.Requests);
    }

    [Fact]
    public async Task ADuplicatedDeliveryStoresOneEmail()
    {
        await using var sandbox = await MultiMailSandbox.StartAsync();
        using var host = AppHost.Start(sandbox);
        host.Faults.Script(Fault.DuplicatedDelivery);

        var text = await host.Agent.SendEmail(["ann@example.com"], "Once", "Only once.");

        Assert.Contains(Texts.Json(text).Str("status"), new[] { "pending_scan", "already_sent" });
        Assert.Equal(1, sandbox.Count("email.send"));
        Assert.Equal(2, host.Faults.ReachedServer);
    }

    [Fact]
    public async Task APostWithoutAnIdempotencyKeyIsNeverRepeated()
    {
        await using var sandbox = await MultiMailSandbox.StartAsync();
        using var host = AppHost.Start(sandbox);
        host.Faults.Script(Fault.Status500AfterStored);

        var text = await host.Agent.AddContact("Ann", "ann@example.com");

        Assert.StartsWith("Error 500: the MultiMail service is unavailable right now.", text, StringComparison.Ordinal);
        Assert.Equal(1, host.Faults.Requests);
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Id.Name == "MultiMailNotRetried" && r.Message.Contains("POST without an idempotency key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASendWithoutAKeyBecauseDerivationIsOffIsNeverRepeated()
    {
        await using var sandbox = await MultiMailSandbox.StartAsync();
        using var host = AppHost.Start(sandbox, configure: o => o.DeriveIdempotencyKeys = false);
        host.Faults.Script(Fault.ResetAfterStored);

        var text = await host.Agent.SendEmail(["ann@example.com"], "Once", "Only once.");

        Assert.StartsWith("Error: could not reach the MultiMail API", text, StringComparison.Ordinal);
        Assert.Equal(1, host.Faults.Requests);
        Assert.Equal(1, sandbox.Count("email.send")); // stored once; the tool said "try again later" without a key guarantee
    }

    [Theory]
    [InlineData(Fault.Status500)]
    [InlineData(Fault.ResetBeforeSent)]
    [InlineData(Fault.SlowAfterStored)]
    public async Task AReadIsRetried(Fault fault)
    {
        await using var sandbox = await MultiMailSandbox.StartAsync();
        using var host = AppHost.Start(sandbox);
        host.Faults.Script(fault);

        var text = await host.Agent.CheckInbox();

        Assert.Equal(TextKind.Json, Texts.Classify(text));
        Assert.Equal(2, host.Faults.Requests);
    }

    [Fact]
    public async Task RetryAfterIsHonoured()
    {
        await using var sandbox = await MultiMailSandbox.StartAsync();
        using var host = AppHost.Start(sandbox);
        host.Faults.RetryAfterSeconds = 2;
        host.Faults.Script(Fault.TooManyRequests);

        Assert.Equal(TextKind.Json, Texts.Classify(await host.Agent.CheckInbox()));

        // The retry waited exactly what the server asked (no backoff, no jitter).
        var retry = Assert.Single(host.Logs.GetSnapshot(), r => r.Id.Name == "MultiMailRetry");
        Assert.Equal("2000", retry.StructuredState!.Single(p => p.Key == "DelayMilliseconds").Value);
        Assert.Equal("HTTP 429", retry.StructuredState!.Single(p => p.Key == "Reason").Value);
    }

    [Fact]
    public async Task ARetryAfterLongerThanMaxDelayGoesToTheModel()
    {
        await using var sandbox = await MultiMailSandbox.StartAsync();
        using var host = AppHost.Start(sandbox);
        host.Faults.RetryAfterSeconds = 60;
        host.Faults.Script(Fault.TooManyRequests);

        var text = await host.Agent.CheckInbox();

        Assert.Equal("Error 429 (rate limited): injected 429. Retry after 60 seconds.", text);
        Assert.Equal(1, host.Faults.Requests);
    }

    [Fact]
    public async Task TheCircuitOpensAfterRepeatedServerFailuresAndCallsStopReachingTheServer()
    {
        await using var sandbox = await MultiMailSandbox.StartAsync();
        using var host = AppHost.Start(sandbox, resilience: o =>
        {
            AppHost.Fast(o);
            o.Retry.MaxRetryAttempts = 1;
        });
        host.Faults.Rate = 1;
        host.Faults.PathFilter = "/emails";
        host.Faults.Script(Enumerable.Repeat(Fault.Status500, 40).ToArray());

        string last = string.Empty;
        for (var i = 0; i < 15; i++)
        {
            last = await host.Agent.CheckInbox();
        }

        var before = host.Faults.Requests;
        var blocked = await host.Agent.CheckInbox();
        Assert.Equal(before, host.Faults.Requests);
        Assert.StartsWith("Error 503: the MultiMail service is unavailable right now. Try again later.", blocked, StringComparison.Ordinal);
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Id.Name == "MultiMailToolCall" && r.Message.Contains("circuit_open", StringComparison.Ordinal));
        Assert.Equal(TextKind.TryAgain, Texts.Classify(last));
    }

    [Fact]
    public async Task CancellationPropagatesAndIsNotRetried()
    {
        await using var sandbox = await MultiMailSandbox.StartAsync();
        using var host = AppHost.Start(sandbox);
        host.Faults.SlowDelay = TimeSpan.FromSeconds(30);
        host.Faults.Script(Fault.SlowAfterStored);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Agent.CheckInbox(cancellationToken: cancel.Token));
        Assert.Equal(1, host.Faults.Requests);
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Id.Name == "MultiMailToolCall" && r.Level == LogLevel.Information && r.Message.Contains("cancelled", StringComparison.Ordinal));
    }
}
