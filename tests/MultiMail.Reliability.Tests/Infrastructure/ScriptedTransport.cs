using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace MultiMail.Reliability.Tests.Infrastructure;

/// <summary>A primary handler that answers from a script (then 200 <c>{}</c>) and counts requests: no server.</summary>
public sealed class ScriptedTransport : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<HttpRequestMessage, HttpResponseMessage>> _script = new();
    private int _requests;

    public int Requests => Volatile.Read(ref _requests);

    public string? LastAuthorization { get; private set; }

    public void Then(Func<HttpRequestMessage, HttpResponseMessage> answer) => _script.Enqueue(answer);

    public static HttpResponseMessage Status(int status, int? retryAfterSeconds = null, string body = "{\"error\":\"scripted\"}")
    {
        var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (retryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
        }

        return response;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        LastAuthorization = request.Headers.Authorization?.ToString();
        var response = _script.TryDequeue(out var answer) ? answer(request) : Status(200, body: "{}");
        response.RequestMessage = request;
        return Task.FromResult(response);
    }
}
