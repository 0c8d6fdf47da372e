using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using MultiMail.IntegrationTests.Infrastructure;
using MultiMail.IntegrationTests.Tools;

namespace MultiMail.IntegrationTests;

/// <summary>
/// Every catalog operation, called through its generated method: the exact method, URL, headers and JSON body that
/// reach the transport.
/// </summary>
public sealed class CatalogRequestTests
{
    private readonly RecordingHandler _handler = new();
    private readonly MailTools _tools;

    public CatalogRequestTests() => _tools = new MailTools(TestClient.Create(_handler));

    private RecordedRequest Last => _handler.Requests[^1];

    private static void AssertJson(string expected, string? actual)
    {
        Assert.NotNull(actual);
        // Compare canonical (compact) forms: property order is part of the contract here (declaration order).
        using var a = JsonDocument.Parse(expected);
        using var b = JsonDocument.Parse(actual!);
        Assert.Equal(JsonSerializer.Serialize(a.RootElement), JsonSerializer.Serialize(b.RootElement));
    }

    [Fact]
    public async Task Every_request_carries_bearer_key_user_agent_and_json_accept()
    {
        await _tools.ListMailboxes();

        var request = _handler.Single;
        Assert.Equal("Bearer " + TestClient.ApiKey, request.Headers["Authorization"]);
        Assert.Equal("application/json", request.Headers["Accept"]);
        Assert.Equal("MultiMail.Generators/" + MultiMailClient.LibraryVersion, request.Headers["User-Agent"]);
        Assert.Matches(@"^MultiMail\.Generators/\d+\.\d+\.\d+", request.Headers["User-Agent"]);
        Assert.Null(request.Body);
    }

    [Fact]
    public async Task Send_email_posts_the_contract_body_with_a_derived_idempotency_key()
    {
        await _tools.SendEmail(
            new[] { "a@example.com", "b@example.com" },
            "Quarterly \"report\"",
            "# Hi\nSee attached.",
            cc: new[] { "c@example.com" },
            attachments: new[] { new MultiMailAttachment("r.pdf", "UEsDBA==", "application/pdf") },
            sendAt: new DateTimeOffset(2026, 3, 15, 16, 0, 0, TimeSpan.FromHours(2)),
            gateTiming: GateTiming.ScheduleFirst);

        var request = Last;
        Assert.Equal("POST", request.Method);
        Assert.Equal(TestClient.BaseAddress + "v1/mailboxes/mbx_default/send", request.Uri.AbsoluteUri);
        Assert.Equal("application/json; charset=utf-8", request.ContentType);
        using var body = JsonDocument.Parse(request.Body!);
        var key = body.RootElement.GetProperty("idempotency_key").GetString()!;
        Assert.Matches("^mmg-[0-9a-f]{32}$", key);
        AssertJson(
            """
            {"to":["a@example.com","b@example.com"],"subject":"Quarterly \"report\"","markdown":"# Hi\nSee attached.",
             "cc":["c@example.com"],
             "attachments":[{"name":"r.pdf","content_base64":"UEsDBA==","content_type":"application/pdf"}],
             "send_at":"2026-03-15T14:00:00Z","gate_timing":"schedule_first","idempotency_key":"KEY"}
            """.Replace("KEY", key),
            request.Body);
    }

    [Fact]
    public async Task Reply_email_uses_the_reply_route_and_omits_null_optionals()
    {
        await _tools.ReplyEmail("em_1", "Thanks!", cc: new List<string> { "x@example.com" }, mailboxId: "mbx_2", idempotencyKey: "reply-1");

        var request = Last;
        Assert.Equal("POST", request.Method);
        Assert.Equal(TestClient.BaseAddress + "v1/mailboxes/mbx_2/reply/em_1", request.Uri.AbsoluteUri);
        AssertJson("""{"markdown":"Thanks!","cc":["x@example.com"],"idempotency_key":"reply-1"}""", request.Body);
    }

    [Fact]
    public async Task Check_inbox_puts_filters_in_the_query_with_wire_formats()
    {
        await _tools.CheckInbox(
            status: EmailStatus.PendingSendApproval,
            limit: 5,
            sender: "boss@example.com",
            subjectContains: "a&b c",
            dateAfter: new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(-5)),
            dateBefore: new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc),
            direction: Direction.Inbound,
            hasAttachments: false,
            sinceId: "em_9");

        var request = Last;
        Assert.Equal("GET", request.Method);
        Assert.Equal(
            TestClient.BaseAddress + "v1/mailboxes/mbx_default/emails?status=pending_send_approval&limit=5&sender=boss%40example.com&subject_contains=a%26b%20c"
            + "&date_after=2026-01-02T08%3A04%3A05Z&date_before=2026-02-01T00%3A00%3A00Z&direction=inbound&has_attachments=false&since_id=em_9",
            request.Uri.AbsoluteUri);
        Assert.Null(request.Body);
    }

    [Fact]
    public async Task Check_inbox_sends_only_the_default_limit_when_nothing_else_is_given()
    {
        await _tools.CheckInbox();
        Assert.Equal(TestClient.BaseAddress + "v1/mailboxes/mbx_default/emails?limit=20", Last.Uri.AbsoluteUri);
    }

    [Theory]
    [InlineData("read_email", "GET", "v1/mailboxes/mbx_default/emails/em_1")]
    [InlineData("get_thread", "GET", "v1/mailboxes/mbx_default/threads/th_1")]
    [InlineData("cancel_message", "POST", "v1/mailboxes/mbx_default/emails/em_1/cancel")]
    [InlineData("get_tags", "GET", "v1/mailboxes/mbx_default/emails/em_1/tags")]
    [InlineData("delete_tag", "DELETE", "v1/mailboxes/mbx_default/emails/em_1/tags/priority")]
    [InlineData("list_mailboxes", "GET", "v1/mailboxes")]
    [InlineData("list_pending", "GET", "v1/oversight/pending")]
    [InlineData("delete_contact", "DELETE", "v1/contacts/ct_1")]
    [InlineData("report_spam", "POST", "v1/emails/em_1/report-spam")]
    [InlineData("not_spam", "POST", "v1/emails/em_1/not-spam")]
    [InlineData("list_spam", "GET", "v1/emails?status=spam_flagged&limit=10")]
    [InlineData("get_account", "GET", "v1/account")]
    [InlineData("get_audit_log", "GET", "v1/audit-log?limit=50&cursor=c1")]
    [InlineData("search_contacts", "GET", "v1/contacts?q=ann")]
    public async Task Bodiless_operations_hit_their_route(string tool, string method, string path)
    {
        var task = tool switch
        {
            "read_email" => _tools.ReadEmail("em_1"),
            "get_thread" => _tools.GetThread("th_1").AsTask(),
            "cancel_message" => _tools.CancelMessage("em_1"),
            "get_tags" => _tools.GetTags("em_1"),
            "delete_tag" => _tools.DeleteTag("em_1", "priority"),
            "list_mailboxes" => _tools.ListMailboxes(),
            "list_pending" => _tools.ListPending(),
            "delete_contact" => _tools.DeleteContact("ct_1"),
            "report_spam" => _tools.ReportSpam("em_1"),
            "not_spam" => _tools.NotSpam("em_1"),
            "list_spam" => _tools.ListSpam("spam_flagged", 10),
            "get_account" => _tools.GetAccount(),
            "get_audit_log" => _tools.GetAuditLog(50, "c1"),
            "search_contacts" => _tools.SearchContacts("ann"),
            _ => throw new ArgumentOutOfRangeException(nameof(tool)),
        };
        await task;

        Assert.Equal(method, Last.Method);
        Assert.Equal(TestClient.BaseAddress + path, Last.Uri.AbsoluteUri);
        Assert.Null(Last.Body);
    }

    [Fact]
    public async Task Set_tags_puts_a_string_map()
    {
        await _tools.SetTags("em_1", new Dictionary<string, string> { ["priority"] = "high", ["a\"b"] = "ü" });

        Assert.Equal("PUT", Last.Method);
        Assert.Equal(TestClient.BaseAddress + "v1/mailboxes/mbx_default/emails/em_1/tags", Last.Uri.AbsoluteUri);
        AssertJson("""{"tags":{"priority":"high","a\"b":"ü"}}""", Last.Body);
    }

    [Fact]
    public async Task Decide_email_posts_the_decision()
    {
        await _tools.DecideEmail("em_1", DecisionAction.Reject, "off-brand tone");

        Assert.Equal("POST", Last.Method);
        Assert.Equal(TestClient.BaseAddress + "v1/oversight/decide", Last.Uri.AbsoluteUri);
        AssertJson("""{"email_id":"em_1","action":"reject","reason":"off-brand tone"}""", Last.Body);
    }

    [Fact]
    public async Task Add_contact_posts_name_email_and_tags()
    {
        await _tools.AddContact("Ann", "ann@example.com", new[] { "vip" });

        Assert.Equal("POST", Last.Method);
        Assert.Equal(TestClient.BaseAddress + "v1/contacts", Last.Uri.AbsoluteUri);
        AssertJson("""{"name":"Ann","email":"ann@example.com","tags":["vip"]}""", Last.Body);
    }

    [Fact]
    public async Task Update_mailbox_patches_only_the_given_fields()
    {
        await _tools.UpdateMailbox(oversightMode: OversightMode.ReadOnly, forwardInbound: true);

        Assert.Equal("PATCH", Last.Method);
        Assert.Equal(TestClient.BaseAddress + "v1/mailboxes/mbx_default", Last.Uri.AbsoluteUri);
        AssertJson("""{"oversight_mode":"read_only","forward_inbound":true}""", Last.Body);
    }

    [Fact]
    public async Task Create_mailbox_and_request_upgrade_post_their_bodies()
    {
        await _tools.CreateMailbox("support", "Support Desk");
        AssertJson("""{"address_local":"support","display_name":"Support Desk"}""", Last.Body);
        Assert.Equal(TestClient.BaseAddress + "v1/mailboxes", Last.Uri.AbsoluteUri);

        await _tools.RequestUpgrade(OversightMode.Monitored);
        Assert.Equal(TestClient.BaseAddress + "v1/mailboxes/mbx_default/request-upgrade", Last.Uri.AbsoluteUri);
        AssertJson("""{"target_mode":"monitored"}""", Last.Body);
    }

    [Fact]
    public async Task Success_returns_the_response_json()
    {
        _handler.Respond(HttpStatusCode.OK, """{"mailboxes":[{"id":"mbx_1"}]}""");

        var text = await _tools.ListMailboxes();

        Assert.Equal("""{"mailboxes":[{"id":"mbx_1"}]}""", text);

        // Mail comes fenced as untrusted data (UntrustedMailToolTests), and reads back as the same JSON.
        _handler.Respond(HttpStatusCode.OK, """{"emails":[{"id":"em_1"}],"cursor":null}""");
        text = await _tools.CheckInbox();
        Assert.True(global::MultiMail.Internal.UntrustedMailText.TryReadJson(text, out var json));
        Assert.Equal("""{"emails":[{"id":"em_1"}],"cursor":null}""", json);
    }
}
