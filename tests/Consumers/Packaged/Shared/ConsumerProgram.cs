// The program both packaged apps run: generated tools, AddMultiMail from configuration, a send retried by the
// resilience pipeline, one execute_tool span and one log event per call. Exit code 0 = every check passed.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MultiMail;
using MultiMail.Diagnostics;

namespace Consumer;

public partial class EmailTools
{
    private readonly MultiMailClient _client;

    public EmailTools(MultiMailClient client) => _client = client;

    /// <summary>Send an email. In gated_send mode it is queued for human approval.</summary>
    [MultiMailTool]
    public partial Task<string> SendEmail(string[] to, string subject, string markdown, CancellationToken cancellationToken = default);

    /// <summary>Check the inbox.</summary>
    [MultiMailTool]
    public partial Task<string> CheckInbox(int limit = 10, CancellationToken cancellationToken = default);
}

/// <summary>The API, in process: the first send meets a 503, the retry is accepted.</summary>
public sealed class FakeApi : HttpMessageHandler
{
    public List<string> Requests { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        lock (Requests)
        {
            Requests.Add(request.Method + " " + request.RequestUri!.AbsolutePath + " " + body);
        }

        var sends = Requests.Count(r => r.Contains("/send", StringComparison.Ordinal));
        var (status, json) = request.RequestUri!.AbsolutePath.EndsWith("/send", StringComparison.Ordinal)
            ? sends == 1 ? (HttpStatusCode.ServiceUnavailable, "{\"error\":\"busy\"}") : (HttpStatusCode.Accepted, "{\"id\":\"em_1\",\"status\":\"pending_scan\"}")
            : (HttpStatusCode.OK, "{\"emails\":[]}");
        return new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
    }
}

public sealed class Collector : ILoggerProvider, ILogger
{
    public List<(EventId Id, string Message)> Events { get; } = new();

    public ILogger CreateLogger(string categoryName) => categoryName == MultiMailDiagnostics.LoggerCategory ? this : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (Events)
        {
            Events.Add((eventId, formatter(state, exception)));
        }
    }

    public void Dispose()
    {
    }
}

public static class ConsumerProgram
{
    public static async Task<int> RunAsync(string framework)
    {
        var failures = new List<string>();
        void Check(bool ok, string what)
        {
            Console.WriteLine((ok ? "ok   " : "FAIL ") + what);
            if (!ok)
            {
                failures.Add(what);
            }
        }

        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == MultiMailDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (spans) { spans.Add(a); } },
        };
        ActivitySource.AddActivityListener(listener);

        var api = new FakeApi();
        var logs = new Collector();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MultiMail:ApiKey"] = "consumer-key",
            ["MultiMail:BaseAddress"] = "https://api.test/",
            ["MultiMail:DefaultMailboxId"] = "mbx_consumer",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        services.AddMultiMail()
            .ConfigureResilience(o => o.Retry.Delay = TimeSpan.FromMilliseconds(10))
            .AddToolSet<EmailTools>()
            .HttpClient.ConfigurePrimaryHttpMessageHandler(() => api);
        using var provider = services.BuildServiceProvider();

        var tools = provider.GetRequiredService<IMultiMailToolSet>();
        Check(tools.Tools.Select(t => t.Name).SequenceEqual(new[] { "send_email", "check_inbox" }), "generated descriptors");
        Check(tools.Tools[0].ToOpenAIToolJson(strict: true).Contains("\"strict\":true"), "OpenAI strict JSON");

        var sent = await tools.InvokeAsync("send_email", "{\"to\":[\"ann@example.com\"],\"subject\":\"Hi\",\"markdown\":\"Hello from " + framework + "\"}");
        Check(sent.StartsWith("{\"id\":\"em_1\",\"status\":\"pending_scan\"}", StringComparison.Ordinal), "send accepted after one retry: " + sent.Split('\n')[0]);
        var sendRequests = api.Requests.Where(r => r.Contains("/v1/mailboxes/mbx_consumer/send", StringComparison.Ordinal)).ToArray();
        Check(sendRequests.Length == 2 && sendRequests[0] == sendRequests[1] && sendRequests[0].Contains("\"idempotency_key\":\"mmg-", StringComparison.Ordinal), "the retry repeated the identical request with its idempotency key");

        var inbox = await provider.GetRequiredService<EmailTools>().CheckInbox(5);
        Check(MultiMail.Internal.UntrustedMailText.TryReadJson(inbox, out var inboxJson) && inboxJson == "{\"emails\":[]}", "check_inbox through DI, its mail fenced as untrusted");

        Check(spans.Select(s => s.DisplayName).SequenceEqual(new[] { "execute_tool send_email", "execute_tool check_inbox" }), "one execute_tool span per tool call");
        Check(logs.Events.Count(e => e.Id.Name == "MultiMailToolCall") == 2 && logs.Events.Any(e => e.Id.Name == "MultiMailRetry"), "tool-call and retry log events");
        Check(!logs.Events.Any(e => e.Message.Contains("consumer-key", StringComparison.Ordinal) || e.Message.Contains("Hello from", StringComparison.Ordinal)), "no key or body in the logs");

        Console.WriteLine(failures.Count == 0 ? "consumer " + framework + ": all checks passed" : "consumer " + framework + ": " + failures.Count + " failed");
        return failures.Count == 0 ? 0 : 1;
    }
}
