using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using MultiMail.IntegrationTests.Infrastructure;
using MultiMail.IntegrationTests.Tools;

namespace MultiMail.IntegrationTests;

/// <summary>Text-returning tools never throw: every API error, failure and timeout becomes text the model can act on.</summary>
public sealed class ErrorMappingTests
{
    private readonly RecordingHandler _handler = new();

    private MailTools Tools(Action<MultiMailClientOptions>? configure = null) => new(TestClient.Create(_handler, configure));

    private Task<string> Send(MailTools tools) => tools.SendEmail(new[] { "a@example.com" }, "Hi", "Body");

    [Fact]
    public async Task Status_400_carries_the_api_message()
    {
        _handler.Respond(HttpStatusCode.BadRequest, """{"error":"subject exceeds 998 characters"}""");
        var text = await Send(Tools());
        Assert.Equal("Error 400 (invalid request): subject exceeds 998 characters. Fix the arguments and call send_email again.", text);
    }

    [Fact]
    public async Task Status_401_never_echoes_the_key_even_when_the_api_does()
    {
        _handler.Respond(HttpStatusCode.Unauthorized, "{\"error\":\"Invalid API key " + TestClient.ApiKey + "\"}");
        var text = await Send(Tools());
        Assert.StartsWith("Error 401: MultiMail rejected the API key", text);
        Assert.DoesNotContain(TestClient.ApiKey, text);
        Assert.DoesNotContain("k3y", text);
    }

    [Fact]
    public async Task Status_403_on_a_send_says_oversight_blocks_it()
    {
        _handler.Respond(HttpStatusCode.Forbidden, """{"error":"Mailbox is in read_only mode"}""");
        var text = await Send(Tools());
        Assert.Equal(
            "Error 403 (blocked by oversight): Mailbox is in read_only mode. Sending from this mailbox is blocked: it is read_only, or the API key lacks the send scope. Do not retry; a human operator must change the mailbox's oversight mode or the key.",
            text);
    }

    [Fact]
    public async Task Status_403_on_a_read_names_the_scope()
    {
        _handler.Respond(HttpStatusCode.Forbidden, """{"error":"Requires oversight scope"}""");
        var text = await Tools().ListPending();
        Assert.StartsWith("Error 403 (forbidden): Requires oversight scope. The mailbox's oversight mode or the API key's scope does not allow list_pending.", text);
    }

    [Fact]
    public async Task Status_404_suggests_finding_a_valid_id()
    {
        _handler.Respond(HttpStatusCode.NotFound, """{"error":"Email not found"}""");
        var text = await Tools().ReadEmail("em_missing");
        Assert.Equal("Error 404 (not found): Email not found. Check the id: list or search first to get a valid one.", text);
    }

    [Fact]
    public async Task Status_409_on_a_reply_says_do_not_resend()
    {
        _handler.Respond(HttpStatusCode.Conflict, """{"error":"Duplicate reply detected"}""");
        var text = await Tools().ReplyEmail("em_1", "Thanks");
        Assert.Equal("Error 409 (duplicate): Duplicate reply detected. The same email was already submitted (for example an identical reply within 60 seconds). Do not resend it.", text);
    }

    [Fact]
    public async Task Status_429_reports_retry_after_seconds()
    {
        _handler.Respond(HttpStatusCode.TooManyRequests, """{"error":"Rate limit exceeded"}""", r => r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(42)));
        var text = await Send(Tools());
        Assert.Equal("Error 429 (rate limited): Rate limit exceeded. Retry after 42 seconds.", text);
    }

    [Fact]
    public async Task Status_429_without_retry_after_says_wait()
    {
        _handler.Respond(HttpStatusCode.TooManyRequests, """{"error":"Monthly quota exceeded"}""");
        var text = await Send(Tools());
        Assert.Equal("Error 429 (rate limited or quota exceeded): Monthly quota exceeded. Wait before retrying.", text);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task Status_5xx_is_service_unavailable(HttpStatusCode status)
    {
        _handler.Respond(status, "<html>upstream broke</html>");
        var text = await Tools().CheckInbox();
        Assert.Equal("Error " + (int)status + ": the MultiMail service is unavailable right now. Try again later.", text);
    }

    [Fact]
    public async Task Non_json_error_body_is_clipped_to_one_line()
    {
        _handler.Respond(HttpStatusCode.BadRequest, "bad\r\nthing " + new string('x', 1000));
        var text = await Tools().CheckInbox();
        Assert.StartsWith("Error 400 (invalid request): bad thing xxx", text);
        Assert.DoesNotContain("\n", text);
        Assert.True(text.Length < 400, text);
    }

    [Fact]
    public async Task Network_failure_is_service_unavailable_and_mentions_the_idempotency_key_for_sends()
    {
        _handler.Throw(new HttpRequestException("connection refused"));
        var text = await Send(Tools());
        Assert.Equal("Error: could not reach the MultiMail API (network failure; service unavailable). Try again later. The request carried an idempotency key, so retrying the identical call cannot send a second email.", text);
    }

    [Fact]
    public async Task Timeout_is_reported_without_throwing()
    {
        _handler.Delay(TimeSpan.FromSeconds(3));
        var text = await Tools(o => o.Timeout = TimeSpan.FromMilliseconds(200)).CheckInbox();
        Assert.Equal("Error: the MultiMail API did not answer within 1 second (service unavailable). Try again later.", text);
    }

    [Fact]
    public async Task Caller_cancellation_propagates()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Tools().CheckInbox(cancellationToken: cancellation.Token));
    }

    [Fact]
    public async Task Missing_api_key_is_a_setup_message_and_sends_nothing()
    {
        var text = await Send(Tools(o => o.ApiKey = null));
        Assert.StartsWith("Error: no MultiMail API key is configured", text);
        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public async Task Api_key_with_a_newline_cannot_inject_a_header()
    {
        var text = await Send(Tools(o => o.ApiKey = "mm_live_x\r\nX-Evil: 1"));
        Assert.StartsWith("Error: the configured MultiMail API key is malformed", text);
        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public async Task Gated_send_202_passes_through_with_an_approval_hint()
    {
        _handler.Respond(HttpStatusCode.Accepted, """{"id":"em_1","status":"pending_scan","thread_id":"th_1"}""");
        var text = await Send(Tools());
        Assert.StartsWith("""{"id":"em_1","status":"pending_scan","thread_id":"th_1"}""", text);
        Assert.Contains("waits for human approval", text);
        Assert.Contains("Do not send it again", text);
    }

    [Fact]
    public async Task Idempotent_replay_is_reported_as_already_sent()
    {
        _handler.Respond(HttpStatusCode.OK, """{"id":"em_1","status":"already_sent","idempotent":true}""");
        var text = await Send(Tools());
        Assert.Contains("Already submitted", text);
        Assert.Contains("no new email was created", text);
    }

    [Fact]
    public async Task Long_responses_are_cut_at_the_configured_size()
    {
        _handler.Respond(HttpStatusCode.OK, "{\"x\":\"" + new string('a', 5000) + "\"}");
        var text = await Tools(o => o.MaxResponseCharacters = 100).ListMailboxes();
        Assert.StartsWith("{\"x\":\"aaaa", text);
        Assert.EndsWith("[truncated: the response was longer than 100 characters]", text);
    }

    [Fact]
    public async Task Null_items_in_a_direct_call_are_refused_locally()
    {
        var text = await Tools().SendEmail(new[] { "a@example.com", null! }, "Hi", "Body");
        Assert.Equal("Invalid arguments for send_email: 'to[1]' must not be null. Fix the arguments and call send_email again.", text);
        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public async Task A_null_client_member_is_a_setup_message()
    {
        var tools = new MailTools(null!);
        var text = await tools.ListMailboxes();
        Assert.StartsWith("Error: list_mailboxes has no MultiMailClient", text);
    }
}
