using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Tasks;
using MultiMail;
#if EMBEDDED_SANDBOX
using System.Net.Http;
using System.Text;
using System.Text.Json;
using MultiMail.Sandbox;
#endif

namespace McpServer;

/// <summary>
/// Where the tools' calls go: the MultiMail API named by the environment (<c>MULTIMAIL_API_KEY</c>,
/// <c>MULTIMAIL_API_URL</c>, <c>MULTIMAIL_MAILBOX_ID</c>, as for the vendor's server), or, when no key is set and the
/// server was built with <c>dotnet build</c>/<c>dotnet run</c>, a MultiMail sandbox started in this process.
/// </summary>
/// <remarks>
/// The NativeAOT build (<c>dotnet publish</c>) leaves the in-process sandbox out: it is an ASP.NET Core app whose
/// minimal APIs and JSON use reflection. Point that build at a standalone sandbox
/// (<c>dotnet run --project src/MultiMail.Sandbox</c>) or at the real API.
/// </remarks>
internal sealed class Backend : IAsyncDisposable
{
#if EMBEDDED_SANDBOX
    private readonly MultiMailSandbox? _sandbox;

    private Backend(MultiMailClientOptions options, MultiMailSandbox? sandbox, string description)
    {
        ClientOptions = options;
        _sandbox = sandbox;
        Description = description;
    }
#else
    private Backend(MultiMailClientOptions options, string description)
    {
        ClientOptions = options;
        Description = description;
    }
#endif

    /// <summary>The client's settings (key, API address, default mailbox).</summary>
    public MultiMailClientOptions ClientOptions { get; }

    private string Description { get; }

    /// <summary>Reads the environment; starts the in-process sandbox when there is no key (and it is built in).</summary>
    /// <returns>The backend; dispose it to stop the sandbox.</returns>
    public static async Task<Backend> FromEnvironmentAsync()
    {
        var options = new MultiMailClientOptions();   // MULTIMAIL_API_KEY, MULTIMAIL_API_URL, MULTIMAIL_MAILBOX_ID
        if (!string.IsNullOrWhiteSpace(options.ApiKey))
        {
            var description = "MultiMail API at " + options.BaseAddress + " (key " + Prefix(options.ApiKey!) + "), default mailbox "
                + (options.DefaultMailboxId ?? "not set: pass mailbox_id, or set MULTIMAIL_MAILBOX_ID");
            return Create(options, description);
        }

#if EMBEDDED_SANDBOX
        return await StartSandboxAsync();
#else
        await Task.CompletedTask;
        return Create(options, "no MULTIMAIL_API_KEY: every call will answer that no API key is configured. This NativeAOT build has no "
            + "in-process sandbox: set MULTIMAIL_API_KEY (and MULTIMAIL_API_URL for a standalone sandbox, dotnet run --project src/MultiMail.Sandbox).");
#endif
    }

    /// <summary>One line about the backend, showing key prefixes only.</summary>
    /// <returns>The description.</returns>
    public string Describe() => Description;

    /// <inheritdoc/>
#if EMBEDDED_SANDBOX
    public ValueTask DisposeAsync() => _sandbox?.DisposeAsync() ?? default;

    private static Backend Create(MultiMailClientOptions options, string description) => new(options, null, description);

    /// <summary>
    /// A sandbox with a few inbound emails (one with an attachment) and a key that may read, send and administer, as a
    /// vendor key with those scopes would; approving stays with the sandbox's separate oversight key.
    /// </summary>
    private static async Task<Backend> StartSandboxAsync()
    {
        var sandbox = await MultiMailSandbox.StartAsync();
        try
        {
            await sandbox.SimulateInboundAsync(sandbox.DefaultMailboxId, new SandboxInboundEmail
            {
                From = "priya.raman@example.com",
                Subject = "Contract renewal: signature needed by Friday",
                Markdown = "Hi,\n\nthe renewal is attached: 24 months instead of 12, same monthly price. Could you sign by Friday?\n\nPriya",
                Attachments = [new SandboxAttachment("renewal.txt", "text/plain", Encoding.UTF8.GetBytes("Term: 24 months."))],
            });
            await sandbox.SimulateInboundAsync(sandbox.DefaultMailboxId, new SandboxInboundEmail
            {
                From = "helpdesk@example.org",
                Subject = "Scheduled maintenance on Saturday, 22:00-02:00 UTC",
                Markdown = "The mail and file servers will be unavailable on Saturday between 22:00 and 02:00 UTC. No action is needed.",
            });

            using var http = sandbox.CreateClient(sandbox.AdminApiKey);
            using var created = await http.PostAsync("v1/api-keys", new StringContent("""{"name":"mcp-server","scopes":["read","send","admin"]}""", Encoding.UTF8, "application/json"));
            created.EnsureSuccessStatusCode();
            using var key = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
            var apiKey = key.RootElement.GetProperty("api_key").GetString()!;
            var options = new MultiMailClientOptions { ApiKey = apiKey, BaseAddress = sandbox.BaseAddress, DefaultMailboxId = sandbox.DefaultMailboxId };
            var description = "local MultiMail sandbox at " + sandbox.BaseAddress + " (in this process; set MULTIMAIL_API_KEY for the real API), mailbox "
                + sandbox.DefaultMailboxAddress + " (gated_send), key " + Prefix(apiKey) + " (read, send, admin); operator key "
                + Prefix(sandbox.OversightApiKey) + " (oversight) for the review page at " + sandbox.BaseAddress;
            return new Backend(options, sandbox, description);
        }
        catch
        {
            await sandbox.DisposeAsync();
            throw;
        }
    }
#else
    public ValueTask DisposeAsync() => default;

    private static Backend Create(MultiMailClientOptions options, string description) => new(options, description);
#endif

    /// <summary>A key's first characters, never the key.</summary>
    private static string Prefix(string key) => key.Length <= 12 ? "(short key)" : key.Substring(0, 12) + "…";
}

/// <summary>The startup figure the server prints once: process start → first <c>tools/list</c> answer.</summary>
internal static class Startup
{
    /// <summary>Describes the time from the process start (and from <c>Main</c>) to now.</summary>
    /// <param name="mainStarted">The <see cref="Stopwatch"/> timestamp taken first thing in <c>Main</c>.</param>
    /// <param name="toolCount">How many tools the answer listed.</param>
    /// <returns>One line for stderr.</returns>
    public static string Describe(long mainStarted, int toolCount)
    {
        var sinceMain = Stopwatch.GetElapsedTime(mainStarted).TotalMilliseconds;
        var sinceProcess = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds;
        return string.Create(CultureInfo.InvariantCulture, $"startup: {sinceProcess:F0} ms from process start to the first tools/list answer ({toolCount} tools; {sinceMain:F0} ms from Main)");
    }
}
