using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace MultiMail.Sandbox;

/// <summary>
/// The standalone sandbox: <c>dotnet run --project src/MultiMail.Sandbox -- --urls http://127.0.0.1:5080</c>.
/// Options: <c>--urls</c>, <c>--db &lt;file&gt;</c> (default <c>multimail-sandbox.db</c> in the current directory),
/// <c>--in-memory</c>, <c>--seed-demo-mail true|false</c> (default true), <c>--agent-key</c>, <c>--oversight-key</c>,
/// <c>--admin-key</c> (fixed <c>mm_test_…</c> keys; otherwise new ones are issued and printed on each start).
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var config = new ConfigurationBuilder()
            .AddCommandLine(args, new Dictionary<string, string>
            {
                ["--urls"] = "urls",
                ["--db"] = "db",
                ["--seed-demo-mail"] = "seed-demo-mail",
                ["--agent-key"] = "agent-key",
                ["--oversight-key"] = "oversight-key",
                ["--admin-key"] = "admin-key",
            })
            .Build();
        var inMemory = Array.IndexOf(args, "--in-memory") >= 0;
        var options = new MultiMailSandboxOptions
        {
            Url = config["urls"] ?? "http://127.0.0.1:5080",
            DatabasePath = inMemory ? null : Path.GetFullPath(config["db"] ?? "multimail-sandbox.db"),
            SeedDemoMail = !string.Equals(config["seed-demo-mail"], "false", StringComparison.OrdinalIgnoreCase),
            AgentApiKey = config["agent-key"],
            OversightApiKey = config["oversight-key"],
            AdminApiKey = config["admin-key"],
            MinimumLogLevel = LogLevel.Information,
        };

        try
        {
            await using var sandbox = await MultiMailSandbox.StartAsync(options);
            Console.WriteLine("MultiMail sandbox listening on " + sandbox.BaseAddress);
            Console.WriteLine("  database        " + (sandbox.DatabasePath ?? "(in memory)"));
            Console.WriteLine("  agent key       " + sandbox.AgentApiKey + "   (read, send)");
            Console.WriteLine("  oversight key   " + sandbox.OversightApiKey + "   (oversight; sign in to the review page with it)");
            Console.WriteLine("  admin key       " + sandbox.AdminApiKey + "   (admin)");
            Console.WriteLine("  default mailbox " + sandbox.DefaultMailboxId + "   " + sandbox.DefaultMailboxAddress + " (gated_send when created)");
            Console.WriteLine("  review page     " + sandbox.BaseAddress);
            Console.WriteLine("  signing key     " + new Uri(sandbox.BaseAddress, ".well-known/multimail-signing-key"));
            Console.WriteLine("Press Ctrl+C to stop.");
            await sandbox.WaitForShutdownAsync();
            return 0;
        }
        catch (ArgumentException exception)
        {
            Console.Error.WriteLine("Invalid option: " + exception.Message);
            return 2;
        }
    }
}
