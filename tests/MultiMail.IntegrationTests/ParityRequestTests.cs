using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Tasks;
using MultiMail.Diagnostics;
using MultiMail.IntegrationTests.Infrastructure;
using MultiMail.IntegrationTests.Tools;

namespace MultiMail.IntegrationTests;

/// <summary>
/// The operations issue 15 added (the rest of the vendor's MCP server), called through their generated methods: the
/// requests that reach the transport, and for runtime operations the calls they make and what they return.
/// </summary>
public sealed class ParityRequestTests
{
    private readonly RecordingHandler _handler = new();
    private readonly ParityTools _tools;

    public ParityRequestTests() => _tools = new ParityTools(TestClient.Create(_handler));

    private IMultiMailToolSet ToolSet => _tools;

    private RecordedRequest Last => _handler.Requests[^1];

    private static string Url(string path) => TestClient.BaseAddress + path;

    private static void AssertJson(string expected, string? actual)
    {
        Assert.NotNull(actual);
        using var a = JsonDocument.Parse(expected);
        using var b = JsonDocument.Parse(actual!);
        Assert.Equal(JsonSerializer.Serialize(a.RootElement), JsonSerializer.Serialize(b.RootElement));
    }

    [Fact]
    public async Task Schedule_email_is_a_send_with_a_required_send_at()
    {
        await _tools.ScheduleEmail(["a@example.com"], "Later", "Body", new DateTimeOffset(2026, 3, 15, 16, 0, 0, TimeSpan.FromHours(2)), idempotencyKey: "k1");

        Assert.Equal("POST", Last.Method);
        Assert.Equal(Url("v1/mailboxes/mbx_default/send"), Last.Uri.AbsoluteUri);
        AssertJson("""{"to":["a@example.com"],"subject":"Later","markdown":"Body","send_at":"2026-03-15T14:00:00Z","idempotency_key":"k1"}""", Last.Body);

        var missing = await ToolSet.InvokeAsync("schedule_email", """{"to":["a@example.com"],"subject":"Later","markdown":"Body"}""");
        Assert.StartsWith("Invalid arguments for schedule_email: 'send_at' is required", missing);
        Assert.Single(_handler.Requests);

        var schedule = ToolSet.Tools.Single(t => t.Name == "schedule_email");
        Assert.Equal(MultiMailToolEffect.SendsEmail, schedule.Effect);
        using var schema = JsonDocument.Parse(schedule.ParametersJsonSchema);
        Assert.Contains("send_at", schema.RootElement.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Download_attachment_returns_the_bytes_as_base64_with_name_type_and_size()
    {
        byte[] pdf = [0x25, 0x50, 0x44, 0x46, 0x00, 0xFF, 0x10];
        _handler.Respond(HttpStatusCode.OK, null, r =>
        {
            r.Content = new ByteArrayContent(pdf);
            r.Content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        });

        var text = await _tools.DownloadAttachment("em_1", "Q1 report (final).pdf");

        var request = _handler.Single;
        Assert.Equal("GET", request.Method);
        Assert.Equal(Url("v1/mailboxes/mbx_default/emails/em_1/attachments/Q1%20report%20%28final%29.pdf"), request.Uri.AbsoluteUri);
        AssertJson("""{"filename":"Q1 report (final).pdf","content_type":"application/pdf","size_bytes":7,"content_base64":"JVBERgD/EA=="}""", text);
    }

    [Fact]
    public async Task Download_attachment_passes_a_json_answer_on_and_reports_errors()
    {
        _handler.Respond(HttpStatusCode.OK, """{"url":"https://files.example/x","expires_in":3600}""");
        Assert.Contains("\"expires_in\":3600", await _tools.DownloadAttachment("em_1", "big.zip"));

        _handler.Respond(HttpStatusCode.NotFound, """{"error":"Attachment not found"}""");
        var missing = await _tools.DownloadAttachment("em_1", "nope.txt");
        Assert.Contains("404", missing);
        Assert.Contains("Attachment not found", missing);

        // A file name can never leave its path segment.
        var escape = await ToolSet.InvokeAsync("download_attachment", """{"email_id":"em_1","filename":"../../../v1/account"}""");
        Assert.StartsWith("Invalid arguments for download_attachment: 'filename'", escape);
        Assert.Equal(2, _handler.Requests.Count);
    }

    [Fact]
    public async Task Runtime_operations_with_typed_results_read_them_and_throw_on_api_errors()
    {
        var typed = new TypedParityTools(TestClient.Create(_handler));
        _handler.Respond(HttpStatusCode.OK, null, r =>
        {
            r.Content = new ByteArrayContent([1, 2, 3]);
            r.Content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        });

        var content = await typed.DownloadAttachment("em_1", "a.png");
        Assert.Equal(new AttachmentContent("a.png", "image/png", 3, "AQID"), content);

        _handler.Respond(HttpStatusCode.Forbidden, """{"error":"Requires send scope"}""");
        var error = await Assert.ThrowsAsync<MultiMailApiException>(() => typed.ManageSpamStatus("em_1", SpamAction.Report));
        Assert.Equal(403, error.StatusCode);
        Assert.Equal(Url("v1/emails/em_1/report-spam"), Last.Uri.AbsoluteUri);

        await Assert.ThrowsAsync<ArgumentException>(() => typed.ManageUpgrade(UpgradeAction.Apply));
        Assert.Equal(2, _handler.Requests.Count);
    }

    [Fact]
    public async Task Wait_for_email_notes_the_newest_email_then_polls_for_newer_unread_mail()
    {
        _handler.Respond(HttpStatusCode.OK, """{"emails":[{"id":"em_5","subject":"old"}],"cursor":null}""");
        _handler.Respond(HttpStatusCode.OK, """{"emails":[{"id":"em_6","subject":"Invoice 7"}],"cursor":null}""");

        var text = await _tools.WaitForEmail(timeoutSeconds: 10, filter: new EmailFilter { Sender = "billing@example.com", SubjectContains = "Invoice & co" });

        AssertJson("""{"found":true,"emails":[{"id":"em_6","subject":"Invoice 7"}]}""", text);
        Assert.Equal(2, _handler.Requests.Count);
        Assert.Equal(Url("v1/mailboxes/mbx_default/emails?limit=1"), _handler.Requests[0].Uri.AbsoluteUri);
        Assert.Equal(
            Url("v1/mailboxes/mbx_default/emails?since_id=em_5&status=unread&limit=5&sender=billing%40example.com&subject_contains=Invoice%20%26%20co"),
            _handler.Requests[1].Uri.AbsoluteUri);
        Assert.All(_handler.Requests, r => Assert.Equal("GET", r.Method));
        Assert.All(_handler.Requests, r => Assert.Null(r.Body));
    }

    [Fact]
    public async Task Wait_for_email_gives_up_after_the_timeout()
    {
        _handler.Respond(HttpStatusCode.OK, """{"emails":[],"cursor":null}""");   // an empty mailbox: no since_id

        var clock = Stopwatch.StartNew();
        var text = await _tools.WaitForEmail(timeoutSeconds: 5);

        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(4.9), clock.Elapsed.ToString());
        using var result = JsonDocument.Parse(text);
        Assert.False(result.RootElement.GetProperty("found").GetBoolean());
        Assert.True(result.RootElement.GetProperty("timeout").GetBoolean());
        Assert.InRange(result.RootElement.GetProperty("waited_seconds").GetInt32(), 5, (int)Math.Ceiling(clock.Elapsed.TotalSeconds));
        Assert.InRange(_handler.Requests.Count, 3, 5);   // the baseline, then a poll at once, after 3 s and at 5 s
        Assert.Equal(Url("v1/mailboxes/mbx_default/emails?status=unread&limit=5"), _handler.Requests[1].Uri.AbsoluteUri);
    }

    [Fact]
    public async Task Wait_for_email_checks_its_limits_and_stops_at_an_api_error()
    {
        var tooShort = await ToolSet.InvokeAsync("wait_for_email", """{"timeout_seconds":2}""");
        Assert.StartsWith("Invalid arguments for wait_for_email: 'timeout_seconds'", tooShort);
        var unknown = await ToolSet.InvokeAsync("wait_for_email", """{"filter":{"from":"x"}}""");
        Assert.StartsWith("Invalid arguments for wait_for_email:", unknown);
        Assert.Empty(_handler.Requests);

        _handler.Respond(HttpStatusCode.OK, """{"emails":[{"id":"em_1"}]}""");
        _handler.Respond(HttpStatusCode.Unauthorized, """{"error":"Invalid API key"}""");
        var text = await ToolSet.InvokeAsync("wait_for_email", """{"timeout_seconds":30,"filter":{"sender":"a@example.com"}}""");
        Assert.Contains("401", text);
        Assert.DoesNotContain(TestClient.ApiKey, text);
        Assert.Equal(2, _handler.Requests.Count);
    }

    [Fact]
    public async Task Manage_upgrade_posts_to_the_action_s_endpoint_with_only_its_field()
    {
        await _tools.ManageUpgrade(UpgradeAction.Request, OversightMode.Monitored, code: "ignored", mailboxId: "mbx_2");
        Assert.Equal("POST", Last.Method);
        Assert.Equal(Url("v1/mailboxes/mbx_2/request-upgrade"), Last.Uri.AbsoluteUri);
        AssertJson("""{"target_mode":"monitored"}""", Last.Body);

        await _tools.ManageUpgrade(UpgradeAction.Apply, code: "A7X-29K");
        Assert.Equal(Url("v1/mailboxes/mbx_default/upgrade"), Last.Uri.AbsoluteUri);
        AssertJson("""{"code":"A7X-29K"}""", Last.Body);

        await _tools.ApplyUpgrade("B8Y-30L");
        Assert.Equal(Url("v1/mailboxes/mbx_default/upgrade"), Last.Uri.AbsoluteUri);
        AssertJson("""{"code":"B8Y-30L"}""", Last.Body);
        Assert.Equal(3, _handler.Requests.Count);

        var missing = await _tools.ManageUpgrade(UpgradeAction.Request);
        Assert.Equal("Invalid arguments for manage_upgrade: 'target_mode' is required when action is request. Fix the arguments and call manage_upgrade again.", missing);
        var badAction = await ToolSet.InvokeAsync("manage_upgrade", """{"action":"grant","target_mode":"autonomous"}""");
        Assert.StartsWith("Invalid arguments for manage_upgrade: 'action' must be one of: request, apply", badAction);
        Assert.Equal(3, _handler.Requests.Count);
    }

    [Fact]
    public async Task Manage_spam_status_reports_or_clears()
    {
        await _tools.ManageSpamStatus("em 1", SpamAction.Report);
        Assert.Equal(Url("v1/emails/em%201/report-spam"), Last.Uri.AbsoluteUri);
        Assert.Null(Last.Body);

        await _tools.ManageSpamStatus("em_1", SpamAction.Clear);
        Assert.Equal("POST", Last.Method);
        Assert.Equal(Url("v1/emails/em_1/not-spam"), Last.Uri.AbsoluteUri);
    }

    [Fact]
    public async Task Runtime_operations_are_one_tool_call_in_telemetry()
    {
        var spans = new System.Collections.Concurrent.ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == MultiMailDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        _handler.Respond(HttpStatusCode.OK, """{"emails":[{"id":"em_5"}]}""");
        _handler.Respond(HttpStatusCode.OK, """{"emails":[{"id":"em_6"}]}""");

        await _tools.WaitForEmail(timeoutSeconds: 10);

        var mine = spans.Where(a => a.DisplayName.Contains("wait_for_email", StringComparison.Ordinal)).ToList();
        Assert.Single(mine);
        Assert.Equal(2, _handler.Requests.Count);
    }

    [Fact]
    public async Task Delete_mailbox_needs_its_mailbox_id_and_never_falls_back_to_the_default()
    {
        await _tools.DeleteMailbox("mbx_9");
        Assert.Equal("DELETE", Last.Method);
        Assert.Equal(Url("v1/mailboxes/mbx_9"), Last.Uri.AbsoluteUri);

        var missing = await ToolSet.InvokeAsync("delete_mailbox", "{}");
        Assert.StartsWith("Invalid arguments for delete_mailbox: 'mailbox_id' is required", missing);
        var empty = await _tools.DeleteMailbox("");
        Assert.StartsWith("Invalid arguments for delete_mailbox: 'mailbox_id' is required", empty);
        Assert.Single(_handler.Requests);

        using var schema = JsonDocument.Parse(ToolSet.Tools.Single(t => t.Name == "delete_mailbox").ParametersJsonSchema);
        Assert.Equal("mailbox_id", Assert.Single(schema.RootElement.GetProperty("required").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task Account_operations_patch_and_delete_with_their_bodies()
    {
        await _tools.UpdateAccount(name: "Acme", physicalAddress: "1 Main St");
        Assert.Equal("PATCH", Last.Method);
        Assert.Equal(Url("v1/account"), Last.Uri.AbsoluteUri);
        AssertJson("""{"name":"Acme","physical_address":"1 Main St"}""", Last.Body);

        await _tools.DeleteAccount("ABC-123");
        Assert.Equal("DELETE", Last.Method);
        Assert.Equal(Url("v1/account"), Last.Uri.AbsoluteUri);
        AssertJson("""{"approval_code":"ABC-123"}""", Last.Body);

        var tooLong = await _tools.UpdateAccount(approvalCode: new string('x', 17), oversightEmail: "not an address");
        Assert.Contains("'oversight_email'", tooLong);
        Assert.Contains("'approval_code'", tooLong);
        Assert.Equal(2, _handler.Requests.Count);
    }

    [Fact]
    public async Task Usage_keys_suppression_and_webhooks_hit_their_routes()
    {
        await _tools.GetUsage("daily", from: 1767225600000);
        Assert.Equal(Url("v1/usage?period=daily&from=1767225600000"), Last.Uri.AbsoluteUri);

        await _tools.ListApiKeys();
        Assert.Equal(("GET", Url("v1/api-keys")), (Last.Method, Last.Uri.AbsoluteUri));

        await _tools.CreateApiKey("reporting", ["read", "send"], approvalCode: "C0D-E12");
        Assert.Equal(("POST", Url("v1/api-keys")), (Last.Method, Last.Uri.AbsoluteUri));
        AssertJson("""{"name":"reporting","scopes":["read","send"],"approval_code":"C0D-E12"}""", Last.Body);

        await _tools.RevokeApiKey("key_1");
        Assert.Equal(("DELETE", Url("v1/api-keys/key_1")), (Last.Method, Last.Uri.AbsoluteUri));
        Assert.Null(Last.Body);
        await _tools.RevokeApiKey("key_1", "C0D-E13");
        AssertJson("""{"approval_code":"C0D-E13"}""", Last.Body);

        await _tools.ListSuppression(10, "c1");
        Assert.Equal(Url("v1/suppression?limit=10&cursor=c1"), Last.Uri.AbsoluteUri);
        await _tools.CheckSuppression(5);
        Assert.Equal(Url("v1/suppression?limit=5"), Last.Uri.AbsoluteUri);
        await _tools.RemoveSuppression("bounced+tag@example.com");
        Assert.Equal(("DELETE", Url("v1/suppression/bounced%2Btag%40example.com")), (Last.Method, Last.Uri.AbsoluteUri));

        await _tools.CreateWebhook("https://hooks.example.com/mm", ["message.received"], mailboxId: "mbx_2");
        Assert.Equal(("POST", Url("v1/webhooks")), (Last.Method, Last.Uri.AbsoluteUri));
        AssertJson("""{"url":"https://hooks.example.com/mm","events":["message.received"],"mailbox_id":"mbx_2"}""", Last.Body);
        await _tools.ListWebhooks();
        Assert.Equal(("GET", Url("v1/webhooks")), (Last.Method, Last.Uri.AbsoluteUri));
        await _tools.DeleteWebhook("wh_1");
        Assert.Equal(("DELETE", Url("v1/webhooks/wh_1")), (Last.Method, Last.Uri.AbsoluteUri));
    }

    [Fact]
    public async Task Contract_limits_of_the_new_fields_are_checked_before_sending()
    {
        var badScope = await _tools.CreateApiKey("k", ["read", "root"]);
        Assert.StartsWith("Invalid arguments for create_api_key: 'scopes[1]' must be one of: read, send, admin, oversight", badScope);
        var noEvents = await _tools.CreateWebhook("https://hooks.example.com/mm", []);
        Assert.StartsWith("Invalid arguments for create_webhook: 'events'", noEvents);
        var badPeriod = await ToolSet.InvokeAsync("get_usage", """{"period":"weekly"}""");
        Assert.StartsWith("Invalid arguments for get_usage: 'period' must be one of: summary, daily", badPeriod);
        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public async Task Vendor_argument_names_are_sent_under_the_contract_s_names()
    {
        await _tools.SearchContacts("ann");
        Assert.Equal(Url("v1/contacts?q=ann"), Last.Uri.AbsoluteUri);

        await ToolSet.InvokeAsync("create_mailbox", """{"address_local_part":"support","display_name":"Support"}""");
        Assert.Equal(Url("v1/mailboxes"), Last.Uri.AbsoluteUri);
        AssertJson("""{"address_local":"support","display_name":"Support"}""", Last.Body);

        // The model sees the vendor's names; the contract's names are not arguments of these tools.
        using var search = JsonDocument.Parse(ToolSet.Tools.Single(t => t.Name == "search_contacts").ParametersJsonSchema);
        Assert.Equal(["query"], search.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        using var create = JsonDocument.Parse(ToolSet.Tools.Single(t => t.Name == "create_mailbox").ParametersJsonSchema);
        Assert.Equal(["address_local_part", "display_name", "approval_code"], create.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        var contractName = await ToolSet.InvokeAsync("search_contacts", """{"q":"ann"}""");
        Assert.StartsWith("Invalid arguments for search_contacts: unknown parameter 'q'", contractName);
        var missing = await ToolSet.InvokeAsync("create_mailbox", "{}");
        Assert.StartsWith("Invalid arguments for create_mailbox: 'address_local_part' is required", missing);
        Assert.Equal(2, _handler.Requests.Count);
    }
}
