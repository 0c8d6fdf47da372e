// The seed guide's email tools (send_email, check_inbox, reply_email) as an MCP server over stdio, for any MCP
// client (Claude Desktop, VS Code, the MCP SDK's StdioClientTransport, ...):
//
//   dotnet run --project samples/McpServer
//
// Offline it serves a MultiMail sandbox started in this process (with a few inbound emails); set MULTIMAIL_API_KEY
// (+ MULTIMAIL_API_URL, MULTIMAIL_MAILBOX_ID) to serve the real API. Sends are held for human approval either way
// (gated_send). stdout carries the protocol, so everything else goes to stderr.
using System;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using MultiMail;
using MultiMail.Samples;

// The in-process sandbox logs to stderr, so the protocol channel (stdout) stays clean.
await using var backend = await EmailBackend.FromEnvironmentAsync(SampleInbox.SeedAsync);
Console.Error.WriteLine("MultiMail MCP server (stdio). Email: " + backend.Describe());

using var client = backend.CreateAgentClient();
var tools = new EmailTools(client);

var builder = Host.CreateApplicationBuilder(args);
builder.Logging.ClearProviders();
builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);   // logs to stderr
builder.Services
    .AddMcpServer(options => options.ServerInfo = new Implementation { Name = "multimail-samples", Version = MultiMailClient.LibraryVersion })
    .WithStdioServerTransport()
    .WithTools(tools.AsMcpServerTools());   // generated: each tool's schema, description and MCP annotations

await builder.Build().RunAsync();
return 0;
