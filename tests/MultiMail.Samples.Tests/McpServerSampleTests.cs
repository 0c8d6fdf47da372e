using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using MultiMail.Samples;

namespace MultiMail.Samples.Tests;

/// <summary>The built samples/McpServer, started as a child process and used over stdio like any MCP client would.</summary>
public sealed class McpServerSampleTests
{
    private static readonly string[] SeededSubjects = SampleInbox.Emails.Select(e => e.Subject).ToArray();

    [Fact]
    public async Task Serves_the_email_tools_over_stdio_with_annotations_and_calls_them()
    {
        var stderr = new ConcurrentQueue<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "multimail-samples",
            Command = DotnetHost(),
            Arguments = [ServerPath()],
            // Offline whatever this machine's environment says: an empty key means "start the sandbox".
            EnvironmentVariables = new Dictionary<string, string?> { ["MULTIMAIL_API_KEY"] = string.Empty },
            StandardErrorLines = stderr.Enqueue,
        });

        await using (var client = await McpClient.CreateAsync(transport, cancellationToken: timeout.Token))
        {
            Assert.Equal("multimail-samples", client.ServerInfo?.Name);

            var tools = await client.ListToolsAsync(cancellationToken: timeout.Token);
            Assert.Equal(new[] { "send_email", "check_inbox", "reply_email" }, tools.Select(t => t.Name));
            foreach (var tool in tools)
            {
                Assert.False(string.IsNullOrWhiteSpace(tool.Description));
                Assert.False(tool.ProtocolTool.InputSchema.TryGetProperty("properties", out var properties) && properties.TryGetProperty("mailbox_id", out _),
                    tool.Name + " must not let the model choose the mailbox ([MultiMailBound])");
            }

            var inbox = tools.Single(t => t.Name == "check_inbox").ProtocolTool.Annotations!;
            Assert.True(inbox.ReadOnlyHint);
            Assert.True(inbox.OpenWorldHint);         // it returns mail written by people outside (untrusted content)
            foreach (var name in new[] { "send_email", "reply_email" })
            {
                var annotations = tools.Single(t => t.Name == name).ProtocolTool.Annotations!;
                Assert.False(annotations.ReadOnlyHint);
                Assert.False(annotations.DestructiveHint);
                Assert.True(annotations.OpenWorldHint);   // it reaches people outside
                Assert.True(annotations.IdempotentHint);  // a repeated identical call cannot send twice
            }

            var inboxText = Text(await client.CallToolAsync("check_inbox", new Dictionary<string, object?> { ["limit"] = 10 }, cancellationToken: timeout.Token));
            Assert.All(SeededSubjects, subject => Assert.Contains(subject, inboxText.Replace("\\u0026", "&")));

            var arguments = new Dictionary<string, object?> { ["to"] = new[] { "ann@example.com" }, ["subject"] = "Hello over MCP", ["markdown"] = "Sent through the MCP sample." };
            var sent = await client.CallToolAsync("send_email", arguments, cancellationToken: timeout.Token);
            Assert.NotEqual(true, sent.IsError);
            Assert.Contains("\"status\":\"pending_scan\"", Text(sent));
            Assert.Contains("waits for human approval", Text(sent));

            var again = await client.CallToolAsync("send_email", arguments, cancellationToken: timeout.Token);
            Assert.Contains("already_sent", Text(again));

            var invalid = await client.CallToolAsync("send_email", new Dictionary<string, object?> { ["to"] = new[] { "not an address" } }, cancellationToken: timeout.Token);
            Assert.StartsWith("Invalid arguments for send_email:", Text(invalid));
        }

        Assert.Contains(stderr, line => line.Contains("MultiMail MCP server (stdio)", StringComparison.Ordinal));
        Assert.Contains(stderr, line => line.Contains("local MultiMail sandbox", StringComparison.Ordinal));
        Assert.DoesNotContain(stderr, line => Regex.IsMatch(line, "mm_test_[0-9a-f]{4}"));   // key prefixes only, never a key
    }

    /// <summary>The dotnet host running these tests (the CLI sets DOTNET_HOST_PATH), else "dotnet" from PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static string Text(CallToolResult result) => string.Concat(result.Content.OfType<TextContentBlock>().Select(b => b.Text));

    /// <summary>The McpServer sample's dll, built with this test project (see the project file).</summary>
    private static string ServerPath()
    {
        var path = typeof(McpServerSampleTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "McpServerSamplePath").Value;
        Assert.True(File.Exists(path), "The McpServer sample was not built: " + path);
        return path!;
    }
}
