using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xunit;

namespace MultiMail.Sandbox.Tests.Infrastructure;

/// <summary>A cookie-keeping HTTP client that drives the review page's forms as a browser would (no redirects followed).</summary>
internal sealed class ReviewSession : IDisposable
{
    private static readonly Regex TokenPattern = new("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"", RegexOptions.CultureInvariant);

    public ReviewSession(MultiMailSandbox sandbox)
    {
        Cookies = new CookieContainer();
        Client = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = sandbox.BaseAddress };
    }

    public CookieContainer Cookies { get; }

    public HttpClient Client { get; }

    public async Task<(HttpResponseMessage Response, string Html)> GetPageAsync(string path = "/")
    {
        var response = await Client.GetAsync(path);
        return (response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The antiforgery token of the current page's forms.</summary>
    public async Task<string> TokenAsync()
    {
        var (_, html) = await GetPageAsync();
        var match = TokenPattern.Match(html);
        Assert.True(match.Success, "no antiforgery token on the page");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public async Task<HttpResponseMessage> PostFormAsync(string path, IDictionary<string, string> fields, bool withToken = true)
    {
        var form = new Dictionary<string, string>(fields);
        if (withToken)
        {
            form["__RequestVerificationToken"] = await TokenAsync();
        }

        return await Client.PostAsync(path, new FormUrlEncodedContent(form));
    }

    public Task<HttpResponseMessage> LoginAsync(string key, bool withToken = true) =>
        PostFormAsync("/review/login", new Dictionary<string, string> { ["api_key"] = key }, withToken);

    public void Dispose() => Client.Dispose();
}
