using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using MultiMail.IntegrationTests.Infrastructure;
using MultiMail.IntegrationTests.Tools;

namespace MultiMail.IntegrationTests;

/// <summary>
/// Failures the dispatch fuzzer found (issue 13), pinned one by one: lone UTF-16 surrogates in the model's arguments,
/// an API answer in an unknown charset, and a cancelled call to a tool declared without a CancellationToken.
/// </summary>
public sealed class FoundByFuzzingTests
{
    private readonly RecordingHandler _handler = new();
    private readonly IMultiMailToolSet _tools;
    private readonly EdgeTools _edge;

    public FoundByFuzzingTests()
    {
        var client = TestClient.Create(_handler);
        _tools = new MailTools(client);
        _edge = new EdgeTools(client, "mbx_agent");
    }

    // Escaped lone surrogates are valid JSON syntax, but no UTF-8 reader can decode them to text.
    [Theory]
    [InlineData("check_inbox", """{"\ud800": 1}""", "unknown parameter")]
    [InlineData("check_inbox", """{"x\udc00y": 1, "limit": 5}""", "unknown parameter")]
    [InlineData("send_email", """{"to":["a@example.com"],"subject":"\ud800","markdown":"m"}""", "'subject'")]
    [InlineData("send_email", """{"to":["\udc00@example.com"],"subject":"s","markdown":"m"}""", "'to[0]'")]
    [InlineData("send_email", """{"to":["a@example.com"],"subject":"s","markdown":"m","attachments":[{"name":"\ud83d","content_base64":"QQ==","content_type":"text/plain"}]}""", "'attachments[0].name'")]
    [InlineData("send_email", """{"to":["a@example.com"],"subject":"s","markdown":"m","attachments":[{"\ud83d":1}]}""", "'attachments[0]' has a property whose name")]
    [InlineData("send_email", """{"to":["a@example.com"],"subject":"s","markdown":"m","gate_timing":"\ud800"}""", "'gate_timing'")]
    [InlineData("check_inbox", """{"limit":"\ud800"}""", "'limit'")]
    [InlineData("check_inbox", """{"has_attachments":"\ud800"}""", "'has_attachments'")]
    [InlineData("check_inbox", """{"date_after":"\ud800"}""", "'date_after'")]
    [InlineData("check_inbox", """{"status":"\ud800"}""", "'status'")]
    [InlineData("check_inbox", """{"direction":"\ud800"}""", "'direction'")]
    [InlineData("set_tags", """{"email_id":"em_1","tags":{"\ud800":"v"}}""", "'tags")]
    [InlineData("set_tags", """{"email_id":"em_1","tags":{"k":"\ud800"}}""", "'tags.k'")]
    [InlineData("set_tags", """{"email_id":"em_1","tags":[{"key":"\ud800","value":"v"}]}""", "'tags[0]")]
    [InlineData("set_tags", """{"email_id":"em_1","tags":"{\"k\":\"\\ud800\"}"}""", "'tags.k'")]
    [InlineData("read_email", """{"email_id":"\udfff"}""", "'email_id'")]
    [InlineData("read_email", """ "{\"email_id\":\"\\ud800\"}" """, "'email_id'")]
    [InlineData("read_email", """ "\ud800" """, "must be a JSON object")]
    public async Task Escaped_lone_surrogates_are_named_not_thrown(string tool, string json, string named)
    {
        var text = await _tools.InvokeAsync(tool, json);

        Assert.StartsWith("Invalid arguments for " + tool + ": ", text);
        Assert.Contains(named, text);
        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public async Task Escaped_lone_surrogates_in_typed_tools_and_objects_are_named_not_thrown()
    {
        var ticket = await ((IMultiMailToolSet)_edge).InvokeAsync("file-ticket", """{"queue":"q","event":"e","ticket":{"title":"\ud800","priority":"low","labels":["\udc00"]}}""");
        Assert.StartsWith("Invalid arguments for file-ticket: ", ticket);
        Assert.Contains("'ticket.title'", ticket);
        Assert.Contains("'ticket.labels[0]'", ticket);

        var typed = await ((IMultiMailToolSet)_edge).InvokeAsync("read_email", """{"email_id":"\ud800"}""");
        Assert.StartsWith("Invalid arguments for read_email: ", typed);
        Assert.Empty(_handler.Requests);
    }

    // A raw lone surrogate cannot even be turned into UTF-8 JSON text. (xUnit would replace one in theory data, so
    // 'H' stands for a lone high surrogate and 'L' for a lone low one.)
    [Theory]
    [InlineData("{\"subject\":\"H\"}")]
    [InlineData("{\"L\":1}")]
    [InlineData("H")]
    [InlineData("{\"limit\": 5}H")]
    public async Task Raw_lone_surrogates_are_named_not_thrown(string template)
    {
        var json = template.Replace('H', '\ud800').Replace('L', '\udc00');

        var text = await _tools.InvokeAsync("check_inbox", json);

        Assert.StartsWith("Invalid arguments for check_inbox: the arguments are not valid text", text);
        Assert.Empty(_handler.Requests);
    }

    [Theory]
    [InlineData("x-no-such-charset")]
    [InlineData("\"\"")]
    [InlineData("utf-7")]
    public async Task An_answer_in_an_unknown_charset_is_read_as_UTF_8(string charset)
    {
        var body = """{"id":"em_1","subject":"Grüße"}""";
        _handler.Respond(HttpStatusCode.OK, null, response => response.Content = Content(body, charset));
        _handler.Respond(HttpStatusCode.OK, null, response => response.Content = Content("""{"mailboxes":[{"id":"mbx_1","address":"a@b.c"}]}""", charset));
        _handler.Respond(HttpStatusCode.NotFound, null, response => response.Content = Content("""{"error":"no such email"}""", charset));

        // read_email returns mail: its text is fenced (main's untrusted-mail fence); the JSON inside is the body, read as UTF-8.
        Assert.True(global::MultiMail.Internal.UntrustedMailText.TryReadJson(await ((MailTools)_tools).ReadEmail("em_1"), out var json));
        Assert.Equal(body, json);
        Assert.Equal("mbx_1", Assert.Single((await _edge.ListMailboxesTyped()).Mailboxes).Id);
        Assert.StartsWith("Error 404 (not found): no such email.", await ((MailTools)_tools).ReadEmail("em_2"));
    }

    private static ByteArrayContent Content(string json, string charset)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=" + charset);
        return content;
    }

    [Fact]
    public async Task A_key_the_model_sends_is_not_echoed_in_argument_texts()
    {
        var dispatcher = await _tools.InvokeAsync("check_inbox", """{"direction":"KEY","KEY":1}""".Replace("KEY", TestClient.ApiKey, StringComparison.Ordinal));
        var request = await ((MailTools)_tools).CheckInbox(subjectContains: "x", limit: 1000, sender: TestClient.ApiKey, mailboxId: TestClient.ApiKey + "/x");

        Assert.StartsWith("Invalid arguments for check_inbox: unknown parameter '[redacted]'", dispatcher, StringComparison.Ordinal);
        Assert.Contains("(got \"[redacted]\")", dispatcher, StringComparison.Ordinal);
        Assert.DoesNotContain(TestClient.ApiKey, dispatcher, StringComparison.Ordinal);
        Assert.StartsWith("Invalid arguments for check_inbox: ", request, StringComparison.Ordinal);
        Assert.DoesNotContain(TestClient.ApiKey, request, StringComparison.Ordinal);
        Assert.Empty(_handler.Requests);
    }

    [Theory]
    [InlineData(400, "Error 400 (invalid request): bad \\ud800 escape.")]
    [InlineData(200, "{\"error\":\"bad \\ud800 escape\",\"status\":\"\\udc00\"}")]
    public async Task An_answer_with_a_lone_surrogate_escape_is_a_text(int status, string expected)
    {
        _handler.Respond((HttpStatusCode)status, """{"error":"bad \ud800 escape","status":"\udc00"}""");

        var text = await ((MailTools)_tools).SendEmail(new[] { "a@example.com" }, "s", "m");

        Assert.StartsWith(expected, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_typed_tool_reading_a_lone_surrogate_escape_gets_an_empty_value_not_an_exception()
    {
        _handler.Respond(HttpStatusCode.OK, """{"mailboxes":[{"id":"\ud800","address":"a@b.c"}]}""");

        var mailboxes = await _edge.ListMailboxesTyped();

        Assert.Equal(string.Empty, Assert.Single(mailboxes.Mailboxes).Id);
    }

    [Fact]
    public async Task A_transport_failure_while_the_caller_cancels_is_a_cancellation()
    {
        using var cancellation = new CancellationTokenSource();
        var tools = new MailTools(Client(new ThrowingHandler(cancellation, new HttpRequestException("connection reset"))));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => tools.ReadEmail("em_1", cancellationToken: cancellation.Token));
    }

    [Theory]
    [InlineData(typeof(System.Net.Sockets.SocketException), "Error: could not reach the MultiMail API")]
    [InlineData(typeof(InvalidOperationException), "Error: read_email failed unexpectedly (InvalidOperationException)")]
    public async Task A_transport_that_throws_its_own_exception_gives_a_text(Type exception, string expected)
    {
        var tools = new MailTools(Client(new ThrowingHandler(null, (Exception)Activator.CreateInstance(exception)!)));

        Assert.StartsWith(expected, await tools.ReadEmail("em_1"), StringComparison.Ordinal);
        Assert.StartsWith(expected, await ((IMultiMailToolSet)tools).InvokeAsync("read_email", """{"email_id":"em_1"}"""), StringComparison.Ordinal);
    }

    private static MultiMailClient Client(HttpMessageHandler handler) => new(
        new MultiMailClientOptions { ApiKey = TestClient.ApiKey, BaseAddress = new Uri(TestClient.BaseAddress), DefaultMailboxId = TestClient.DefaultMailbox },
        new HttpClient(handler));

    private sealed class ThrowingHandler(CancellationTokenSource? cancel, Exception exception) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            cancel?.Cancel();
            throw exception;
        }
    }

    public static TheoryData<string, string> ToolsWithoutToken => new()
    {
        { "get_thread", """{"thread_id":"th_1"}""" },   // ValueTask<string>
        { "list_pending", "{}" },                     // Task<string>, no parameters
        { "cancel_message", """{"email_id":"em_1"}""" }, // a keyless POST
    };

    /// <summary>
    /// The client waits forever (no timeout), and the transport answers only when its token is cancelled: the call can
    /// only end if the caller's token reaches the request.
    /// </summary>
    [Theory]
    [MemberData(nameof(ToolsWithoutToken))]
    public async Task Cancelling_InvokeAsync_cancels_the_request_of_a_tool_declared_without_a_token(string tool, string json)
    {
        var transport = new WaitingHandler();
        var tools = (IMultiMailToolSet)new MailTools(new MultiMailClient(
            new MultiMailClientOptions { ApiKey = TestClient.ApiKey, BaseAddress = new Uri(TestClient.BaseAddress), DefaultMailboxId = "mbx_1", Timeout = Timeout.InfiniteTimeSpan },
            new HttpClient(transport)));
        using var cancellation = new CancellationTokenSource();

        var call = tools.InvokeAsync(tool, json, cancellation.Token).AsTask();
        await transport.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        cancellation.Cancel();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(cancellation.Token, error.CancellationToken);
        Assert.True(transport.SawCancellation);
    }

    [Fact]
    public async Task Cancelling_a_typed_tool_declared_without_a_token_cancels_its_request()
    {
        var transport = new WaitingHandler();
        IMultiMailToolSet edge = new EdgeTools(
            new MultiMailClient(new MultiMailClientOptions { ApiKey = TestClient.ApiKey, BaseAddress = new Uri(TestClient.BaseAddress), DefaultMailboxId = "mbx_1", Timeout = Timeout.InfiniteTimeSpan }, new HttpClient(transport)),
            "mbx_agent");
        using var cancellation = new CancellationTokenSource();

        var call = edge.InvokeAsync("read_email", """{"email_id":"em_1"}""", cancellation.Token).AsTask();
        await transport.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(transport.SawCancellation);
    }

    private sealed class WaitingHandler : HttpMessageHandler
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool SawCancellation { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Started.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                SawCancellation = true;
                throw;
            }

            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }
}
