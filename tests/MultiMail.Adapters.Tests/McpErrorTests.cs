using System;
using System.Collections.Generic;
using System.IO.Pipelines;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using MultiMail.McpTestServer;

namespace MultiMail.Adapters.Tests;

/// <summary>One backend (two sandboxes and the failing clients) for the error tests of this class.</summary>
public sealed class McpBackendFixture : IAsyncLifetime
{
    public TestBackend Backend { get; private set; } = null!;

    public async Task InitializeAsync() => Backend = await TestBackend.StartAsync();

    public async Task DisposeAsync() => await Backend.DisposeAsync();
}

/// <summary>
/// Issue 15, part 3: tools never throw for the model, and hosts still see failures. Every call of
/// <see cref="McpErrorCases"/> through the MCP C# SDK's client (isError), through Microsoft.Extensions.AI
/// (ErrorContent with the kind as its code) and through the dispatcher itself (the kind, the status, the retry delay).
/// </summary>
public sealed class McpErrorTests : IClassFixture<McpBackendFixture>
{
    private readonly TestBackend _backend;

    public McpErrorTests(McpBackendFixture fixture) => _backend = fixture.Backend;

    [Fact]
    public async Task Through_the_MCP_SDK_client_every_failure_is_isError_and_every_success_is_not()
    {
        var clientToServer = new Pipe();
        var serverToClient = new Pipe();
        await using var server = McpServer.Create(new StreamServerTransport(clientToServer.Reader.AsStream(), serverToClient.Writer.AsStream(), "errors"), _backend.CreateServerOptions());
        using var cancel = new CancellationTokenSource();
        var running = server.RunAsync(cancel.Token);
        await using var client = await McpClient.CreateAsync(new StreamClientTransport(clientToServer.Writer.AsStream(), serverToClient.Reader.AsStream()));

        var tools = await client.ListToolsAsync();
        Assert.Superset(McpErrorCases.All.Select(c => c.Tool).ToHashSet(), tools.Select(t => t.Name).ToHashSet());

        var wrong = new List<string>();
        foreach (var call in McpErrorCases.All)
        {
            var result = await client.CallToolAsync(call.Tool, call.Arguments);
            var text = Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
            if ((result.IsError == true) != call.IsError || !Matches(call, text))
            {
                wrong.Add($"{call.Name}: isError={result.IsError?.ToString() ?? "(absent)"}, text: {text}");
            }

            if (!call.IsError)
            {
                Assert.Null(result.IsError);   // a success carries no isError at all, as the SDK's own string results
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.Equal(12, McpErrorCases.All.Count(c => c.Kind == MultiMailToolErrorKind.InvalidArguments));
        cancel.Cancel();
    }

    [Fact]
    public async Task Through_Microsoft_Extensions_AI_a_failure_is_an_ErrorContent_with_its_kind_and_a_success_is_the_text()
    {
        foreach (var call in McpErrorCases.All)
        {
            // As a chat client hands them over: the model's JSON parsed into JsonElements.
            var json = JsonSerializer.SerializeToElement(call.Arguments);
            var arguments = new AIFunctionArguments(json.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value));
            var result = await _backend.Functions[call.Tool].InvokeAsync(arguments);

            if (call.IsError)
            {
                var error = Assert.IsType<ErrorContent>(result);
                Assert.True(Matches(call, error.Message), call.Name + ": " + error.Message);
                Assert.Equal(new MultiMailToolResult(string.Empty, call.Kind).ErrorCode, error.ErrorCode);
                Assert.Equal(call.Kind, Assert.IsType<MultiMailToolResult>(error.RawRepresentation).ErrorKind);
            }
            else
            {
                Assert.Contains(call.TextStart, Assert.IsType<string>(result));
            }
        }
    }

    [Fact]
    public async Task The_dispatcher_reports_the_kind_the_status_and_the_retry_delay()
    {
        foreach (var call in McpErrorCases.All)
        {
            var result = await _backend.ToolSets[call.Tool].InvokeForResultAsync(call.Tool, JsonSerializer.Serialize(call.Arguments));
            Assert.True(call.Kind == result.ErrorKind, call.Name + ": " + result.ErrorKind + " " + result.Text);
            Assert.Equal(call.IsError, result.IsError);
            Assert.True(Matches(call, result.Text), call.Name + ": " + result.Text);

            // InvokeAsync returns the same text.
            if (call.IsError)
            {
                Assert.Equal(result.Text, await _backend.ToolSets[call.Tool].InvokeAsync(call.Tool, JsonSerializer.Serialize(call.Arguments)));
            }
        }

        var quota = await _backend.ToolSets["send_email_over_quota"].InvokeForResultAsync("send_email_over_quota", """{"to":["ann@example.com"],"subject":"Hi","markdown":"Hello"}""");
        Assert.Equal(429, quota.StatusCode);
        Assert.NotNull(quota.RetryAfter);
        Assert.Equal(404, (await _backend.ToolSets["reply_email"].InvokeForResultAsync("reply_email", """{"email_id":"em_nope","markdown":"x"}""")).StatusCode);
        Assert.Equal(0, (await _backend.ToolSets["check_inbox_offline"].InvokeForResultAsync("check_inbox_offline", "{}")).StatusCode);
        var unknown = await _backend.ToolSets["check_inbox"].InvokeForResultAsync("no_such_tool", "{}");
        Assert.Equal(MultiMailToolErrorKind.UnknownTool, unknown.ErrorKind);
        Assert.Equal("unknown_tool", unknown.ErrorCode);
    }

    [Fact]
    public async Task A_dictionary_reads_like_the_JSON_it_stands_for()
    {
        // Plain .NET values (Semantic Kernel, direct calls) and JsonElements give the same results as the JSON text.
        var tools = _backend.ToolSets["check_inbox"];
        var plain = await tools.InvokeForResultAsync("send_email", new Dictionary<string, object?> { ["to"] = new List<string> { "not-an-address" }, ["subject"] = "Hi", ["markdown"] = "Hello", ["cc"] = null });
        var json = await tools.InvokeForResultAsync("send_email", """{"to":["not-an-address"],"subject":"Hi","markdown":"Hello","cc":null}""");
        Assert.Equal(json.Text, plain.Text);
        Assert.Contains("unknown parameter 'cc'", plain.Text);
        Assert.Equal((await tools.InvokeForResultAsync("check_inbox", "{}")).ErrorKind, (await tools.InvokeForResultAsync("check_inbox", (IReadOnlyDictionary<string, object?>?)null)).ErrorKind);
    }

    internal static bool Matches(McpErrorCase call, string text) =>
        call.IsError ? text.StartsWith(call.TextStart, StringComparison.Ordinal) : text.Contains(call.TextStart, StringComparison.Ordinal);
}
