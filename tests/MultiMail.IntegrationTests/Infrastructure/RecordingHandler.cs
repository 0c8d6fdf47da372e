using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace MultiMail.IntegrationTests.Infrastructure;

/// <summary>One request as the transport saw it.</summary>
public sealed record RecordedRequest(
    string Method,
    Uri Uri,
    string? Body,
    string? ContentType,
    IReadOnlyDictionary<string, string> Headers);

/// <summary>An in-memory transport that records requests and answers with queued responses (default: 200 {}).</summary>
public sealed class RecordingHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _responses = new();

    public List<RecordedRequest> Requests { get; } = new();

    public RecordedRequest Single => Assert.Single(Requests);

    public RecordingHandler Respond(HttpStatusCode status, string? json, Action<HttpResponseMessage>? configure = null)
    {
        _responses.Enqueue((_, _) =>
        {
            var response = new HttpResponseMessage(status);
            if (json is not null)
            {
                response.Content = new StringContent(json, Encoding.UTF8, "application/json");
            }

            configure?.Invoke(response);
            return Task.FromResult(response);
        });
        return this;
    }

    public RecordingHandler Throw(Exception exception)
    {
        _responses.Enqueue((_, _) => throw exception);
        return this;
    }

    public RecordingHandler Delay(TimeSpan delay)
    {
        _responses.Enqueue(async (_, cancellationToken) =>
        {
            await Task.Delay(delay, cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}") };
        });
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        lock (Requests)
        {
            Requests.Add(new RecordedRequest(request.Method.Method, request.RequestUri!, body, request.Content?.Headers.ContentType?.ToString(), headers));
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (_responses.TryDequeue(out var respond))
        {
            return await respond(request, cancellationToken);
        }

        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
    }
}

/// <summary>Creates clients that talk to a <see cref="RecordingHandler"/>.</summary>
public static class TestClient
{
#pragma warning disable MMG2001 // a made-up key: the tests check it is never echoed
    public const string ApiKey = "mm_test_k3y_do_not_echo_9f8e7d";
#pragma warning restore MMG2001
    public const string BaseAddress = "https://api.multimail.test/";
    public const string DefaultMailbox = "mbx_default";

    public static MultiMailClient Create(RecordingHandler handler, Action<MultiMailClientOptions>? configure = null)
    {
        var options = new MultiMailClientOptions
        {
            ApiKey = ApiKey,
            BaseAddress = new Uri(BaseAddress),
            DefaultMailboxId = DefaultMailbox,
        };
        configure?.Invoke(options);
        return new MultiMailClient(options, new HttpClient(handler));
    }
}
