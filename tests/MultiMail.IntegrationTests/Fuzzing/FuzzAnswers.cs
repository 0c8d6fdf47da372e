using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CsCheck;

namespace MultiMail.IntegrationTests.Fuzzing;

/// <summary>What the transport does with the (at most one) request of a call.</summary>
internal enum AnswerKind
{
    Status,
    HttpRequestError,
    IOError,
    SocketError,
    TimeoutLike,          // an OperationCanceledException the caller did not ask for (how HttpClient reports its timeout)
    HandlerBug,           // a handler in the application's pipeline throws something else
    RealTimeout,          // the answer never comes; the client's timeout (a few ms here) ends the call
    CallerCancels,        // the caller cancels while the request is in flight
}

/// <summary>One random API answer.</summary>
internal sealed record FuzzAnswer(AnswerKind Kind, int Status, byte[]? Body, string? ContentType, string? RetryAfter)
{
    public override string ToString() =>
        Kind + (Kind == AnswerKind.Status ? " " + Status + " " + (ContentType ?? "(no type)") + " " + (RetryAfter ?? "-") + " " + (Body is null ? "(no body)" : Body.Length > 200 ? Body.Length + " bytes" : Convert.ToHexString(Body)) : string.Empty);
}

internal static class FuzzAnswers
{
    private static readonly int[] CommonStatuses = [200, 201, 202, 204, 301, 302, 304, 400, 401, 403, 404, 405, 408, 409, 410, 413, 415, 422, 429, 500, 501, 502, 503, 504];

    private static Gen<byte[]?> Bodies(string key) => Gen.Frequency<byte[]?>(
        (3, Gen.Const((byte[]?)null)),
        (2, Gen.Const<byte[]?>([])),
        (6, Gen.OneOf(
            "{}", "null", "[]", "[1,2]", "\"text\"", "42", "true",
            """{"id":"em_1","status":"pending_scan","thread_id":"th_1"}""",
            """{"id":"em_1","status":"already_sent"}""",
            """{"id":"em_1","status":"sent"}""",
            """{"error":"mailbox is read_only"}""",
            """{"error":"rate limited; retry after 3 seconds"}""",
            """{"error":""}""",
            """{"error":null}""",
            """{"error":{"nested":true}}""",
            """{"error":"bad \ud800 escape"}""",
            """{"emails":[{"id":"em_1","subject":"\udc00"}]}""",
            "{\"error\":\"line\r\nbreak\tand\u0000nul\"}",
            "<html><body>502 Bad Gateway</body></html>",
            "{\"unterminated\": ",
            "\uFEFF{\"bom\":true}").Select(text => (byte[]?)Encoding.UTF8.GetBytes(text))),
        // The API (or a proxy) echoing the key, in every shape.
        (3, Gen.OneOf(
            "{\"error\":\"invalid key " + key + "\"}",
            key,
            "{\"key\":\"" + key + "\",\"note\":\"" + key + key + "\"}",
            "Bearer " + key + "\r\n").Select(text => (byte[]?)Encoding.UTF8.GetBytes(text))),
        (2, Gen.String[0, 200].Select(text => (byte[]?)Encoding.UTF8.GetBytes(text))),
        (1, Gen.Byte.Array[0, 64].Select(bytes => (byte[]?)bytes)),                       // not UTF-8 at all
        (1, Gen.Int[10_000, 300_000].Select(n => (byte[]?)Encoding.UTF8.GetBytes("{\"error\":\"" + new string('x', n) + key + "\"}"))));

    private static readonly Gen<string?> ContentTypes = Gen.OneOf<string?>(
        null,
        "application/json",
        "application/json; charset=utf-8",
        "application/json; charset=\"utf-8\"",
        "application/json; charset=x-no-such-charset",
        "application/json; charset=utf-7",
        "application/json; charset=\"\"",
        "application/json; charset=utf-16",
        "text/html; charset=latin1",
        "text/plain",
        "application/problem+json");

    private static readonly Gen<string?> RetryAfters = Gen.Frequency<string?>(
        (6, Gen.Const((string?)null)),
        (2, Gen.Int[0, 100_000].Select(s => (string?)s.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (1, Gen.OneOf<string?>("Wed, 21 Oct 2015 07:28:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT", "soon", "-5", "1.5", "")));

    private static Gen<FuzzAnswer> Statuses(string key) => Gen.Select(
        Gen.Frequency((4, Gen.OneOf(CommonStatuses)), (1, Gen.Int[100, 599])),
        Bodies(key),
        ContentTypes,
        RetryAfters,
        (status, body, type, retryAfter) => new FuzzAnswer(AnswerKind.Status, status, body, type, retryAfter));

    public static Gen<FuzzAnswer> For(string key) => Gen.Frequency(
        (880, Statuses(key)),
        (30, Gen.Const(new FuzzAnswer(AnswerKind.HttpRequestError, 0, null, null, null))),
        (20, Gen.Const(new FuzzAnswer(AnswerKind.IOError, 0, null, null, null))),
        (10, Gen.Const(new FuzzAnswer(AnswerKind.SocketError, 0, null, null, null))),
        (30, Gen.Const(new FuzzAnswer(AnswerKind.TimeoutLike, 0, null, null, null))),
        (10, Gen.Const(new FuzzAnswer(AnswerKind.HandlerBug, 0, null, null, null))),
        (1, Gen.Const(new FuzzAnswer(AnswerKind.RealTimeout, 0, null, null, null))),
        (10, Gen.Const(new FuzzAnswer(AnswerKind.CallerCancels, 0, null, null, null))));
}

/// <summary>A request exactly as it left the client: method, URI, every header (request and content), body.</summary>
internal sealed record SeenRequest(string Method, Uri Uri, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[]? Body);

/// <summary>The transport of one fuzzed call: records what reaches it and answers as told.</summary>
internal sealed class FuzzTransport(FuzzAnswer answer, CancellationTokenSource caller) : HttpMessageHandler
{
    public List<SeenRequest> Requests { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers.SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v))).ToList();
        byte[]? body = null;
        if (request.Content is not null)
        {
            headers.AddRange(request.Content.Headers.SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v))));
            body = await request.Content.ReadAsByteArrayAsync(cancellationToken);
        }

        lock (Requests)
        {
            Requests.Add(new SeenRequest(request.Method.Method, request.RequestUri!, headers, body));
        }

        switch (answer.Kind)
        {
            case AnswerKind.HttpRequestError:
                throw new HttpRequestException("connection reset (fuzz)");
            case AnswerKind.IOError:
                throw new IOException("broken pipe (fuzz)");
            case AnswerKind.SocketError:
                throw new SocketException((int)SocketError.ConnectionReset);
            case AnswerKind.TimeoutLike:
                throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout (fuzz).", new TimeoutException());
            case AnswerKind.HandlerBug:
                throw new InvalidOperationException("a handler bug (fuzz)");
            case AnswerKind.RealTimeout:
                await Task.Delay(Timeout.Infinite, cancellationToken);
                break;
            case AnswerKind.CallerCancels:
                caller.Cancel();
                await Task.Delay(Timeout.Infinite, cancellationToken);
                break;
        }

        var response = new HttpResponseMessage((HttpStatusCode)answer.Status) { RequestMessage = request };
        if (answer.Body is not null)
        {
            response.Content = new ByteArrayContent(answer.Body);
            if (answer.ContentType is not null)
            {
                response.Content.Headers.TryAddWithoutValidation("Content-Type", answer.ContentType);
            }
        }

        if (answer.RetryAfter is not null)
        {
            response.Headers.TryAddWithoutValidation("Retry-After", answer.RetryAfter);
        }

        return response;
    }
}
