using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using MultiMail.Diagnostics;
using MultiMail.Reliability.Tests.Infrastructure;
using MultiMail.Sandbox;

namespace MultiMail.Reliability.Tests;

/// <summary>
/// Calls the generated dispatcher refuses before the tool method runs (arguments it cannot read, an unknown tool) are
/// one execute_tool span and one log event each, like calls the request refuses; the texts never echo the key.
/// </summary>
[Collection(ActivityCollection.Name)]
public sealed class DispatcherTelemetryTests
{
    [Fact]
    public async Task ACallTheDispatcherRefusesIsOneSpanAndOneEvent()
    {
        await using var sandbox = await MultiMailSandbox.StartAsync();
        using var host = AppHost.Start(sandbox);
        using var spans = new SpanRecorder();
        IMultiMailToolSet tools = host.Agent;

        var malformed = await tools.InvokeAsync("check_inbox", "{not json");
        var wrongType = await tools.InvokeAsync("check_inbox", """{"limit":"many","direction":"sideways"}""");
        var unknown = await tools.InvokeAsync("send_mail\r\nX-Injected: 1", "{}");
        var echoed = await tools.InvokeAsync("read_email", """{"email_id":"em_1","api_key":"KEY"}""".Replace("KEY", sandbox.AgentApiKey, StringComparison.Ordinal));

        Assert.StartsWith("Invalid arguments for check_inbox: the arguments are not valid JSON", malformed, StringComparison.Ordinal);
        Assert.StartsWith("Invalid arguments for check_inbox: 'limit' must be a whole number", wrongType, StringComparison.Ordinal);
        Assert.StartsWith("Unknown tool 'send_mail X-Injected: 1'", unknown, StringComparison.Ordinal);
        Assert.Contains("unknown parameter 'api_key'", echoed, StringComparison.Ordinal);

        Assert.Equal(
            new[] { "execute_tool check_inbox", "execute_tool check_inbox", "execute_tool send_mail X-Injected: 1", "execute_tool read_email" },
            spans.Finished.Select(s => s.DisplayName));
        Assert.Equal(new[] { "invalid_arguments", "invalid_arguments", "unknown_tool", "invalid_arguments" }, spans.Finished.Select(s => (string?)s.GetTagItem("error.type")));
        Assert.All(spans.Finished, s => Assert.Equal(ActivityStatusCode.Error, s.Status));
        Assert.Equal(
            new[] { "GET /v1/mailboxes/{mailbox_id}/emails", "GET /v1/mailboxes/{mailbox_id}/emails", null, "GET /v1/mailboxes/{mailbox_id}/emails/{email_id}" },
            spans.Finished.Select(s => (string?)s.GetTagItem("multimail.operation")));

        var events = host.Logs.GetSnapshot().Where(r => r.Category == MultiMailDiagnostics.LoggerCategory).ToArray();
        Assert.Equal(
            new[] { ("MultiMailArgumentsRejected", 2), ("MultiMailArgumentsRejected", 2), ("MultiMailUnknownTool", 5), ("MultiMailArgumentsRejected", 2) },
            events.Select(e => (e.Id.Name!, e.Id.Id)));
        Assert.All(events, e => Assert.Equal(LogLevel.Information, e.Level));
        Assert.Equal("2", events[1].StructuredState!.Single(p => p.Key == "ProblemCount").Value);
        Assert.Equal("send_mail X-Injected: 1", events[2].StructuredState!.Single(p => p.Key == "ToolName").Value);

        // The key, should a model send it, is neither echoed to the model nor recorded.
        foreach (var text in new[] { malformed, wrongType, unknown, echoed }
            .Concat(events.SelectMany(e => new[] { e.Message }.Concat(e.StructuredState!.Select(p => p.Value ?? string.Empty))))
            .Concat(spans.Finished.SelectMany(s => s.TagObjects.Select(t => t.Value?.ToString() ?? string.Empty))))
        {
            Assert.DoesNotContain(sandbox.AgentApiKey, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AKeyTheModelSendsIsNotEchoedBack()
    {
        await using var sandbox = await MultiMailSandbox.StartAsync();
        using var host = AppHost.Start(sandbox);
        IMultiMailToolSet tools = host.Agent;

        var readOnly = await tools.InvokeAsync("check_inbox", """{"direction":"KEY"}""".Replace("KEY", sandbox.AgentApiKey, StringComparison.Ordinal));
        var route = await host.Agent.ReadEmail("../" + sandbox.AgentApiKey);

        Assert.StartsWith("Invalid arguments for check_inbox: 'direction' must be one of: inbound, outbound (got \"[redacted]\")", readOnly, StringComparison.Ordinal);
        Assert.StartsWith("Invalid arguments for read_email: 'email_id' must be a plain id", route, StringComparison.Ordinal);
        Assert.DoesNotContain(sandbox.AgentApiKey, route, StringComparison.Ordinal);
    }
}
