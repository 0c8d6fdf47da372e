// Exercises the generated code paths that would need reflection if they were written naively: descriptors, argument
// reading into records and enums, JSON bodies from DTOs, typed results, and the error texts. Exit code 0 = all good.
using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MultiMail;

var handler = new Recorder();
using var client = new MultiMailClient(new MultiMailClientOptions { ApiKey = "mm_test_aot", BaseAddress = new Uri("https://api.test/"), DefaultMailboxId = "mbx" }, new HttpClient(handler));
IMultiMailToolSet tools = new AotTools(client);
var failures = new List<string>();

void Check(bool condition, string what)
{
    Console.WriteLine((condition ? "ok   " : "FAIL ") + what);
    if (!condition)
    {
        failures.Add(what);
    }
}

Check(tools.Tools.Count == 3 && tools.Tools[0].ToOpenAIToolJson(strict: true).Contains("\"strict\":true"), "descriptors and provider JSON");

handler.Next = """{"id":"em_1","status":"pending_scan"}""";
var sent = await tools.InvokeAsync("send_email", """{"to":["a@example.com"],"subject":"Hi","markdown":"Hello","attachments":[{"name":"a.txt","content_base64":"YQ==","content_type":"text/plain"}]}""");
Check(sent.Contains("pending_scan") && handler.LastBody!.Contains("\"content_type\":\"text/plain\"") && handler.LastBody.Contains("idempotency_key"), "send with a DTO array and a derived idempotency key");

var note = await tools.InvokeAsync("store_note", """{"note":{"text":"x","mood":"angry"}}""");
Check(handler.LastBody == """{"note":{"text":"x","mood":"angry"}}""", "record and enum arguments written back as JSON");

var invalid = await tools.InvokeAsync("store_note", """{"note":{"text":"x","mood":"sad"}}""");
Check(invalid.StartsWith("Invalid arguments for store_note: 'note.mood' must be one of: calm, angry", StringComparison.Ordinal), "validation text");

handler.Next = """{"plan":"builder","monthly_email_quota":5000}""";
var account = await ((AotTools)tools).GetAccountTyped();
Check(account.Plan == "builder" && account.MonthlyEmailQuota == 5000, "typed result read without reflection");

handler.Status = HttpStatusCode.TooManyRequests;
var limited = await tools.InvokeAsync("send_email", """{"to":["a@example.com"],"subject":"Hi","markdown":"Again"}""");
Check(limited.StartsWith("Error 429", StringComparison.Ordinal), "error text");

// AddMultiMail: options from configuration, IHttpClientFactory, the resilience pipeline (a 503 retried), the tool set
// from DI, an execute_tool span. All of it must publish without a trim or AOT warning.
var spans = 0;
using var listener = new System.Diagnostics.ActivityListener
{
    ShouldListenTo = s => s.Name == MultiMail.Diagnostics.MultiMailDiagnostics.ActivitySourceName,
    Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllData,
    ActivityStopped = _ => Interlocked.Increment(ref spans),
};
System.Diagnostics.ActivitySource.AddActivityListener(listener);
var diHandler = new Recorder { Next = """{"id":"em_2","status":"pending_scan"}""", Status = HttpStatusCode.Accepted, FailFirst = HttpStatusCode.ServiceUnavailable };
var services = new ServiceCollection();
services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
    .AddInMemoryCollection(new Dictionary<string, string?> { ["MultiMail:ApiKey"] = "aot-key", ["MultiMail:BaseAddress"] = "https://api.test/", ["MultiMail:DefaultMailboxId"] = "mbx", ["MultiMail:Timeout"] = "20" })
    .Build());
services.AddMultiMail()
    .ConfigureResilience(o => o.Retry.Delay = TimeSpan.FromMilliseconds(5))
    .AddToolSet<AotTools>()
    .HttpClient.ConfigurePrimaryHttpMessageHandler(() => diHandler);
using (var provider = services.BuildServiceProvider())
{
    var fromDi = provider.GetRequiredService<IMultiMailToolSet>();
    var diSent = await fromDi.InvokeAsync("send_email", """{"to":["a@example.com"],"subject":"DI","markdown":"Through AddMultiMail"}""");
    Check(diSent.Contains("em_2") && diHandler.Calls == 2 && spans == 1, "AddMultiMail: configuration, a retried send, the tool set from DI, one span");
}

Console.WriteLine(failures.Count == 0 ? "AOT smoke: all checks passed" : "AOT smoke: " + failures.Count + " failed");
return failures.Count == 0 ? 0 : 1;

public enum Mood
{
    Calm,
    Angry,
}

public sealed record Note(string Text, Mood Mood = Mood.Calm);

public sealed class Account
{
    public string Plan { get; set; } = string.Empty;

    public long MonthlyEmailQuota { get; set; }
}

public partial class AotTools
{
    private readonly MultiMailClient _client;

    public AotTools(MultiMailClient client) => _client = client;

    /// <summary>Send an email.</summary>
    [MultiMailTool]
    public partial Task<string> SendEmail(string[] to, string subject, string markdown, MultiMailAttachment[]? attachments = null, CancellationToken cancellationToken = default);

    /// <summary>Store a note.</summary>
    [MultiMailTool("POST", "/v1/notes")]
    public partial Task<string> StoreNote(Note note);

    /// <summary>The account, typed.</summary>
    [MultiMailTool(Name = "get_account")]
    public partial Task<Account> GetAccountTyped();
}

internal sealed class Recorder : HttpMessageHandler
{
    public string Next { get; set; } = "{}";

    public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;

    public string? LastBody { get; private set; }

    public HttpStatusCode? FailFirst { get; set; }

    public int Calls { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        LastBody = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Calls++;
        var status = Calls == 1 && FailFirst is { } first ? first : Status;
        return new HttpResponseMessage(status) { Content = new StringContent(Next, Encoding.UTF8, "application/json") };
    }
}
