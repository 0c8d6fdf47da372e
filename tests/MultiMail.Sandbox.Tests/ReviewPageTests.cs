using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using MultiMail.Sandbox.Tests.Infrastructure;
using Xunit;

namespace MultiMail.Sandbox.Tests;

/// <summary>The operator review page over plain HTTP: who may sign in, CSRF protection and HTML encoding.</summary>
public sealed class ReviewPageTests
{
    [Fact]
    public async Task OnlyOversightKeysMaySignIn()
    {
        await using var s = await TestSandbox.StartAsync();
        using var session = new ReviewSession(s.Sandbox);

        var (anonymous, loginHtml) = await session.GetPageAsync();
        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Contains("id=\"login-form\"", loginHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"pending", loginHtml, StringComparison.Ordinal);

        foreach (var (key, expected) in new[]
        {
            (s.Sandbox.AgentApiKey, "Agent keys (send scope) cannot sign in"),
            (s.Sandbox.AdminApiKey, "lacks the oversight scope"),
            ("mm_test_not_a_real_key_0000000000", "not valid"),
        })
        {
            var refused = await session.LoginAsync(key);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            var html = await refused.Content.ReadAsStringAsync();
            Assert.Contains(expected, html, StringComparison.Ordinal);
            Assert.DoesNotContain(key, html, StringComparison.Ordinal);
            Assert.DoesNotContain(session.Cookies.GetCookies(s.Sandbox.BaseAddress), c => c.Name == "mm_review_session");
        }

        Assert.Contains(s.Sandbox.GetAuditLog(), e => e.Action == "review.login_refused" && e.ActorKeyId == "key_agent");

        var accepted = await session.LoginAsync(s.Sandbox.OversightApiKey);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var setCookie = accepted.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("mm_review_session=", StringComparison.Ordinal));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(s.Sandbox.OversightApiKey, setCookie, StringComparison.Ordinal);

        var (_, dashboard) = await session.GetPageAsync();
        Assert.Contains("id=\"pending-heading\"", dashboard, StringComparison.Ordinal);
        Assert.DoesNotContain(s.Sandbox.OversightApiKey, dashboard, StringComparison.Ordinal);

        // The session is for the page only: the API never accepts the cookie instead of a key.
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.Client.GetAsync("v1/oversight/pending")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await session.PostFormAsync("/review/logout", new Dictionary<string, string>())).StatusCode);
        Assert.Contains("id=\"login-form\"", (await session.GetPageAsync()).Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FormsWithoutAnAntiforgeryTokenAreRefused()
    {
        await using var s = await TestSandbox.StartAsync();
        var id = await s.SendAsync();
        using var session = new ReviewSession(s.Sandbox);

        Assert.Equal(HttpStatusCode.BadRequest, (await session.LoginAsync(s.Sandbox.OversightApiKey, withToken: false)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await session.LoginAsync(s.Sandbox.OversightApiKey)).StatusCode);

        var forged = await session.PostFormAsync("/review/decide", new Dictionary<string, string> { ["email_id"] = id, ["action"] = "approve" }, withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("pending_send_approval", (await s.ReadAsync(id)).Str("status"));

        var wrongToken = await session.Client.PostAsync("/review/decide", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email_id"] = id, ["action"] = "approve", ["__RequestVerificationToken"] = "CfDJ8forged",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, wrongToken.StatusCode);
        Assert.Equal("pending_send_approval", (await s.ReadAsync(id)).Str("status"));

        var real = await session.PostFormAsync("/review/decide", new Dictionary<string, string> { ["email_id"] = id, ["action"] = "reject", ["reason"] = "not now" });
        Assert.Equal(HttpStatusCode.Redirect, real.StatusCode);
        Assert.Equal("rejected", (await s.ReadAsync(id)).Str("status"));
        var (_, afterDecision) = await session.GetPageAsync(real.Headers.Location!.OriginalString);
        Assert.Contains("id=\"notice\">Email " + id + ": rejected.</p>", afterDecision, StringComparison.Ordinal);

        // A crafted link cannot make the page show the operator a notice of its choosing.
        var (_, crafted) = await session.GetPageAsync("/?notice=" + Uri.EscapeDataString("Email em_x: approved_and_sent."));
        Assert.DoesNotContain("id=\"notice\"", crafted, StringComparison.Ordinal);
        var decision = s.Sandbox.GetAuditLog().Single(e => e.Action == "oversight.reject");
        Assert.Equal("key_oversight", decision.ActorKeyId);
        Assert.Contains("not now", decision.MetadataJson, StringComparison.Ordinal);
        Assert.Contains("\"via\":\"review_page\"", decision.MetadataJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryEmailFieldIsHtmlEncoded()
    {
        await using var s = await TestSandbox.StartAsync();
        const string Subject = "<script>alert('subject')</script>";
        var outbound = await s.SendAsync(body: new { to = new[] { "bob@example.com" }, subject = Subject, markdown = "<img src=x onerror=alert(1)>" });
        var delivered = await s.SendAsync(body: new { to = new[] { "bob@example.com" }, subject = "<b>bold</b>", markdown = "x" });
        await s.DecideAsync(delivered, "approve", "\"><script>alert('reason')</script>");
        var mailbox = await s.Sandbox.CreateMailboxAsync("strict", SandboxOversightMode.GatedAll);
        await s.Sandbox.SimulateInboundAsync(mailbox, new SandboxInboundEmail { From = "evil@example.com", Subject = "<iframe src=//evil>", Markdown = "</pre><script>x()</script>" });

        using var session = new ReviewSession(s.Sandbox);
        await session.LoginAsync(s.Sandbox.OversightApiKey);
        var (response, html) = await session.GetPageAsync();

        Assert.DoesNotContain("<script>", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>bold", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#x27;subject&#x27;)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("data-email-id=\"" + outbound + "\"", html, StringComparison.Ordinal);

        // Defence in depth: no script source is allowed at all (script-src falls back to default-src 'none').
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.StartsWith("default-src 'none';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }
}
