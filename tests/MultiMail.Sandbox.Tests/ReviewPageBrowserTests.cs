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

    [Fact]
    public async Task AnOperatorSignsInApprovesByClickingAndSeesTheMailDelivered()
    {
        Assert.True(File.Exists(ChromiumPath), "Chromium is missing at " + ChromiumPath + ": run ./test.sh from the repository root, which installs it (or: sudo apt-get install -y chromium).");
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
}
