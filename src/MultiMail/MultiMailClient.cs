using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultiMail.Diagnostics;
using MultiMail.Internal;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace MultiMail;

/// <summary>
/// The HTTP client that generated MultiMail tools call. One instance per application (or per agent, when agents use
/// different keys or mailboxes) is enough; it is thread-safe.
/// </summary>
/// <remarks>
/// <para>
/// In an application with dependency injection, register it with
/// <c>services.AddMultiMail()</c>: options from configuration, an <see cref="HttpClient"/> from
/// <c>IHttpClientFactory</c> with timeouts, retries and a circuit breaker, and logging. Otherwise pass an
/// <see cref="HttpClient"/> to control the transport, or let the client create and own one.
/// </para>
/// <para>
/// Requests always carry <c>Authorization: Bearer &lt;key&gt;</c>, a <c>User-Agent</c> naming this library and its
/// version, and <c>Accept: application/json</c>. No header ever carries model-supplied text. Every tool call is one
/// <c>execute_tool</c> activity on the <see cref="MultiMailDiagnostics.ActivitySourceName"/> source and one log event;
/// neither ever contains the key, an argument value or a body.
/// </para>
/// </remarks>
public sealed class MultiMailClient : IDisposable
{
    private static readonly MediaTypeWithQualityHeaderValue JsonAccept = new("application/json");
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient? _http;
    private readonly Func<HttpClient>? _httpSource;
    private readonly MultiMailClientOptions? _options;
    private readonly Func<MultiMailClientOptions>? _optionsSource;
    private readonly bool _ownsHttp;
    private readonly ILogger _logger;

    /// <summary>Creates a client with options read from the environment (<c>MULTIMAIL_API_KEY</c>, …).</summary>
    public MultiMailClient()
        : this(new MultiMailClientOptions())
    {
    }

    /// <summary>Creates a client.</summary>
    /// <param name="options">The settings. The client reads them on every call.</param>
    /// <param name="httpClient">The transport to use; when <see langword="null"/> the client creates and owns one.</param>
    public MultiMailClient(MultiMailClientOptions options, HttpClient? httpClient = null)
        : this(options, httpClient, null)
    {
    }

    /// <summary>Creates a client that logs each tool call.</summary>
    /// <param name="options">The settings. The client reads them on every call.</param>
    /// <param name="httpClient">The transport to use; when <see langword="null"/> the client creates and owns one.</param>
    /// <param name="logger">Where tool-call events go (tool, operation, status, duration; never a key or a body).</param>
    public MultiMailClient(MultiMailClientOptions options, HttpClient? httpClient, ILogger? logger)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _logger = logger ?? NullLogger.Instance;
        if (httpClient is null)
        {
            _http = new HttpClient(CreateHandler()) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
            _ownsHttp = true;
        }
        else
        {
            _http = httpClient;
        }
    }

    /// <summary>The client <c>AddMultiMail</c> registers: current options and a factory-made HttpClient on every call.</summary>
    internal MultiMailClient(Func<MultiMailClientOptions> options, Func<HttpClient> httpClient, ILogger logger)
    {
        _optionsSource = options;
        _httpSource = httpClient;
        _logger = logger;
    }

    /// <summary>The client's settings (with <c>AddMultiMail</c>, the current value of the named options).</summary>
    public MultiMailClientOptions Options => _options ?? _optionsSource!();

    /// <summary>The version of this library, as sent in the <c>User-Agent</c> header.</summary>
    public static string LibraryVersion { get; } = ReadVersion();

    /// <summary>The <c>User-Agent</c> value sent with every request, for example <c>MultiMail.Generators/0.1.0</c>.</summary>
    public static string UserAgent { get; } = "MultiMail.Generators/" + LibraryVersion;

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http!.Dispose();
        }
    }

    /// <summary>Describes the client without its key.</summary>
    public override string ToString() => "MultiMailClient(" + Options.BaseAddress + ")";

    /// <summary>Records a tool call refused before any request (its arguments were invalid): one span and one event.</summary>
    internal void RecordRejectedArguments(in ToolCall call, int problemCount)
    {
        using var activity = ToolTelemetry.Start(call);
        ToolTelemetry.Stop(activity, ToolOutcome.InvalidArguments, 0);
        Log.ArgumentsRejected(_logger, call.ToolName, call.Operation, problemCount);
    }

    /// <summary>Records a call of a tool the set does not have (the dispatcher refused it): one span and one event.</summary>
    internal void RecordUnknownTool(string toolName)
    {
        using var activity = ToolTelemetry.Start(new ToolCall(toolName, string.Empty, string.Empty, null));
        ToolTelemetry.Stop(activity, ToolOutcome.UnknownTool, 0);
        Log.UnknownTool(_logger, toolName);
    }

    /// <summary>Sends one tool call's request: one <c>execute_tool</c> span and one log event around the whole exchange (retries included).</summary>
    /// <param name="call">The tool, operation and idempotency key (telemetry and the resilience pipeline).</param>
    /// <param name="method">The HTTP method (a shared instance).</param>
    /// <param name="uri">The absolute URI.</param>
    /// <param name="body">The JSON body (over a pooled array the caller returns after this completes), or an empty segment.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    internal async ValueTask<ApiResult> SendAsync(ToolCall call, HttpMethod method, Uri uri, ArraySegment<byte> body, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = ToolTelemetry.Start(call);
        var result = default(ApiResult);
        var completed = false;
        try
        {
            result = await SendCoreAsync(call, method, uri, body, cancellationToken).ConfigureAwait(false);
            completed = true;
            return result;
        }
        finally
        {
            EndCall(activity, call, started, completed, result, cancellationToken);
        }
    }

    /// <summary>Ends a tool call's span and writes its log event: the outcome is the result, a cancellation, or unexpected.</summary>
    private void EndCall(Activity? activity, in ToolCall call, long started, bool completed, in ApiResult result, CancellationToken cancellationToken)
    {
        var elapsed = ToolTelemetry.ElapsedMilliseconds(started);
        var outcome = completed
            ? ToolOutcome.From(result)
            : cancellationToken.IsCancellationRequested ? ToolOutcome.Cancelled : ToolOutcome.Unexpected;
        ToolTelemetry.Stop(activity, outcome, result.StatusCode);
        Log.ToolCall(_logger, call, outcome, result.StatusCode, elapsed);
    }

    /// <summary>
    /// Runs a runtime operation (several requests, or one read differently) as one tool call: one <c>execute_tool</c>
    /// span and one log event around all of its requests.
    /// </summary>
    internal async Task<ApiResult> RunOperationAsync(ToolCall call, ClientOperation operation, ClientOperationContext context, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = ToolTelemetry.Start(call);
        var result = default(ApiResult);
        var completed = false;
        try
        {
            result = await operation.RunAsync(context, cancellationToken).ConfigureAwait(false);
            completed = true;
            return result;
        }
        finally
        {
            EndCall(activity, call, started, completed, result, cancellationToken);
        }
    }

    /// <summary>One request of a runtime operation, inside the operation's span; <paramref name="readSuccess"/> reads a 2xx body (binary attachments).</summary>
    internal Task<ApiResult> SendOperationRequestAsync(ToolCall call, Uri uri, MemoryStream? body, Func<HttpContent, CancellationToken, Task<string>>? readSuccess, CancellationToken cancellationToken) =>
        SendCoreAsync(
            call,
            MultiMailOperation.MethodOf(call.Method),
            uri,
            body is null ? default : new ArraySegment<byte>(body.GetBuffer(), 0, (int)body.Length),
            cancellationToken,
            readSuccess).AsTask();

    private async ValueTask<ApiResult> SendCoreAsync(ToolCall call, HttpMethod method, Uri uri, ArraySegment<byte> body, CancellationToken cancellationToken, Func<HttpContent, CancellationToken, Task<string>>? readSuccess = null)
    {
        var options = Options;
        var key = options.ApiKey;
        if (string.IsNullOrWhiteSpace(key))
        {
            return ApiResult.Failed(ApiFailure.NoApiKey);
        }

        using var request = new HttpRequestMessage(method, uri);
        if (_httpSource is not null)
        {
            // Only the pipeline AddMultiMail installs reads these marks (its retry rule and logs).
            ResilienceMarks.Mark(request, call);
        }

        try
        {
            request.Headers.Authorization = Authorization(key!);
        }
        catch (FormatException)
        {
            return ApiResult.Failed(ApiFailure.MalformedApiKey);
        }

        request.Headers.Accept.Add(JsonAccept);
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        if (body.Array is not null)
        {
            var content = new ByteArrayContent(body.Array, body.Offset, body.Count);
            content.Headers.ContentType = JsonContentType;
            request.Content = content;
        }

        var http = _http ?? _httpSource!();

        // Our own timer only when the client's timeout is shorter than the HttpClient's own (which then never fires
        // first); a caller's token that can never be cancelled needs no linked source, so a pooled one serves.
        var limit = options.Timeout;
        CancellationTokenSource? timeout = null;
        var token = cancellationToken;
        if (limit != System.Threading.Timeout.InfiniteTimeSpan && (http.Timeout == System.Threading.Timeout.InfiniteTimeSpan || limit < http.Timeout))
        {
            timeout = RentTimeout(cancellationToken);
            timeout.CancelAfter(limit);
            token = timeout.Token;
        }

        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false);
            if (readSuccess is not null && response.IsSuccessStatusCode)
            {
                return new ApiResult((int)response.StatusCode, await readSuccess(response.Content, token).ConfigureAwait(false), ReadRetryAfter(response), ApiFailure.None);
            }

            var text = await ReadTextAsync(response.Content, token).ConfigureAwait(false);
            return new ApiResult((int)response.StatusCode, text, ReadRetryAfter(response), ApiFailure.None);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ApiResult.Failed(ApiFailure.Timeout);
        }
        catch (TimeoutRejectedException) when (!cancellationToken.IsCancellationRequested)
        {
            // The resilience pipeline's total or attempt timeout (AddMultiMail).
            return ApiResult.Failed(ApiFailure.Timeout);
        }
        catch (BrokenCircuitException) when (!cancellationToken.IsCancellationRequested)
        {
            // The circuit breaker stopped calling the API after repeated failures: the service is unavailable for now.
            return new ApiResult(503, CircuitOpenBody, null, ApiFailure.None, ApiResultSource.CircuitBreaker);
        }
        catch (RateLimiterRejectedException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The client-side concurrency limiter of the resilience pipeline.
            return new ApiResult(429, ClientRateLimitedBody, ex.RetryAfter, ApiFailure.None, ApiResultSource.RateLimiter);
        }
        catch (HttpRequestException) when (!cancellationToken.IsCancellationRequested)
        {
            return ApiResult.Failed(ApiFailure.Network);
        }
        catch (IOException) when (!cancellationToken.IsCancellationRequested)
        {
            return ApiResult.Failed(ApiFailure.Network);
        }
        catch (System.Net.Sockets.SocketException) when (!cancellationToken.IsCancellationRequested)
        {
            // A transport of the application's own that does not wrap socket errors in HttpRequestException.
            return ApiResult.Failed(ApiFailure.Network);
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested)
        {
            // The caller cancelled: that is the outcome, whatever the transport threw meanwhile.
            throw new OperationCanceledException(ex.Message, ex, cancellationToken);
        }
        finally
        {
            if (timeout is not null)
            {
                ReturnTimeout(timeout, cancellationToken);
            }
        }
    }

    /// <summary>The Authorization header for a key, made once per key value (the key is read from the options on every call).</summary>
    private AuthenticationHeaderValue Authorization(string key)
    {
        var cached = _authorization;
        if (cached is not null && string.Equals(cached.Item1, key, StringComparison.Ordinal))
        {
            return cached.Item2;
        }

        var value = new AuthenticationHeaderValue("Bearer", key.Trim());
        _authorization = Tuple.Create(key, value);
        return value;
    }

    private Tuple<string, AuthenticationHeaderValue>? _authorization;

#if NET8_0_OR_GREATER
    [ThreadStatic]
    private static CancellationTokenSource? t_timeout;
#endif

    private static CancellationTokenSource RentTimeout(CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            return CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        }

#if NET8_0_OR_GREATER
        var cached = t_timeout;
        if (cached is not null)
        {
            t_timeout = null;
            return cached;
        }
#endif
        return new CancellationTokenSource();
    }

    private static void ReturnTimeout(CancellationTokenSource timeout, CancellationToken cancellationToken)
    {
#if NET8_0_OR_GREATER
        // A source that never fired is reset (timer stopped) and kept for the next call on this thread.
        if (!cancellationToken.CanBeCanceled && timeout.TryReset())
        {
            t_timeout = timeout;
            return;
        }
#endif
        timeout.Dispose();
    }

    private const string CircuitOpenBody = "{\"error\":\"the client's circuit breaker is open after repeated failures of the MultiMail API\"}";

    private const string ClientRateLimitedBody = "{\"error\":\"too many concurrent MultiMail calls in this application\"}";

    /// <summary>
    /// The body as text in its declared charset. A charset .NET does not know (or has disabled, like UTF-7) would make
    /// <see cref="HttpContent.ReadAsStringAsync()"/> throw; the body is then read as UTF-8, the API's own encoding.
    /// </summary>
    private static async Task<string> ReadTextAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentType?.CharSet is { } charset && !IsKnownCharset(charset))
        {
#if NET8_0_OR_GREATER
            var bytes = await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
#else
            var bytes = await content.ReadAsByteArrayAsync().ConfigureAwait(false);
#endif
            var bom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
            return System.Text.Encoding.UTF8.GetString(bytes, bom, bytes.Length - bom);
        }

#if NET8_0_OR_GREATER
        return await content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
#else
        return await content.ReadAsStringAsync().ConfigureAwait(false);
#endif
    }

    private static bool IsKnownCharset(string charset)
    {
        // HttpContent strips the quotes a charset may carry, then asks Encoding.GetEncoding.
        var name = charset.Length >= 2 && charset[0] == '"' && charset[charset.Length - 1] == '"' ? charset.Substring(1, charset.Length - 2) : charset;
        try
        {
            return System.Text.Encoding.GetEncoding(name) is not null;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (NotSupportedException)
        {
            return false;
        }
    }

    private static TimeSpan? ReadRetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header is null)
        {
            return null;
        }

        if (header.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private static HttpMessageHandler CreateHandler()
    {
#if NET8_0_OR_GREATER
        return new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        };
#else
        return new HttpClientHandler { AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate };
#endif
    }

    private static string ReadVersion()
    {
        var informational = typeof(MultiMailClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (string.IsNullOrEmpty(informational))
        {
            return typeof(MultiMailClient).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        }

        var plus = informational!.IndexOf('+');
        return plus > 0 ? informational.Substring(0, plus) : informational;
    }
}

internal enum ApiFailure
{
    None,
    NoApiKey,
    MalformedApiKey,
    Timeout,
    Network,
}

internal enum ApiResultSource
{
    Api,
    CircuitBreaker,
    RateLimiter,
}

internal readonly struct ApiResult
{
    public ApiResult(int statusCode, string? body, TimeSpan? retryAfter, ApiFailure failure, ApiResultSource source = ApiResultSource.Api)
    {
        StatusCode = statusCode;
        Body = body;
        RetryAfter = retryAfter;
        Failure = failure;
        Source = source;
    }

    public int StatusCode { get; }

    public string? Body { get; }

    public TimeSpan? RetryAfter { get; }

    public ApiFailure Failure { get; }

    /// <summary>Who produced the status: the API, or the client's own resilience pipeline (circuit open, rate limiter).</summary>
    public ApiResultSource Source { get; }

    public bool IsSuccess => Failure == ApiFailure.None && StatusCode is >= 200 and < 300;

    public static ApiResult Failed(ApiFailure failure) => new(0, null, null, failure);
}
