using System;
using System.Linq;
using System.Threading.Tasks;
using MultiMail.Sandbox.Tests.Infrastructure;
using Xunit;

namespace MultiMail.Sandbox.Tests;

/// <summary>Request validation per SPEC's request schemas: 400 with a message naming the problem.</summary>
public sealed class ValidationTests
{
    public static TheoryData<string, string, string> BadSends => new()
    {
        { "missing to", """{"subject":"s","markdown":"m"}""", "'to' is required" },
        { "empty to", """{"to":[],"subject":"s","markdown":"m"}""", "at least one" },
        { "to not array", """{"to":"bob@example.com","subject":"s","markdown":"m"}""", "'to' must be an array" },
        { "51 recipients", "{\"to\":[" + string.Join(",", Enumerable.Range(0, 51).Select(i => "\"u" + i + "@example.com\"")) + "],\"subject\":\"s\",\"markdown\":\"m\"}", "at most 50" },
        { "bad address", """{"to":["bob"],"subject":"s","markdown":"m"}""", "'to[0]' is not a valid email address" },
        { "display-name address", """{"to":["Bob <bob@example.com>"],"subject":"s","markdown":"m"}""", "not a valid email address" },
        { "bad cc", """{"to":["bob@example.com"],"cc":["x"],"subject":"s","markdown":"m"}""", "'cc[0]'" },
        { "missing subject", """{"to":["bob@example.com"],"markdown":"m"}""", "'subject' is required" },
        { "subject too long", "{\"to\":[\"bob@example.com\"],\"subject\":\"" + new string('a', 999) + "\",\"markdown\":\"m\"}", "at most 998" },
        { "header injection", """{"to":["bob@example.com"],"subject":"hi\r\nBcc: eve@example.com","markdown":"m"}""", "line breaks" },
        { "missing markdown", """{"to":["bob@example.com"],"subject":"s"}""", "'markdown' is required" },
        { "markdown too long", "{\"to\":[\"bob@example.com\"],\"subject\":\"s\",\"markdown\":\"" + new string('a', 262145) + "\"}", "at most 262144" },
        { "markdown not string", """{"to":["bob@example.com"],"subject":"s","markdown":5}""", "'markdown' must be a string" },
        { "send_at without Z", """{"to":["bob@example.com"],"subject":"s","markdown":"m","send_at":"2026-03-15T14:00:00+01:00"}""", "ending in 'Z'" },
        { "send_at garbage", """{"to":["bob@example.com"],"subject":"s","markdown":"m","send_at":"tomorrowZ"}""", "send_at" },
        { "send_at in the past", """{"to":["bob@example.com"],"subject":"s","markdown":"m","send_at":"2020-01-01T00:00:00Z"}""", "in the future" },
        { "gate_timing", """{"to":["bob@example.com"],"subject":"s","markdown":"m","gate_timing":"later"}""", "gate_first or schedule_first" },
        { "attachment without type", """{"to":["bob@example.com"],"subject":"s","markdown":"m","attachments":[{"name":"a.txt","content_base64":"YQ=="}]}""", "content_type" },
        { "attachment not base64", """{"to":["bob@example.com"],"subject":"s","markdown":"m","attachments":[{"name":"a.txt","content_base64":"***","content_type":"text/plain"}]}""", "not valid base64" },
        { "malformed json", """{"to":["bob@example.com"],""", "not valid JSON" },
        { "array body", """[1,2]""", "JSON object" },
        { "empty body", "", "JSON object" },
    };

    [Theory]
    [MemberData(nameof(BadSends))]
    public async Task InvalidSendsAre400WithAUsefulMessage(string what, string body, string expected)
    {
        await using var s = await TestSandbox.StartAsync();
        var response = await s.Agent.Post("v1/mailboxes/" + s.Mailbox + "/send", body.Length == 0 ? " " : body);
        Assert.True(response.Status == 400, what + " → " + response);
        Contract.AssertError(response);
        Assert.Contains(expected, response.Error, StringComparison.Ordinal);
        Assert.Empty((await s.Oversight.Get("v1/oversight/pending")).Json.GetProperty("emails").EnumerateArray());
    }

    [Fact]
    public async Task OtherEndpointsValidateTheirBodiesToo()
    {
        await using var s = await TestSandbox.StartAsync();
        var inbound = await s.InboundAsync();
        var id = await s.SendAsync();
        var mailbox = "v1/mailboxes/" + s.Mailbox;

        (Task<ApiResponse> Call, int Status, string Message)[] cases =
        [
            (s.Agent.Post(mailbox + "/reply/" + inbound, new { cc = new[] { "x@example.com" } }), 400, "'markdown' is required"),
            (s.Agent.Post(mailbox + "/reply/em_nope", new { markdown = "x" }), 404, "Email not found"),
            (s.Agent.Post("v1/mailboxes/nope/send", Api.Email()), 404, "Mailbox not found"),
            (s.Oversight.Post("v1/oversight/decide", new { email_id = id, action = "maybe" }), 400, "approve or reject"),
            (s.Oversight.Post("v1/oversight/decide", new { action = "approve" }), 400, "'email_id' is required"),
            (s.Admin.Post("v1/mailboxes", new { address_local = "agent" }), 409, "already in use"),
            (s.Admin.Post("v1/mailboxes", new { address_local = "x@custom.example" }), 400, "custom domains"),
            (s.Admin.Post("v1/mailboxes", new { display_name = "x" }), 400, "'address_local' is required"),
            (s.Admin.Patch(mailbox, new { oversight_mode = "yolo" }), 400, "oversight_mode must be one of"),
            (s.Admin.Patch(mailbox, new { colour = "blue" }), 400, "Unknown field 'colour'"),
            (s.Admin.Patch(mailbox, new { auto_cc = "nope" }), 400, "'auto_cc' must be an email address"),
            (s.Admin.Patch(mailbox, new { signature_block = new string('x', 201) }), 400, "at most 200"),
            (s.Admin.Patch(mailbox, new { webhook_url = "https://example.com/hook" }), 400, "webhook"),
            (s.Agent.Post(mailbox + "/request-upgrade", new { target_mode = "gated_send" }), 400, "already in gated_send"),
            (s.Agent.Post(mailbox + "/request-upgrade", new { target_mode = "read_only" }), 400, "downgrade"),
            (s.Agent.Post(mailbox + "/upgrade", new { code = "ABC-123" }), 404, "No pending upgrade request"),
        ];
        foreach (var (call, status, message) in cases)
        {
            var response = await call;
            Assert.True(response.Status == status, message + " → " + response);
            Contract.AssertError(response);
            Assert.Contains(message, response.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task MailboxSettingsShapeDelivery()
    {
        await using var s = await TestSandbox.StartAsync();
        var mailbox = await s.Sandbox.CreateMailboxAsync("sales", SandboxOversightMode.Autonomous);
        var patch = await s.Admin.Patch("v1/mailboxes/" + mailbox, new { auto_bcc = "archive@example.com", signature_block = "Sales team", forward_inbound = true, display_name = "Sales" });
        Assert.Equal(200, patch.Status);

        var id = await s.SendAsync(mailbox);
        var delivered = Assert.Single(s.OutboxFor(id));
        Assert.Equal(["archive@example.com"], delivered.Bcc);
        Assert.EndsWith("\n\n-- \nSales team", delivered.Markdown, StringComparison.Ordinal);

        var inbound = await s.InboundAsync(mailbox, subject: "Quote request");
        var forward = Assert.Single(s.OutboxFor(inbound));
        Assert.Equal("forward", forward.Kind);
        Assert.Equal([s.Sandbox.OversightEmail], forward.To);
        Assert.Equal("Fwd: Quote request", forward.Subject);

        var read = await s.Agent.Get("v1/mailboxes/" + mailbox);
        Assert.Equal("Sales", read.Str("display_name"));
        Assert.Equal(1, read.Json.GetProperty("forward_inbound").GetInt32());
        Assert.Equal("archive@example.com", read.Str("auto_bcc"));

        Assert.Equal(200, (await s.Admin.Patch("v1/mailboxes/" + mailbox, new { auto_bcc = (string?)null })).Status);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await s.Agent.Get("v1/mailboxes/" + mailbox)).Json.GetProperty("auto_bcc").ValueKind);
    }
}
