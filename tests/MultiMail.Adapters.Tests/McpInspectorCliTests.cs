using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using MultiMail.McpTestServer;
using MultiMail.TestSupport;

namespace MultiMail.Adapters.Tests;

/// <summary>
/// Issue 15, part 3, checked with the official MCP Inspector CLI (<c>@modelcontextprotocol/inspector-cli</c> 1.0.x on
/// Node 20, installed in tests/tools): every call of <see cref="McpErrorCases"/> over streamable HTTP (one server in
/// this process), and two over stdio (the CLI starts tests/MultiMail.McpTestServer as a process, as an MCP host does).
/// A bad-argument or API-error call must come back with <c>isError: true</c>; a success without it.
/// </summary>
public sealed class McpInspectorCliTests : IClassFixture<McpBackendFixture>
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(90);

    private readonly TestBackend _backend;

    public McpInspectorCliTests(McpBackendFixture fixture) => _backend = fixture.Backend;

    [Fact]
    public async Task Every_failure_is_isError_and_every_success_is_not_over_streamable_HTTP()
    {
        var cli = InspectorCli();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services
            .AddMcpServer(options => options.ServerInfo = new Implementation { Name = "multimail-error-tests", Version = MultiMailClient.LibraryVersion })
            .WithHttpTransport(options => options.Stateless = true)
            .WithTools(_backend.Tools);
        await using var app = builder.Build();
        app.MapMcp("/mcp");
        await app.StartAsync();
        var url = app.Urls.Single().TrimEnd('/') + "/mcp";

        using var gate = new SemaphoreSlim(3);
        var outcomes = await Task.WhenAll(McpErrorCases.All.Select(async call =>
        {
            await gate.WaitAsync();
            try
            {
                return (call, output: await CallAsync(cli, new[] { url, "--transport", "http" }, call));
            }
            finally
            {
                gate.Release();
            }
        }));

        var wrong = outcomes.Select(o => Check(o.call, o.output)).Where(problem => problem is not null).ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.Equal(12, outcomes.Count(o => o.call.Kind == MultiMailToolErrorKind.InvalidArguments));
        Assert.Equal(5, outcomes.Count(o => o.call.IsError && o.call.Kind != MultiMailToolErrorKind.InvalidArguments));
        Assert.Equal(4, outcomes.Count(o => !o.call.IsError));
    }

    [Fact]
    public async Task Over_stdio_the_CLI_starts_the_server_process_and_sees_isError_too()
    {
        var cli = InspectorCli();
        // The server's own output folder (its deps.json resolves its dependencies), in this build's configuration.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var server = RepositoryFiles.Path("tests", "MultiMail.McpTestServer", "bin", configuration, "net10.0", "MultiMail.McpTestServer.dll");
        Assert.True(File.Exists(server), "The test MCP server was not built: " + server);
        var target = new[] { "dotnet", server };

        var calls = new[]
        {
            McpErrorCases.All.First(c => c.Kind == MultiMailToolErrorKind.InvalidArguments && c.Tool == "send_email" && c.Arguments.Count == 3),
            McpErrorCases.All.First(c => c.Kind == MultiMailToolErrorKind.ApiStatus),
            McpErrorCases.All.First(c => c.Tool == "check_inbox" && !c.IsError),
        };
        var outputs = await Task.WhenAll(calls.Select(call => CallAsync(cli, target, call)));
        var wrong = calls.Zip(outputs, Check).Where(problem => problem is not null).ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>What is wrong with the CLI's answer to a call, or null.</summary>
    private static string? Check(McpErrorCase call, string output)
    {
        JsonElement result;
        try
        {
            result = JsonDocument.Parse(output).RootElement;
        }
        catch (JsonException)
        {
            return call.Name + ": not a JSON result: " + output;
        }

        var isError = result.TryGetProperty("isError", out var flag) && flag.ValueKind == JsonValueKind.True;
        var text = result.GetProperty("content")[0].GetProperty("text").GetString() ?? string.Empty;
        return isError == call.IsError && McpErrorTests.Matches(call, text)
            ? null
            : $"{call.Name}: isError={(result.TryGetProperty("isError", out var raw) ? raw.GetRawText() : "(absent)")}, text: {text}";
    }

    /// <summary>Runs one <c>tools/call</c> through the CLI and returns what it printed (the CallToolResult as JSON).</summary>
    private static async Task<string> CallAsync(Inspector cli, IEnumerable<string> target, McpErrorCase call)
    {
        var start = new ProcessStartInfo("node")
        {
            // The CLI finds its own package.json relative to the working directory: run it from its build folder.
            WorkingDirectory = cli.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(cli.Script);
        start.ArgumentList.Add("--cli");
        foreach (var part in target)
        {
            start.ArgumentList.Add(part);
        }

        start.ArgumentList.Add("--method");
        start.ArgumentList.Add("tools/call");
        start.ArgumentList.Add("--tool-name");
        start.ArgumentList.Add(call.Tool);
        if (call.Arguments.Count > 0)
        {
            // key=value, the value as JSON (the CLI parses it as JSON when it can).
            start.ArgumentList.Add("--tool-arg");
            foreach (var (key, value) in call.Arguments)
            {
                start.ArgumentList.Add(key + "=" + JsonSerializer.Serialize(value));
            }
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CallTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(call.Name + ": the Inspector CLI did not finish in " + CallTimeout.TotalSeconds + " s. " + await stderr);
        }

        var output = await stdout;
        Assert.True(process.ExitCode == 0, $"{call.Name}: the Inspector CLI exited with {process.ExitCode}: {await stderr}{output}");
        return output;
    }

    private sealed record Inspector(string Script, string WorkingDirectory);

    /// <summary>The installed CLI, or a failure that says how to install it.</summary>
    private static Inspector InspectorCli()
    {
        var package = RepositoryFiles.Path("tests", "tools", "node_modules", "@modelcontextprotocol", "inspector-cli");
        var script = Path.Combine(package, "build", "cli.js");
        Assert.True(
            File.Exists(script),
            "The official MCP Inspector CLI (@modelcontextprotocol/inspector-cli, pinned in tests/tools/package.json) is not installed. "
            + "Run ./test.sh (it runs `npm ci` in tests/tools when node_modules is missing), or `npm ci --prefix tests/tools`; Node.js 20 or later is needed.");
        return new Inspector(script, Path.Combine(package, "build"));
    }
}
