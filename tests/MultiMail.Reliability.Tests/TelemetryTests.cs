using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using MultiMail.Diagnostics;
using MultiMail.Reliability.Tests.Infrastructure;
using MultiMail.Sandbox;

namespace MultiMail.Reliability.Tests;

/// <summary>
/// One execute_tool span (OpenTelemetry GenAI conventions) and one LoggerMessage event per tool call, retries
/// included; neither carries the key, an argument value, a body or an id.
/// </summary>
[Collection(ActivityCollection.Name)]
public sealed class TelemetryTests
{
    [Fact]
    public async Task EachToolCallIsOneExecuteToolSpanWithTheGenAiAttributesEvenWhenRetried()
    {
        await using var sandbox = await MultiMailSandbox.StartAsync();
        using var host = AppHost.Start(sandbox);
        using var spans = new SpanRecorder();
        host.Faults.Script(Fault.Status500AfterStored);

        var text = await host.Agent.SendEmail(["ann@example.com"], "Quarterly numbers", "Secret body text.");

        var span = Assert.Single(spans.Finished);
        Assert.Equal("execute_tool send_email", span.DisplayName);
        Assert.Equal(ActivityKind.Internal, span.Kind);
        Assert.Equal("execute_tool", span.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("send_email", span.GetTagItem("gen_ai.tool.name"));
        Assert.Equal("function", span.GetTagItem("gen_ai.tool.type"));
        Assert.Equal("POST /v1/mailboxes/{mailbox_id}/send", span.GetTagItem("multimail.operation"));
        Assert.Equal(200, span.GetTagItem("http.response.status_code")); // the replay after the retry
        Assert.Null(span.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Equal("already_sent", Texts.Json(text).Str("status"));
        AssertNothingSecret(host, spans, sandbox, "Quarterly numbers", "Secret body text.", "ann@example.com");
    }

    [Fact]
    public async Task AFailedCallHasErrorTypeAndErrorStatus()
    {
        await using var sandbox = await MultiMailSandbox.StartAsync();
        var readOnly = await sandbox.CreateMailboxAsync("quiet", SandboxOversightMode.ReadOnly);
        using var host = AppHost.Start(sandbox, mailboxId: readOnly);
        using var spans = new SpanRecorder();

        Assert.StartsWith("Error 403", await host.Agent.SendEmail(["ann@example.com"], "Hi", "Hello"), StringComparison.Ordinal);
        host.Faults.RetryAfterSeconds = 60;
        host.Faults.Script(Fault.TooManyRequests);
        Assert.StartsWith("Error 429", await host.Agent.CheckInbox(), StringComparison.Ordinal);
        Assert.StartsWith("Invalid arguments for send_email", await host.Agent.SendEmail(["not an address"], "Hi", "Hello"), StringComparison.Ordinal);

        Assert.Equal(new[] { "403", "429", "invalid_arguments" }, spans.Finished.Select(s => (string?)s.GetTagItem("error.type")));
        Assert.All(spans.Finished, s => Assert.Equal(ActivityStatusCode.Error, s.Status));
        var events = host.Logs.GetSnapshot().Where(r => r.Category == MultiMailDiagnostics.LoggerCategory && r.Id.Name is "MultiMailToolCall" or "MultiMailArgumentsRejected").ToArray();
        Assert.Equal(new[] { ("MultiMailToolCall", LogLevel.Warning), ("MultiMailToolCall", LogLevel.Information), ("MultiMailArgumentsRejected", LogLevel.Information) }, events.Select(e => (e.Id.Name!, e.Level)));
        Assert.Equal("403", events[0].StructuredState!.Single(p => p.Key == "Outcome").Value);
        Assert.Equal("1", events[2].StructuredState!.Single(p => p.Key == "ProblemCount").Value);
        AssertNothingSecret(host, spans, sandbox, "not an address", "Hello");
    }

    [Fact]
    public async Task ASpanOpenedByTheFrameworkForTheSameToolGivesItsCallId()
    {
        await using var sandbox = await MultiMailSandbox.StartAsync();
        using var host = AppHost.Start(sandbox);
        using var spans = new SpanRecorder();
        using var framework = new ActivitySource("Test.Framework");
        using var listener = SpanRecorder.Listen("Test.Framework");

        using (var outer = framework.StartActivity("execute_tool check_inbox"))
        {
            outer!.SetTag("gen_ai.tool.name", "check_inbox").SetTag("gen_ai.tool.call.id", "call_123");
            await host.Agent.CheckInbox();
        }

        await host.Agent.CheckInbox();

        Assert.Equal(new[] { "call_123", null }, spans.Finished.Select(s => (string?)s.GetTagItem("gen_ai.tool.call.id")));
        Assert.Equal("execute_tool check_inbox", spans.Finished[0].Parent!.DisplayName);
    }

    [Fact]
    public async Task EveryLogEventCarriesToolOperationOutcomeStatusAndDuration()
    {
        await using var sandbox = await MultiMailSandbox.StartAsync();
        using var host = AppHost.Start(sandbox);

        await host.Agent.CheckInbox();

        var record = Assert.Single(host.Logs.GetSnapshot(), r => r.Id.Name == "MultiMailToolCall");
        var state = record.StructuredState!.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("check_inbox", state["ToolName"]);
        Assert.Equal("GET /v1/mailboxes/{mailbox_id}/emails", state["Operation"]);
        Assert.Equal("ok", state["Outcome"]);
        Assert.Equal("200", state["StatusCode"]);
        Assert.True(double.Parse(state["ElapsedMilliseconds"]!, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal(LogLevel.Information, record.Level);
        Assert.Equal(1, record.Id.Id);
    }

    private static void AssertNothingSecret(AppHost host, SpanRecorder spans, MultiMailSandbox sandbox, params string[] modelText)
    {
        var secrets = modelText.Concat(new[] { sandbox.AgentApiKey, sandbox.OversightApiKey, sandbox.DefaultMailboxId }).ToArray();
        var logged = host.Logs.GetSnapshot().SelectMany(r => new[] { r.Message }.Concat(r.StructuredState?.Select(p => p.Value ?? string.Empty) ?? []));
        var tagged = spans.Finished.SelectMany(s => s.TagObjects.Select(t => t.Value?.ToString() ?? string.Empty).Append(s.DisplayName).Append(s.StatusDescription ?? string.Empty));
        foreach (var text in logged.Concat(tagged))
        {
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }
        }
    }
}

/// <summary>Records the MultiMail activity source's finished spans.</summary>
public sealed class SpanRecorder : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _finished = new();

    public SpanRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == MultiMailDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => _finished.Enqueue(a),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyList<Activity> Finished => _finished.ToArray();

    public static IDisposable Listen(string source)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    public void Dispose() => _listener.Dispose();
}

/// <summary>Span tests listen process-wide: they run one at a time and apart from the other tests' tool calls.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ActivityCollection
{
    public const string Name = "activities";
}
