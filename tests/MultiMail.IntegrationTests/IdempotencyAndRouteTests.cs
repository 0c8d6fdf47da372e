using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using MultiMail.IntegrationTests.Infrastructure;
using MultiMail.IntegrationTests.Tools;

namespace MultiMail.IntegrationTests;

public sealed class IdempotencyTests
{
    private readonly RecordingHandler _handler = new();

    private static string Key(RecordedRequest request)
    {
        using var body = JsonDocument.Parse(request.Body!);
        return body.RootElement.GetProperty("idempotency_key").GetString()!;
    }

    [Fact]
    public async Task Identical_calls_carry_the_same_derived_key_so_a_retry_cannot_send_twice()
    {
        var tools = new MailTools(TestClient.Create(_handler));
        await tools.SendEmail(new[] { "a@example.com" }, "Hi", "Body");
        await tools.SendEmail(new[] { "a@example.com" }, "Hi", "Body");
        await ((IMultiMailToolSet)tools).InvokeAsync("send_email", """{"subject":"Hi","to":["a@example.com"],"markdown":"Body"}""");

        Assert.Equal(3, _handler.Requests.Select(Key).Count());
        Assert.Single(_handler.Requests.Select(Key).Distinct());
    }

    [Fact]
    public async Task Any_difference_in_content_recipient_mailbox_or_thread_changes_the_key()
    {
        var tools = new MailTools(TestClient.Create(_handler));
        await tools.SendEmail(new[] { "a@example.com" }, "Hi", "Body");
        await tools.SendEmail(new[] { "a@example.com" }, "Hi", "Body!");
        await tools.SendEmail(new[] { "b@example.com" }, "Hi", "Body");
        await tools.SendEmail(new[] { "a@example.com" }, "Hi", "Body", mailboxId: "mbx_other");
        await tools.ReplyEmail("em_1", "Thanks");
        await tools.ReplyEmail("em_2", "Thanks");

        Assert.Equal(6, _handler.Requests.Select(Key).Distinct().Count());
    }

    [Fact]
    public async Task An_explicit_key_wins_and_derivation_can_be_switched_off()
    {
        var tools = new MailTools(TestClient.Create(_handler));
        await tools.SendEmail(new[] { "a@example.com" }, "Hi", "Body", idempotencyKey: "report-2026-w10");
        Assert.Equal("report-2026-w10", Key(_handler.Requests[^1]));

        var plain = new MailTools(TestClient.Create(_handler, o => o.DeriveIdempotencyKeys = false));
        await plain.SendEmail(new[] { "a@example.com" }, "Hi", "Body");
        using var body = JsonDocument.Parse(_handler.Requests[^1].Body!);
        Assert.False(body.RootElement.TryGetProperty("idempotency_key", out _));
    }

    [Fact]
    public async Task Non_sending_tools_carry_no_key()
    {
        var tools = new MailTools(TestClient.Create(_handler));
        await tools.AddContact("Ann", "ann@example.com");
        Assert.DoesNotContain("idempotency_key", _handler.Single.Body);
    }
}

public sealed class RouteSafetyTests
{
    private readonly RecordingHandler _handler = new();

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("em_1/../../v1/oversight/decide")]
    [InlineData("em_1?admin=true")]
    [InlineData("em_1#frag")]
    [InlineData("em_1\r\nX-Injected: 1")]
    [InlineData("em\\1")]
    public async Task Route_values_that_could_change_the_endpoint_are_refused(string emailId)
    {
        var tools = new MailTools(TestClient.Create(_handler));
        var text = await tools.ReadEmail(emailId);

        Assert.StartsWith("Invalid arguments for read_email: 'email_id' ", text);
        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public async Task Other_characters_are_percent_encoded_within_one_segment()
    {
        var tools = new MailTools(TestClient.Create(_handler));
        await tools.ReadEmail("em 1%2F..;x=é");

        var uri = _handler.Single.Uri;
        Assert.Equal("/v1/mailboxes/mbx_default/emails/em%201%252F..%3Bx%3D%C3%A9", uri.AbsolutePath);
        Assert.Equal(5, uri.Segments.Length - 1);
    }

    [Fact]
    public async Task A_model_supplied_mailbox_is_validated_too()
    {
        var tools = (IMultiMailToolSet)new MailTools(TestClient.Create(_handler));
        var text = await tools.InvokeAsync("check_inbox", """{"mailbox_id":"../../admin"}""");
        Assert.StartsWith("Invalid arguments for check_inbox: 'mailbox_id' must be a plain id", text);
        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public async Task Without_a_mailbox_anywhere_the_model_is_told_what_to_do()
    {
        var tools = new MailTools(TestClient.Create(_handler, o => o.DefaultMailboxId = null));
        var text = await tools.CheckInbox();
        Assert.StartsWith("Invalid arguments for check_inbox: 'mailbox_id' is required: pass a mailbox id (list_mailboxes shows them)", text);
    }

    [Fact]
    public async Task A_base_address_with_a_path_prefix_is_kept()
    {
        var tools = new MailTools(TestClient.Create(_handler, o => o.BaseAddress = new Uri("http://127.0.0.1:5080/proxy/mm")));
        await tools.ListMailboxes();
        Assert.Equal("http://127.0.0.1:5080/proxy/mm/v1/mailboxes", _handler.Single.Uri.AbsoluteUri);
    }

    [Fact]
    public async Task Model_text_never_reaches_a_header()
    {
        var tools = (IMultiMailToolSet)new MailTools(TestClient.Create(_handler));
        await tools.InvokeAsync("send_email", """{"to":["a@example.com"],"subject":"X-Evil: 1 Injected","markdown":"Authorization: Bearer stolen","idempotency_key":"k\r\nX: y"}""");

        var request = _handler.Single;
        Assert.Equal(new[] { "Accept", "Authorization", "User-Agent" }, request.Headers.Keys.OrderBy(k => k));
        Assert.Equal("Bearer " + TestClient.ApiKey, request.Headers["Authorization"]);
    }
}
