using System;
using System.Threading.Tasks;
using MultiMail.Sandbox.Hosting;

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
        MultiMailSandboxOptions options;
        try
        {
            options = SandboxCommandLine.Parse(args);
        }
        catch (FormatException exception)
        {
            Console.Error.WriteLine("Invalid option: " + exception.Message);
            return 2;
        }

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
