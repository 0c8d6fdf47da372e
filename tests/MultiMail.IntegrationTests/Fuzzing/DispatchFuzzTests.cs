using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CsCheck;
using MultiMail.IntegrationTests.Tools;
using Xunit.Abstractions;

namespace MultiMail.IntegrationTests.Fuzzing;

/// <summary>One fuzzed call: the model's arguments, the API's answer, and whether the caller's token starts cancelled.</summary>
internal sealed record FuzzCase(string Payload, FuzzAnswer Answer, bool PreCancelled, bool DefaultMailbox)
{
    public override string ToString() =>
        "payload " + JsonSerializer.Serialize(Payload.Length > 400 ? Payload[..400] + "…(" + Payload.Length + " chars)" : Payload)
        + ", answer " + Answer + (PreCancelled ? ", token cancelled" : string.Empty) + (DefaultMailbox ? string.Empty : ", no default mailbox");
}

/// <summary>
/// Every catalog tool, through the generated <c>InvokeAsync</c>, against random model arguments and random API answers
/// (issue 13): 10,000 calls per tool in CI, 100,000 with <c>MULTIMAIL_FUZZ_LONG=1</c>. Each call must end as exactly
/// one request to the tool's own operation in docs/contract/multimail-openapi.json (each placeholder one segment, only
/// the operation's query names, only the client's own headers with their fixed values) or as a text naming the problem
/// with no request; it never throws unless its caller cancelled; no result ever contains the API key. A runtime
/// operation's request goes to one of the operations it names (manage_upgrade, manage_spam_status: the one the action
/// picks); wait_for_email may poll, each request to its own operation, and its caller gives up after 50 ms.
/// </summary>
[Collection(nameof(DispatchFuzzTests))]
public sealed class DispatchFuzzTests(ITestOutputHelper output)
{
#pragma warning disable MMG2001 // a made-up key: the fuzzer checks it never reaches a result
    private const string Key = "mm_live_fuzzK3y0123456789abcdefNEVERecho";
#pragma warning restore MMG2001
    private const string Base = "https://api.multimail.test/";

    public static TheoryData<string> CatalogTools()
    {
        var data = new TheoryData<string>();
        foreach (var descriptor in MailTools.MultiMailTools)
        {
            data.Add(descriptor.Name);
        }

        // ParityTools: issue 15's operations, and a few MailTools has too, declared with the vendor's argument names.
        foreach (var descriptor in ParityTools.MultiMailTools)
        {
            data.Add(MailTools.MultiMailTools.Any(d => d.Name == descriptor.Name) ? ParityPrefix + descriptor.Name : descriptor.Name);
        }

        return data;
    }

    private const string ParityPrefix = "ParityTools.";
    private static readonly HashSet<string> ParityOnly = new(ParityTools.MultiMailTools.Select(d => d.Name).Except(MailTools.MultiMailTools.Select(d => d.Name)), StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(CatalogTools))]
    public async Task A_call_is_one_request_to_its_own_route_or_a_text_naming_the_problem(string entry)
    {
        var parity = entry.StartsWith(ParityPrefix, StringComparison.Ordinal) || ParityOnly.Contains(entry);
        var tool = entry.StartsWith(ParityPrefix, StringComparison.Ordinal) ? entry[ParityPrefix.Length..] : entry;
        var descriptor = (parity ? ParityTools.MultiMailTools : MailTools.MultiMailTools).Single(d => d.Name == tool);
        var schema = JsonDocument.Parse(descriptor.ParametersJsonSchema).RootElement;
        var gen = Gen.Select(
            FuzzPayloads.For(schema, Key),
            FuzzAnswers.For(Key),
            Gen.Int[0, 199],
            Gen.Int[0, 9],
            (payload, answer, cancel, mailbox) => new FuzzCase(payload, answer, cancel == 0, mailbox != 0));
        var stats = new Stats();
        var watch = Stopwatch.StartNew();

        await gen.SampleAsync(c => CallAsync(tool, parity, c, stats), iter: FuzzMode.CallsPerTool, seed: FuzzMode.Seed, print: c => c.ToString());

        watch.Stop();
        output.WriteLine(
            $"{tool}: {stats.Calls:N0} calls in {watch.Elapsed.TotalSeconds:F1} s; {stats.Requests:N0} requests (each to {string.Join(" or ", ContractRoutes.Of(tool) ?? [])}), "
            + $"{stats.Rejected:N0} texts naming the arguments' problem, {stats.Cancelled:N0} cancellations; API answers: {stats.Describe()}");
        Assert.Equal(FuzzMode.CallsPerTool, stats.Calls);

        // The fuzzer must reach the API often, or the route and header checks would prove little.
        Assert.True(stats.Requests >= stats.Calls / 10, $"only {stats.Requests} of {stats.Calls} calls reached the transport");
    }

    private static async Task CallAsync(string tool, bool parity, FuzzCase c, Stats stats)
    {
        using var caller = new CancellationTokenSource();
        if (c.PreCancelled)
        {
            caller.Cancel();
        }
        else if (ContractRoutes.Polling.Contains(tool))
        {
            // wait_for_email polls every 3 s for at least 5 s while the answers hold no new mail: the caller gives up
            // after 50 ms, and the call must end in a cancellation (or its text, if it ended before).
            caller.CancelAfter(TimeSpan.FromMilliseconds(50));
        }

        var transport = new FuzzTransport(c.Answer, caller);
        using var http = new HttpClient(transport);
        var options = new MultiMailClientOptions
        {
            ApiKey = Key,
            BaseAddress = new Uri(Base),
            DefaultMailboxId = c.DefaultMailbox ? "mbx_default" : null,
            Timeout = c.Answer.Kind == AnswerKind.RealTimeout ? TimeSpan.FromMilliseconds(5) : TimeSpan.FromSeconds(30),
        };
        using var client = new MultiMailClient(options, http);
        IMultiMailToolSet tools = parity ? new ParityTools(client) : new MailTools(client);

        string? text = null;
        Exception? error = null;
        try
        {
            text = await tools.InvokeAsync(tool, c.Payload, caller.Token);
        }
        catch (Exception e)
        {
            error = e;
        }

        stats.Count(c.Answer, transport.Requests.Count);
        Assert.True(transport.Requests.Count <= 1 || ContractRoutes.Polling.Contains(tool), $"{transport.Requests.Count} requests for one call");
        if (error is not null)
        {
            Assert.True(error is OperationCanceledException && caller.IsCancellationRequested, "InvokeAsync threw " + error);
            Interlocked.Increment(ref stats.Cancelled);
            return;
        }

        Assert.False(string.IsNullOrEmpty(text), "an empty result");
        Assert.DoesNotContain(Key, text, StringComparison.Ordinal);
        if (transport.Requests.Count == 0)
        {
            Assert.StartsWith("Invalid arguments for " + tool + ": ", text, StringComparison.Ordinal);
            Assert.EndsWith("Fix the arguments and call " + tool + " again.", text, StringComparison.Ordinal);
            Interlocked.Increment(ref stats.Rejected);
            return;
        }

        foreach (var request in transport.Requests)
        {
            CheckRequest(tool, request);
        }

        CheckText(tool, c.Answer, text!);
    }

    private static void CheckRequest(string tool, SeenRequest request)
    {
        // The route: the tool's own operation, each placeholder exactly one segment.
        Assert.StartsWith(Base, request.Uri.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(string.Empty, request.Uri.Fragment);
        var segments = request.Uri.AbsolutePath.Trim('/').Split('/');
        var operations = ContractRoutes.Of(tool);
        if (operations is null)
        {
            var candidates = ContractRoutes.Operations.Where(o => ContractRoutes.Matches(o, request.Method, segments)).ToList();
            Assert.True(candidates.Count > 0, request.Method + " " + request.Uri + " matches no operation of the contract");
            operations = [ContractRoutes.Learn(tool, candidates[0])];
        }

        var operation = operations.FirstOrDefault(o => ContractRoutes.Matches(o, request.Method, segments));
        Assert.True(operation is not null, $"{request.Method} {request.Uri.AbsoluteUri} is not {string.Join(" or ", operations)}");

        // The query: only the operation's own names.
        var query = request.Uri.Query.TrimStart('?');
        foreach (var pair in query.Length == 0 ? [] : query.Split('&'))
        {
            var name = Uri.UnescapeDataString(pair.Split('=')[0]);
            Assert.True(operation!.QueryNames.Contains(name) || ContractRoutes.VendorQuery(tool).Contains(name), $"query '{name}' is not a parameter of {operation}");
        }

        // The headers: the client's own, with their fixed values; nothing a model wrote.
        foreach (var (name, value) in request.Headers)
        {
            var expected = name switch
            {
                "Authorization" => "Bearer " + Key,
                "Accept" => "application/json",
                "User-Agent" => MultiMailClient.UserAgent,
                "Content-Type" when request.Body is not null => "application/json; charset=utf-8",
                "Content-Length" when request.Body is not null => request.Body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => null,
            };
            Assert.True(expected == value, $"header {name}: {value}");
        }

        // The body, when there is one: a JSON object.
        if (request.Body is not null)
        {
            using var body = JsonDocument.Parse(request.Body);
            Assert.Equal(JsonValueKind.Object, body.RootElement.ValueKind);
        }
    }

    private static void CheckText(string tool, FuzzAnswer answer, string text)
    {
        switch (answer.Kind)
        {
            case AnswerKind.Status when answer.Status is < 200 or >= 300:
                Assert.StartsWith("Error", text, StringComparison.Ordinal);
                break;
            case AnswerKind.HttpRequestError or AnswerKind.IOError or AnswerKind.SocketError:
                Assert.StartsWith("Error: could not reach the MultiMail API", text, StringComparison.Ordinal);
                break;
            case AnswerKind.TimeoutLike or AnswerKind.RealTimeout:
                Assert.StartsWith("Error: the MultiMail API did not answer", text, StringComparison.Ordinal);
                break;
            case AnswerKind.HandlerBug:
                Assert.StartsWith("Error: " + tool + " failed unexpectedly", text, StringComparison.Ordinal);
                break;
            case AnswerKind.CallerCancels:
                Assert.Fail("the caller cancelled while the request was in flight, and the call still returned: " + text);
                break;
        }
    }

    private sealed class Stats
    {
        public int Calls;
        public int Requests;
        public int Rejected;
        public int Cancelled;
        private readonly ConcurrentDictionary<string, int> _answers = new();

        public void Count(FuzzAnswer answer, int requests)
        {
            Interlocked.Increment(ref Calls);
            if (requests > 0)
            {
                Interlocked.Add(ref Requests, requests);
                _answers.AddOrUpdate(answer.Kind == AnswerKind.Status ? (answer.Status / 100) + "xx" : answer.Kind.ToString(), 1, (_, n) => n + 1);
            }
        }

        public string Describe() => string.Join(", ", _answers.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + " " + p.Value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
