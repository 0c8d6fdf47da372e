using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace MultiMail.Benchmarks.Scenario;

/// <summary>
/// The in-memory MultiMail API: it reads the request body as a socket handler would (so a lazily serialized body is
/// really serialized) and answers 202 with the same small JSON every time. Completes synchronously.
/// </summary>
public sealed class CannedApiHandler : HttpMessageHandler
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is { } content)
        {
            var copy = content.CopyToAsync(Stream.Null, cancellationToken);
            if (!copy.IsCompletedSuccessfully)
            {
                return AfterCopyAsync(copy, request);
            }
        }

        return Task.FromResult(Answer(request));
    }

    private static async Task<HttpResponseMessage> AfterCopyAsync(Task copy, HttpRequestMessage request)
    {
        await copy.ConfigureAwait(false);
        return Answer(request);
    }

    private static HttpResponseMessage Answer(HttpRequestMessage request)
    {
        var body = new ByteArrayContent(Inputs.SendResponseBytes);
        body.Headers.ContentType = Json;
        return new HttpResponseMessage(HttpStatusCode.Accepted) { RequestMessage = request, Content = body };
    }
}

/// <summary>One request as it would leave the machine.</summary>
public sealed record WireRequest(string Method, string Uri, string Headers, string ContentType, string Body)
{
    public override string ToString() =>
        Method + " " + Uri + "\n" + Headers + "Content-Type: " + ContentType + "\n\n" + Body;
}

/// <summary>Records the last request (method, absolute URI, headers, content type, body) and answers like the canned API.</summary>
public sealed class RecordingHandler : HttpMessageHandler
{
    public WireRequest? Last { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var headers = new System.Text.StringBuilder();
        foreach (var name in new[] { "Authorization", "Accept", "User-Agent" })
        {
            headers.Append(name).Append(": ").Append(request.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : "(none)").Append('\n');
        }

        var others = new System.Collections.Generic.List<string>();
        foreach (var header in request.Headers)
        {
            if (header.Key is not ("Authorization" or "Accept" or "User-Agent"))
            {
                others.Add(header.Key);
            }
        }

        if (others.Count > 0)
        {
            others.Sort(StringComparer.OrdinalIgnoreCase);
            headers.Append("Other: ").Append(string.Join(", ", others)).Append('\n');
        }

        var contentType = request.Content?.Headers.ContentType?.ToString() ?? "(none)";
        Last = new WireRequest(request.Method.Method, request.RequestUri!.AbsoluteUri, headers.ToString(), contentType.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant(), body);
        var response = new HttpResponseMessage(HttpStatusCode.Accepted) { RequestMessage = request };
        response.Content = new StringContent(Inputs.SendResponse, System.Text.Encoding.UTF8, "application/json");
        return response;
    }
}
