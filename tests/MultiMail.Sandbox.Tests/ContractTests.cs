using System;
using System.Linq;
using System.Threading.Tasks;
using MultiMail.Sandbox.Tests.Infrastructure;
using Xunit;

namespace MultiMail.Sandbox.Tests;

/// <summary>
/// Every covered response validated against SPEC (<c>docs/contract/multimail-openapi.json</c>), strictly: declared
/// properties must be present and undeclared ones are reported, except the documented extras listed per call.
/// Sandbox-only endpoints and shapes SPEC leaves open follow API.md and are checked in the behaviour tests instead.
/// </summary>
public sealed class ContractTests
{
    private const string Mailboxes = "/v1/mailboxes";
    private const string Mailbox = "/v1/mailboxes/{mailboxId}";
    private const string Emails = "/v1/mailboxes/{mailboxId}/emails";
    private const string Email = "/v1/mailboxes/{mailboxId}/emails/{emailId}";
    private const string Send = "/v1/mailboxes/{mailboxId}/send";
    private const string Reply = "/v1/mailboxes/{mailboxId}/reply/{emailId}";

    [Fact]
    public void TheContractIsTheRepositoryCopyAndTheValidatorRejectsWrongShapes()
    {
        Assert.EndsWith(RepoPaths.ContractRelativePath, RepoPaths.ContractFile.Replace('\\', '/'), StringComparison.Ordinal);
        Assert.Equal("MultiMail API", Contract.Spec.GetProperty("info").GetProperty("title").GetString());

        // The validator must be able to fail: a summary with a wrong enum, type and date.
        var bad = System.Text.Json.JsonSerializer.SerializeToElement(new { id = 1, status = "sent", received_at = "yesterday", has_attachments = "no" });
        var errors = Contract.Validator.Validate(bad, Contract.Component("EmailSummary"), Strictness.Strict());
        Assert.Contains(errors, e => e.StartsWith("$.id: expected string", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("$.status: \"sent\" is not one of", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("$.received_at: 'yesterday' is not a valid date-time", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("$.has_attachments: expected boolean", StringComparison.Ordinal));
        Assert.Contains(errors, e => e == "$: declared property 'thread_id' is missing");
    }

    [Fact]
    public async Task MailboxEndpointsMatchTheContract()
    {
        await using var s = await TestSandbox.StartAsync();
        var mailboxExtras = Strictness.Strict(mayAdd: ["$.mailboxes[*].default_gate_timing"]);

        Contract.AssertMatches(await s.Agent.Get("v1/mailboxes"), "GET", Mailboxes, mailboxExtras);

        var created = await s.Admin.Post("v1/mailboxes", Contract.ValidRequest("POST", Mailboxes, new { address_local = "support", display_name = "Support", oversight_mode = "autonomous" }));
        Assert.Equal(201, created.Status);
        Contract.AssertMatches(created, "POST", Mailboxes);
        Assert.Equal("support@sandbox.multimail.dev", created.Str("address"));
        var id = created.Str("id");

        // The requested mode is ignored: SPEC says new mailboxes always start gated_send.
        var listed = await s.Agent.Get("v1/mailboxes");
        Contract.AssertMatches(listed, "GET", Mailboxes, mailboxExtras);
        Assert.Equal("gated_send", listed.Json.GetProperty("mailboxes").EnumerateArray().Single(m => m.GetProperty("id").GetString() == id).GetProperty("oversight_mode").GetString());

        var patched = await s.Admin.Patch("v1/mailboxes/" + id, Contract.ValidRequest("PATCH", Mailbox, new { display_name = "Help desk", oversight_mode = "read_only", signature_block = "The help desk", auto_cc = (string?)null }));
        Contract.AssertMatches(patched, "PATCH", Mailbox);
        Assert.Equal("updated", patched.Str("status"));

        Contract.AssertMatches(await s.Admin.Post("v1/mailboxes", new { address_local = "support" }), "POST", Mailboxes);
        Contract.AssertMatches(await s.Admin.Post("v1/mailboxes", new { address_local = "bad address" }), "POST", Mailboxes);
        Contract.AssertMatches(await s.Admin.Patch("v1/mailboxes/nope", new { display_name = "x" }), "PATCH", Mailbox);

        // SPEC documents these 200s without a body schema: the body must still be a JSON object (checked by AssertMatches).
        await s.Sandbox.SetOversightModeAsync(id, SandboxOversightMode.GatedSend);
        var requested = await s.Agent.Post("v1/mailboxes/" + id + "/request-upgrade", Contract.ValidRequest("POST", Mailbox + "/request-upgrade", new { target_mode = "monitored" }));
        Contract.AssertMatches(requested, "POST", Mailbox + "/request-upgrade");
        Contract.AssertMatches(await s.Agent.Post("v1/mailboxes/" + id + "/upgrade", Contract.ValidRequest("POST", Mailbox + "/upgrade", new { code = "A7X-29K" })), "POST", Mailbox + "/upgrade");

        var deleted = await s.Admin.Delete("v1/mailboxes/" + id);
        Contract.AssertMatches(deleted, "DELETE", Mailbox);
        Assert.Equal("deleted", deleted.Str("status"));
        Assert.Equal(404, (await s.Admin.Delete("v1/mailboxes/" + id)).Status);
    }

    [Fact]
    public async Task SendReplyAndReplayMatchTheContract()
    {
        await using var s = await TestSandbox.StartAsync();
        var path = "v1/mailboxes/" + s.Mailbox;
        var body = Contract.ValidRequest("POST", Send, new
        {
            to = new[] { "bob@example.com" },
            cc = new[] { "carol@example.com" },
            subject = "Report",
            markdown = "# Weekly report",
            attachments = new[] { new { name = "r.txt", content_base64 = Convert.ToBase64String("data"u8.ToArray()), content_type = "text/plain" } },
            idempotency_key = "report-2026-w10",
        });

        var sent = await s.Agent.Post(path + "/send", body);
        Assert.Equal(202, sent.Status);
        Contract.AssertMatches(sent, "POST", Send);

        var replay = await s.Agent.Post(path + "/send", body);
        Assert.Equal(200, replay.Status);
        Contract.AssertMatches(replay, "POST", Send);

        var inbound = await s.InboundAsync();
        var replyBody = Contract.ValidRequest("POST", Reply, new { markdown = "Thanks!" });
        var replied = await s.Agent.Post(path + "/reply/" + inbound, replyBody);
        Assert.Equal(202, replied.Status);
        Contract.AssertMatches(replied, "POST", Reply);
        var duplicate = await s.Agent.Post(path + "/reply/" + inbound, replyBody);
        Assert.Equal(409, duplicate.Status);
        Contract.AssertMatches(duplicate, "POST", Reply);

        Contract.AssertMatches(await s.Agent.Post(path + "/send", new { subject = "x", markdown = "y" }), "POST", Send);
        await s.Sandbox.SetOversightModeAsync(s.Mailbox, SandboxOversightMode.ReadOnly);
        var readOnly = await s.Agent.Post(path + "/send", Api.Email());
        Assert.Equal(403, readOnly.Status);
        Contract.AssertMatches(readOnly, "POST", Send);
    }

    [Fact]
    public async Task ReadingEndpointsMatchTheContract()
    {
        await using var s = await TestSandbox.StartAsync();
        var path = "v1/mailboxes/" + s.Mailbox;
        var first = await s.Sandbox.SimulateInboundAsync(s.Mailbox, new SandboxInboundEmail
        {
            From = "carol@example.com",
            Subject = "Invoice",
            Markdown = "Please find the invoice attached.",
            Cc = ["finance@example.com"],
            Attachments = [new SandboxAttachment("invoice.pdf", "application/pdf", [1, 2, 3, 4])],
        });
        var sent = await s.Agent.Post(path + "/reply/" + first, new { markdown = "Received, thanks." });
        await s.DecideAsync(sent.Str("id"), "approve");
        await s.InboundAsync(subject: "Re: Invoice", inReplyTo: first);

        var list = await s.Agent.Get(path + "/emails?limit=2");
        Contract.AssertMatches(list, "GET", Emails);
        Assert.Equal(2, list.Json.GetProperty("emails").GetArrayLength());
        Assert.Equal(System.Text.Json.JsonValueKind.String, list.Json.GetProperty("cursor").ValueKind);
        var last = await s.Agent.Get(path + "/emails?limit=2&cursor=" + list.Str("cursor"));
        Contract.AssertMatches(last, "GET", Emails);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, last.Json.GetProperty("cursor").ValueKind);

        var read = await s.Agent.Get(path + "/emails/" + first);
        Contract.AssertMatches(read, "GET", Email);
        Assert.Equal("invoice.pdf", read.Json.GetProperty("attachments")[0].GetProperty("name").GetString());
        Assert.Equal(4, read.Json.GetProperty("attachments")[0].GetProperty("size").GetInt32());
        Contract.AssertMatches(await s.Agent.Get(path + "/emails/em_missing"), "GET", Email);

        var delivered = await s.Agent.Get(path + "/emails/" + sent.Str("id"));
        Contract.AssertMatches(delivered, "GET", Email);

        var thread = await s.Agent.Get(path + "/threads/" + read.Str("thread_id"));
        Contract.AssertMatches(thread, "GET", "/v1/mailboxes/{mailboxId}/threads/{threadId}");
        Contract.AssertMatches(await s.Agent.Get(path + "/threads/th_missing"), "GET", "/v1/mailboxes/{mailboxId}/threads/{threadId}");

        const string Tags = "/v1/mailboxes/{mailboxId}/emails/{emailId}/tags";
        Contract.AssertMatches(await s.Agent.Put(path + "/emails/" + first + "/tags", Contract.ValidRequest("PUT", Tags, new { tags = new { priority = "high" } })), "PUT", Tags);
        Contract.AssertMatches(await s.Agent.Get(path + "/emails/" + first + "/tags"), "GET", Tags);
        Contract.AssertMatches(await s.Agent.Delete(path + "/emails/" + first + "/tags/priority"), "DELETE", Tags + "/{key}");
    }

    [Fact]
    public async Task CancelOversightContactsAuditAndKeysMatchTheContract()
    {
        await using var s = await TestSandbox.StartAsync();
        var path = "v1/mailboxes/" + s.Mailbox;
        var toCancel = await s.SendAsync();
        var toApprove = await s.SendAsync();
        var toReject = await s.SendAsync();

        const string Cancel = "/v1/mailboxes/{mailboxId}/emails/{emailId}/cancel";
        Contract.AssertMatches(await s.Agent.Post(path + "/emails/" + toCancel + "/cancel"), "POST", Cancel);

        // Additive fields (issue 11): everything the recipients get, and the email a reply answers.
        Contract.AssertMatches(
            await s.Oversight.Get("v1/oversight/pending"),
            "GET",
            "/v1/oversight/pending",
            Strictness.Strict(mayAdd: ["$.emails[*].cc", "$.emails[*].bcc", "$.emails[*].attachments", "$.emails[*].send_at", "$.emails[*].in_reply_to"]));
        var approve = await s.Oversight.Post("v1/oversight/decide", Contract.ValidRequest("POST", "/v1/oversight/decide", new { email_id = toApprove, action = "approve" }));
        Contract.AssertMatches(approve, "POST", "/v1/oversight/decide");
        var reject = await s.DecideAsync(toReject, "reject", "no");
        Contract.AssertMatches(reject, "POST", "/v1/oversight/decide", Strictness.Strict(mayOmit: ["$.postmark_message_id"]));
        Contract.AssertMatches(await s.DecideAsync(toReject, "approve"), "POST", "/v1/oversight/decide");
        Contract.AssertMatches(await s.Agent.Post(path + "/emails/" + toApprove + "/cancel"), "POST", Cancel);

        var contact = await s.Agent.Post("v1/contacts", Contract.ValidRequest("POST", "/v1/contacts", new { name = "Bob Builder", email = "bob@example.com", tags = new[] { "vendor" } }));
        Assert.Equal(201, contact.Status);
        Contract.AssertMatches(contact, "POST", "/v1/contacts");
        Contract.AssertMatches(await s.Agent.Get("v1/contacts?q=bob"), "GET", "/v1/contacts");
        Contract.AssertMatches(await s.Agent.Post("v1/contacts", new { name = "No email" }), "POST", "/v1/contacts");
        Contract.AssertMatches(await s.Admin.Delete("v1/contacts/" + contact.Str("id")), "DELETE", "/v1/contacts/{contactId}");
        Contract.AssertMatches(await s.Admin.Delete("v1/contacts/" + contact.Str("id")), "DELETE", "/v1/contacts/{contactId}");

        var audit = await s.Admin.Get("v1/audit-log?limit=5");
        Contract.AssertMatches(audit, "GET", "/v1/audit-log");
        Assert.Equal(5, audit.Json.GetProperty("entries").GetArrayLength());
        Contract.AssertMatches(await s.Admin.Get("v1/audit-log?cursor=" + audit.Str("cursor")), "GET", "/v1/audit-log");

        Contract.AssertMatches(await s.Admin.Get("v1/api-keys"), "GET", "/v1/api-keys");
        var key = await s.Admin.Post("v1/api-keys", Contract.ValidRequest("POST", "/v1/api-keys", new { name = "reporting", scopes = new[] { "read" } }));
        Assert.Equal(201, key.Status);
        Contract.AssertMatches(key, "POST", "/v1/api-keys");
        Contract.AssertMatches(await s.Admin.Patch("v1/api-keys/" + key.Str("id"), new { name = "reports" }), "PATCH", "/v1/api-keys/{keyId}");
        Contract.AssertMatches(await s.Admin.Delete("v1/api-keys/" + key.Str("id")), "DELETE", "/v1/api-keys/{keyId}");
    }

    [Fact]
    public async Task TheSandboxOnlyInboundEndpointFollowsApiMd()
    {
        // SPEC has no inbound-simulation endpoint (API.md §10 asks for a sandbox-only one). Its answer reuses SPEC's
        // vocabulary: the id and thread id of the new email and a status from SPEC's EmailSummary status enum.
        await using var s = await TestSandbox.StartAsync();
        var created = await s.Admin.Post("sandbox/v1/mailboxes/" + s.Mailbox + "/inbound", new { from = "carol@example.com", subject = "Hello", markdown = "Hi" });
        Assert.Equal(201, created.Status);
        Assert.Equal(["id", "status", "thread_id"], created.Json.EnumerateObject().Select(p => p.Name));
        var statusSchema = Contract.Component("EmailSummary").GetProperty("properties").GetProperty("status");
        Contract.AssertValid(created.Json.GetProperty("status"), statusSchema, Strictness.Strict(), "inbound status");
        Assert.Equal("unread", created.Str("status"));

        // The email it created is an ordinary SPEC email.
        Contract.AssertMatches(await s.Agent.Get("v1/mailboxes/" + s.Mailbox + "/emails/" + created.Str("id")), "GET", Email);
        Contract.AssertError(await s.Admin.Post("sandbox/v1/mailboxes/" + s.Mailbox + "/inbound", new { from = "not an address", subject = "s", markdown = "m" }));
    }

    [Fact]
    public async Task PublicEndpointsAndAuthErrorsMatchTheContract()
    {
        await using var s = await TestSandbox.StartAsync();
        Contract.AssertMatches(await s.Anonymous.Get("health"), "GET", "/health");
        Contract.AssertMatches(await s.Anonymous.Get(".well-known/multimail-signing-key"), "GET", "/.well-known/multimail-signing-key");
        Contract.AssertMatches(await s.Anonymous.Get("v1/mailboxes"), "GET", Mailboxes);
        Contract.AssertMatches(await s.Oversight.Get("v1/mailboxes"), "GET", Mailboxes);
        Contract.AssertMatches(await s.Agent.Get("v1/mailboxes/" + s.Mailbox + "/emails?limit=0"), "GET", Emails);
        Contract.AssertError(await s.Anonymous.Get("v1/no-such-endpoint"));
        Contract.AssertError(await s.Agent.Delete("v1/oversight/pending"));
    }
}
