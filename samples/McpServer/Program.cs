// The vendor's MultiMail MCP server (API.md §3), rebuilt with the generator, over stdio for any MCP client (Claude
// Desktop, VS Code, the MCP SDK's StdioClientTransport, the MCP Inspector ...):
//
//   dotnet run --project samples/McpServer
//   dotnet publish samples/McpServer -c Release -o artifacts/mcpserver && artifacts/mcpserver/McpServer   (NativeAOT)
//
// Configured like the vendor's server: MULTIMAIL_API_KEY, MULTIMAIL_API_URL, MULTIMAIL_MAILBOX_ID. Without a key it
// serves a MultiMail sandbox started in this process, with a key that may read, send and administer (never approve).
// stdout carries the protocol, so everything else goes to stderr, including the startup time: from the process start
// to the first tools/list answer.
using System;
using System.Diagnostics;
using System.Threading;
using McpServer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using MultiMail;

var mainStarted = Stopwatch.GetTimestamp();
await using var backend = await Backend.FromEnvironmentAsync();
Console.Error.WriteLine("MultiMail MCP server (stdio). Email: " + backend.Describe());

using var client = new MultiMailClient(backend.ClientOptions);
var tools = new MultiMailServerTools(client);
var listed = 0;

var builder = Host.CreateApplicationBuilder(args);
builder.Logging.ClearProviders();
builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);   // logs to stderr
builder.Services
    .AddMcpServer(options => options.ServerInfo = new Implementation { Name = "multimail", Version = MultiMailClient.LibraryVersion })
    .WithStdioServerTransport()
    .WithTools(tools.AsMcpServerTools())   // generated: each tool's schema, description and MCP annotations
    .WithRequestFilters(filters => filters.AddListToolsFilter(next => async (context, cancellationToken) =>
    {
        var result = await next(context, cancellationToken);
        if (Interlocked.Exchange(ref listed, 1) == 0)
        {
            Console.Error.WriteLine(Startup.Describe(mainStarted, result.Tools.Count));
        }

        return result;
    }));

await builder.Build().RunAsync();
return 0;
