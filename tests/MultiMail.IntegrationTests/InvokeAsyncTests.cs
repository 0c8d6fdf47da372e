using System;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using MultiMail.IntegrationTests.Infrastructure;
using MultiMail.IntegrationTests.Tools;

namespace MultiMail.IntegrationTests;

/// <summary>The generated dispatcher: model JSON in, text out, never an exception.</summary>
public sealed class InvokeAsyncTests
{
    private readonly RecordingHandler _handler = new();
    private readonly IMultiMailToolSet _tools;

    public InvokeAsyncTests() => _tools = new MailTools(TestClient.Create(_handler));

    [Fact]
    public async Task Valid_arguments_reach_the_api()
    {
        _handler.Respond(HttpStatusCode.Accepted, """{"id":"em_1","status":"pending_scan","thread_id":"th_1"}""");

        var text = await _tools.InvokeAsync("send_email", """{"to":["a@example.com"],"subject":"Hi","markdown":"Hello","mailbox_id":"mbx_9"}""");

        Assert.Contains("pending_scan", text);
        var request = _handler.Single;
        Assert.Equal(TestClient.BaseAddress + "v1/mailboxes/mbx_9/send", request.Uri.AbsoluteUri);
        using var body = JsonDocument.Parse(request.Body!);
        Assert.Equal("Hi", body.RootElement.GetProperty("subject").GetString());
    }

    [Fact]
    public async Task Unknown_tool_lists_the_available_ones()
    {
        var text = await _tools.InvokeAsync("send_mail", "{}");
        Assert.StartsWith("Unknown tool 'send_mail'. Available tools: send_email, reply_email, check_inbox,", text);
        Assert.Empty(_handler.Requests);
    }

    [Theory]
    [InlineData("{not json", "the arguments are not valid JSON")]
    [InlineData("[1,2]", "the arguments must be a JSON object, not an array")]
    [InlineData("42", "the arguments must be a JSON object, not a number")]
    public async Task Malformed_arguments_are_explained(string json, string expected)
    {
        var text = await _tools.InvokeAsync("check_inbox", json);
        Assert.StartsWith("Invalid arguments for check_inbox: " + expected, text);
        Assert.EndsWith("Fix the arguments and call check_inbox again.", text);
        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public async Task Missing_required_and_unknown_parameters_are_all_named()
    {
        var text = await _tools.InvokeAsync("send_email", """{"to":["a@example.com"],"body":"Hello"}""");

        Assert.Equal(
            "Invalid arguments for send_email: unknown parameter 'body' (expected one of: to, subject, markdown, cc, bcc, attachments, idempotency_key, send_at, gate_timing, mailbox_id); "
            + "'subject' is required (a string of at most 998 characters); 'markdown' is required (a string of at most 262144 characters). Fix the arguments and call send_email again.",
            text);
        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public async Task Wrong_types_enum_and_range_violations_name_the_parameter_and_expectation()
    {
        var text = await _tools.InvokeAsync("check_inbox", """{"status":"sent","limit":500,"has_attachments":"maybe","date_after":"yesterday"}""");

        Assert.Contains("'status' must be one of: unread, read, archived, deleted, pending_send_approval, pending_inbound_approval, rejected, cancelled, send_failed, scheduled, spam_flagged, spam_quarantined (got \"sent\")", text);
        Assert.Contains("'has_attachments' must be a boolean, true or false (got \"maybe\")", text);
        Assert.Contains("'date_after' must be an ISO-8601 date-time such as 2026-03-15T14:00:00Z (got \"yesterday\")", text);
        Assert.Empty(_handler.Requests);

        text = await _tools.InvokeAsync("check_inbox", """{"limit":500}""");
        Assert.Equal("Invalid arguments for check_inbox: 'limit' must be between 1 and 100 (got 500). Fix the arguments and call check_inbox again.", text);
        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public async Task Length_count_and_email_format_violations_are_reported()
    {
        var to = string.Join(",", Enumerable.Range(0, 51).Select(i => "\"u" + i + "@example.com\""));
        var text = await _tools.InvokeAsync("send_email", "{\"to\":[" + to + ",\"not-an-address\"],\"subject\":\"" + new string('s', 999) + "\",\"markdown\":\"x\"}");

        Assert.Contains("'to' must have at most 50 items (got 52)", text);
        Assert.Contains("'to[51]' must be an email address like name@example.com (got \"not-an-address\")", text);
        Assert.Contains("'subject' must be at most 998 characters (got 999)", text);
        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public async Task Forgiving_where_intent_is_clear()
    {
        // double-encoded arguments, a single address for an array, numbers and booleans as strings, case-insensitive enums
        var arguments = JsonSerializer.Serialize("""{"status":"UNREAD","limit":"5","has_attachments":"true"}""");
        await _tools.InvokeAsync("check_inbox", arguments);
        Assert.Equal(TestClient.BaseAddress + "v1/mailboxes/mbx_default/emails?status=unread&limit=5&has_attachments=true", _handler.Requests[^1].Uri.AbsoluteUri);

        await _tools.InvokeAsync("send_email", """{"to":"solo@example.com","subject":"s","markdown":"m"}""");
        using var body = JsonDocument.Parse(_handler.Requests[^1].Body!);
        Assert.Equal("solo@example.com", body.RootElement.GetProperty("to")[0].GetString());
    }

    [Fact]
    public async Task Empty_arguments_mean_no_arguments()
    {
        await _tools.InvokeAsync("list_mailboxes", "");
        await _tools.InvokeAsync("list_mailboxes", "null");
        Assert.Equal(2, _handler.Requests.Count);
    }

    [Fact]
    public async Task Maps_accept_objects_and_the_strict_key_value_list()
    {
        await _tools.InvokeAsync("set_tags", """{"email_id":"em_1","tags":{"a":"1"}}""");
        Assert.Equal("""{"tags":{"a":"1"}}""", _handler.Requests[^1].Body);

        await _tools.InvokeAsync("set_tags", """{"email_id":"em_1","tags":[{"key":"b","value":"2"}],"mailbox_id":null}""");
        Assert.Equal("""{"tags":{"b":"2"}}""", _handler.Requests[^1].Body);
    }

    [Fact]
    public async Task Attachments_are_read_strictly_as_objects()
    {
        var text = await _tools.InvokeAsync("send_email", """{"to":["a@example.com"],"subject":"s","markdown":"m","attachments":[{"name":"a.txt","content_base64":"YQ=="}]}""");
        Assert.Contains("'attachments[0].content_type' is required (a string)", text);

        text = await _tools.InvokeAsync("send_email", """{"to":["a@example.com"],"subject":"s","markdown":"m","attachments":[{"name":"a.txt","content_base64":"YQ==","content_type":"text/plain","size":1}]}""");
        Assert.Contains("unknown parameter 'attachments[0].size' (expected one of: name, content_base64, content_type)", text);
        Assert.Empty(_handler.Requests);

        await _tools.InvokeAsync("send_email", """{"to":["a@example.com"],"subject":"s","markdown":"m","attachments":[{"name":"a.txt","content_base64":"YQ==","content_type":"text/plain"}]}""");
        using var body = JsonDocument.Parse(_handler.Single.Body!);
        Assert.Equal("text/plain", body.RootElement.GetProperty("attachments")[0].GetProperty("content_type").GetString());
    }

    [Fact]
    public async Task Api_errors_come_back_as_text()
    {
        _handler.Respond(HttpStatusCode.Forbidden, """{"error":"Mailbox is in read_only mode"}""");
        var text = await _tools.InvokeAsync("reply_email", """{"email_id":"em_1","markdown":"ok"}""");
        Assert.StartsWith("Error 403 (blocked by oversight)", text);
    }

    [Fact]
    public async Task Descriptors_are_in_declaration_order_with_effects()
    {
        var names = _tools.Tools.Select(t => t.Name).ToArray();
        Assert.Equal(
            new[]
            {
                "send_email", "reply_email", "check_inbox", "read_email", "get_thread", "cancel_message", "get_tags", "set_tags", "delete_tag",
                "list_mailboxes", "list_pending", "decide_email", "add_contact", "search_contacts", "delete_contact", "update_mailbox", "create_mailbox",
                "report_spam", "not_spam", "list_spam", "get_account", "get_audit_log", "request_upgrade",
            },
            names);
        Assert.Equal(new[] { "send_email", "reply_email" }, _tools.Tools.Where(t => t.SendsEmail).Select(t => t.Name));
        Assert.True(_tools.Tools.Single(t => t.Name == "check_inbox").IsReadOnly);
        Assert.True(_tools.Tools.Single(t => t.Name == "delete_tag").IsDestructive);
        Assert.Same(MailTools.MultiMailTools, _tools.Tools);
    }
}
