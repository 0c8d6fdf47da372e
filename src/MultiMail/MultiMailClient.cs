using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;

namespace MultiMail;

/// <summary>
/// The HTTP client that generated MultiMail tools call. One instance per application (or per agent, when agents use
/// different keys or mailboxes) is enough; it is thread-safe.
/// </summary>
/// <remarks>
/// Pass an <see cref="HttpClient"/> (for example one from <c>IHttpClientFactory</c> with a resilience handler) to
/// control the transport; otherwise the client creates and owns one. Requests always carry
/// <c>Authorization: Bearer &lt;key&gt;</c>, a <c>User-Agent</c> naming this library and its version, and
/// <c>Accept: application/json</c>. No header ever carries model-supplied text.
/// </remarks>
public sealed class MultiMailClient : IDisposable
{
    private static readonly MediaTypeWithQualityHeaderValue JsonAccept = new("application/json");
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    /// <summary>Creates a client with options read from the environment (<c>MULTIMAIL_API_KEY</c>, …).</summary>
    public MultiMailClient()
        : this(new MultiMailClientOptions())
    {
    }

    /// <summary>Creates a client.</summary>
    /// <param name="options">The settings. The client reads them on every call.</param>
    /// <param name="httpClient">The transport to use; when <see langword="null"/> the client creates and owns one.</param>
    public MultiMailClient(MultiMailClientOptions options, HttpClient? httpClient = null)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
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

    /// <summary>The client's settings.</summary>
    public MultiMailClientOptions Options { get; }

    /// <summary>The version of this library, as sent in the <c>User-Agent</c> header.</summary>
    public static string LibraryVersion { get; } = ReadVersion();

    /// <summary>The <c>User-Agent</c> value sent with every request, for example <c>MultiMail.Generators/0.1.0</c>.</summary>
    public static string UserAgent { get; } = "MultiMail.Generators/" + LibraryVersion;

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    /// <summary>Describes the client without its key.</summary>
    public override string ToString() => "MultiMailClient(" + Options.BaseAddress + ")";

    internal async Task<ApiResult> SendAsync(string method, Uri uri, MemoryStream? body, CancellationToken cancellationToken)
    {
        var key = Options.ApiKey;
        if (string.IsNullOrWhiteSpace(key))
        {
            return ApiResult.Failed(ApiFailure.NoApiKey);
        }

        using var request = new HttpRequestMessage(new HttpMethod(method), uri);
        try
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key!.Trim());
        }
        catch (FormatException)
        {
            return ApiResult.Failed(ApiFailure.MalformedApiKey);
        }

        request.Headers.Accept.Add(JsonAccept);
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        if (body is not null)
        {
            var content = new ByteArrayContent(body.GetBuffer(), 0, checked((int)body.Length));
            content.Headers.ContentType = JsonContentType;
            request.Content = content;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (Options.Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            timeout.CancelAfter(Options.Timeout);
        }

        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
#if NET8_0_OR_GREATER
            var text = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
#else
            var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
#endif
            return new ApiResult((int)response.StatusCode, text, ReadRetryAfter(response), ApiFailure.None);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ApiResult.Failed(ApiFailure.Timeout);
        }
        catch (HttpRequestException) when (!cancellationToken.IsCancellationRequested)
        {
            return ApiResult.Failed(ApiFailure.Network);
        }
        catch (IOException) when (!cancellationToken.IsCancellationRequested)
        {
            return ApiResult.Failed(ApiFailure.Network);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(ex.Message, ex, cancellationToken);
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

internal readonly struct ApiResult
{
    public ApiResult(int statusCode, string? body, TimeSpan? retryAfter, ApiFailure failure)
    {
        StatusCode = statusCode;
        Body = body;
        RetryAfter = retryAfter;
        Failure = failure;
    }

    public int StatusCode { get; }

    public string? Body { get; }

    public TimeSpan? RetryAfter { get; }

    public ApiFailure Failure { get; }

    public bool IsSuccess => Failure == ApiFailure.None && StatusCode is >= 200 and < 300;

    public static ApiResult Failed(ApiFailure failure) => new(0, null, null, failure);
}
