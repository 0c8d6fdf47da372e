// An MCP stdio server for the error tests (see TestBackend): stdout carries the protocol, the sandboxes log to stderr.
// It stops when its client closes stdin.
using ModelContextProtocol.Server;
using MultiMail.McpTestServer;

await using var backend = await TestBackend.StartAsync();
await using var server = McpServer.Create(new StdioServerTransport("multimail-error-tests"), backend.CreateServerOptions());
await server.RunAsync();
return 0;
