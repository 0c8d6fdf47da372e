using System;
using System.Linq;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using MultiMail.Sandbox.Auth;
using MultiMail.Sandbox.Endpoints;
using MultiMail.Sandbox.Oversight;

namespace MultiMail.Sandbox.Review;

/// <summary>
/// The operator review page at <c>/</c>: sign in with an oversight key (HttpOnly, SameSite=Strict session cookie),
/// then approve or reject pending mail, and see the outbox and the audit log. Every POST form carries an antiforgery
/// token, validated by ASP.NET Core's antiforgery middleware.
/// </summary>
internal static class ReviewEndpoints
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string CookieName = "mm_review_session";
    public const string KeyIdClaim = "mm_key_id";
    private const int AuditEntriesShown = 50;
    private const string NoticePurpose = "MultiMail.Sandbox.Review.Notice";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", Page);
        app.MapPost("/review/login", Login);
        app.MapPost("/review/logout", Logout);
        app.MapPost("/review/decide", Decide);
        app.MapGet("/review/emails/{emailId}/attachments/{index:int}", Attachment);
    }

    private static async Task<IResult> Page(
        HttpContext http,
        IAntiforgery antiforgery,
        ApiKeyService keys,
        ReviewService review,
        MailboxService mailboxes,
        Outbox outbox,
        AuditService audit,
        IDataProtectionProvider protection,
        [FromQuery] string? notice)
    {
        var reviewer = await CurrentReviewerAsync(http, keys);
        if (reviewer is null)
        {
            return Html(http, ReviewPage.Login(antiforgery.GetAndStoreTokens(http), null));
        }

        var addresses = mailboxes.ListActive().ToDictionary(m => m.Id, m => m.Address);
        return Html(
            http,
            ReviewPage.Dashboard(
                antiforgery.GetAndStoreTokens(http),
                reviewer.Name + " (" + reviewer.KeyId + ")",
                ReadNotice(protection, notice),
                review.Pending(),
                addresses,
                outbox.List(null),
                audit.Page(null, AuditEntriesShown)));
    }

    private static async Task<IResult> Login(HttpContext http, IAntiforgery antiforgery, ApiKeyService keys, AuditService audit, [FromForm(Name = "api_key")] string? apiKey)
    {
        var caller = string.IsNullOrWhiteSpace(apiKey) ? null : await keys.AuthenticateAsync(apiKey.Trim(), http.RequestAborted);
        var refusal = caller is null ? "That key is not valid." : Refusal(caller);
        await audit.RecordAsync(
            refusal is null ? "review.login" : "review.login_refused",
            "review_session",
            "review",
            caller?.KeyId ?? "anonymous",
            refusal is null ? null : new { reason = refusal },
            http.RequestAborted);
        if (refusal is not null)
        {
            return Html(http, ReviewPage.Login(antiforgery.GetAndStoreTokens(http), refusal), StatusCodes.Status401Unauthorized);
        }

        var identity = new ClaimsIdentity([new Claim(KeyIdClaim, caller!.KeyId), new Claim(ClaimTypes.Name, caller.Name)], Scheme);
        await http.SignInAsync(Scheme, new ClaimsPrincipal(identity));
        return Results.Redirect("/", permanent: false, preserveMethod: false);
    }

    private static async Task<IResult> Logout(HttpContext http, IAntiforgery antiforgery)
    {
        // No form fields are bound here, so the antiforgery token is checked explicitly.
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Results.BadRequest();
        }

        await http.SignOutAsync(Scheme);
        return Results.Redirect("/");
    }

    private static async Task<IResult> Decide(
        HttpContext http,
        ApiKeyService keys,
        ReviewService review,
        IDataProtectionProvider protection,
        [FromForm(Name = "email_id")] string? emailId,
        [FromForm(Name = "action")] string? action,
        [FromForm(Name = "reason")] string? reason)
    {
        var reviewer = await CurrentReviewerAsync(http, keys);
        if (reviewer is null)
        {
            return Results.Redirect("/");
        }

        if (string.IsNullOrEmpty(emailId) || action is not ("approve" or "reject"))
        {
            return RedirectWithNotice(protection, "The form was incomplete; nothing was decided.");
        }

        var result = await review.DecideAsync(reviewer.KeyId, emailId, action == "approve", string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), "review_page", http.RequestAborted);
        var notice = result.Error is { } error ? "Email " + emailId + ": " + error.Message : ReviewPage.DecisionNotice(emailId, result.Value!.Status);
        return RedirectWithNotice(protection, notice);
    }

    /// <summary>
    /// An attachment of a pending email, for the operator to inspect before deciding. It is always a download
    /// (<c>Content-Disposition: attachment</c>, <c>application/octet-stream</c>, <c>nosniff</c>, a sandboxing CSP),
    /// so an HTML or SVG attachment cannot run in the review page's origin.
    /// </summary>
    private static async Task<IResult> Attachment(HttpContext http, ApiKeyService keys, ReviewService review, string emailId, int index)
    {
        if (await CurrentReviewerAsync(http, keys) is null)
        {
            return ApiResults.Error(StatusCodes.Status401Unauthorized, "Sign in to the review page first.");
        }

        if (review.PendingAttachment(emailId, index) is not { } attachment)
        {
            return ApiResults.Error(StatusCodes.Status404NotFound, "Attachment not found (the email is not pending, or has no such attachment).");
        }

        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-store";
        return Results.File(Convert.FromBase64String(attachment.ContentBase64), "application/octet-stream", attachment.Name);
    }

    /// <summary>Redirects to the page with a notice, protected so that a crafted link cannot show the operator a fake one.</summary>
    private static IResult RedirectWithNotice(IDataProtectionProvider protection, string notice) =>
        Results.Redirect("/?notice=" + Uri.EscapeDataString(protection.CreateProtector(NoticePurpose).Protect(notice)));

    private static string? ReadNotice(IDataProtectionProvider protection, string? protectedNotice)
    {
        if (string.IsNullOrEmpty(protectedNotice))
        {
            return null;
        }

        try
        {
            return protection.CreateProtector(NoticePurpose).Unprotect(protectedNotice);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>The signed-in reviewer, re-checked against the key store (a revoked key or changed scopes end the session).</summary>
    private static async Task<ApiCaller?> CurrentReviewerAsync(HttpContext http, ApiKeyService keys)
    {
        var session = await http.AuthenticateAsync(Scheme);
        var keyId = session.Principal?.FindFirst(KeyIdClaim)?.Value;
        if (keyId is null)
        {
            return null;
        }

        var caller = keys.FindActive(keyId);
        if (caller is null || Refusal(caller) is not null)
        {
            await http.SignOutAsync(Scheme);
            return null;
        }

        return caller;
    }

    private static string? Refusal(ApiCaller caller) =>
        caller.Scopes.Contains(Scopes.Send)
            ? "Agent keys (send scope) cannot sign in to the review page: an agent must never approve its own mail. Use an oversight key."
            : !caller.Scopes.Contains(Scopes.Oversight)
                ? "This key lacks the oversight scope needed to review mail."
                : null;

    private static IResult Html(HttpContext http, string html, int status = StatusCodes.Status200OK)
    {
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }

    /// <summary>
    /// The review session's cookie: HttpOnly, SameSite=Strict, Secure over HTTPS, holding only the id of a session kept
    /// on the server (<see cref="ReviewSessionStore"/>), which ends after <see cref="ReviewSessionStore.IdleTimeout"/> unused.
    /// </summary>
    public static void ConfigureCookie(CookieAuthenticationOptions options, ReviewSessionStore store, TimeProvider time)
    {
        options.Cookie.Name = CookieName;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.SessionStore = store;
        options.TimeProvider = time;
        options.ExpireTimeSpan = ReviewSessionStore.IdleTimeout;
        options.SlidingExpiration = true;
        options.Events.OnRedirectToLogin = context =>
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        };
    }
}
