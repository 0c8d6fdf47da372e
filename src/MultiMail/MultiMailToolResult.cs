using System;

namespace MultiMail;

/// <summary>What went wrong in a tool call, as <see cref="MultiMailToolResult.ErrorKind"/> reports it.</summary>
public enum MultiMailToolErrorKind
{
    /// <summary>The call succeeded.</summary>
    None = 0,

    /// <summary>
    /// The arguments were refused before any request was sent (missing, malformed, out of range, unknown names, not
    /// JSON), or the tool's own code rejected them with an <see cref="ArgumentException"/>. The model can fix them.
    /// </summary>
    InvalidArguments,

    /// <summary>The tool set has no tool of that name.</summary>
    UnknownTool,

    /// <summary>
    /// The API answered with an error status (<see cref="MultiMailToolResult.StatusCode"/>): 400, 401, 403, 404,
    /// 409, 413, 5xx (a 503 from the client's circuit breaker too). <see cref="MultiMailToolResult.RetryAfter"/> is set
    /// when the answer said when to retry.
    /// </summary>
    ApiStatus,

    /// <summary>
    /// 429: rate limited or over quota (or the client's own concurrency limiter). <see cref="MultiMailToolResult.RetryAfter"/>
    /// says how long to wait when the answer said so.
    /// </summary>
    RateLimited,

    /// <summary>The API could not be reached (network failure).</summary>
    Network,

    /// <summary>The API did not answer within the client's timeout.</summary>
    Timeout,

    /// <summary>The application is not set up to call the API: no API key, a malformed key, or no client.</summary>
    Configuration,

    /// <summary>The tool failed in a way that is neither the arguments' nor the API's (a bug, or user code that threw).</summary>
    Unexpected,
}

/// <summary>
/// The outcome of one tool call: the text the model reads (the same text <see cref="IMultiMailToolSet.InvokeAsync"/>
/// returns) and, for the host, whether it is an error and of which kind. Tool calls never throw for bad arguments or
/// API errors; this is how a host tells them apart from successes (MCP's <c>isError</c>, Microsoft.Extensions.AI's
/// <c>ErrorContent</c>, retries, logging).
/// </summary>
public sealed class MultiMailToolResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="text">The text for the model.</param>
    /// <param name="errorKind">What went wrong; <see cref="MultiMailToolErrorKind.None"/> for a success.</param>
    /// <param name="statusCode">The API's HTTP status code when it answered, otherwise 0.</param>
    /// <param name="retryAfter">How long to wait before retrying, when the API said so.</param>
    public MultiMailToolResult(string text, MultiMailToolErrorKind errorKind = MultiMailToolErrorKind.None, int statusCode = 0, TimeSpan? retryAfter = null)
    {
        Text = text ?? throw new ArgumentNullException(nameof(text));
        ErrorKind = errorKind;
        StatusCode = statusCode;
        RetryAfter = retryAfter;
    }

    /// <summary>The text for the model: the API's answer, or a short text that says what went wrong and what to do.</summary>
    public string Text { get; }

    /// <summary>Whether the call failed (MCP's <c>isError</c>).</summary>
    public bool IsError => ErrorKind != MultiMailToolErrorKind.None;

    /// <summary>What went wrong, or <see cref="MultiMailToolErrorKind.None"/>.</summary>
    public MultiMailToolErrorKind ErrorKind { get; }

    /// <summary>
    /// <see cref="ErrorKind"/> as a stable snake_case code for hosts that log or serialize it: <c>invalid_arguments</c>,
    /// <c>unknown_tool</c>, <c>api_status</c>, <c>rate_limited</c>, <c>network</c>, <c>timeout</c>,
    /// <c>configuration</c>, <c>unexpected</c>; <see langword="null"/> for a success.
    /// </summary>
    public string? ErrorCode => CodeOf(ErrorKind);

    /// <summary>The API's HTTP status code when it answered (successes included), otherwise 0.</summary>
    public int StatusCode { get; }

    /// <summary>How long to wait before retrying, from the answer's <c>Retry-After</c>, when it had one.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>A successful result.</summary>
    /// <param name="text">The text for the model.</param>
    /// <param name="statusCode">The API's HTTP status code, or 0.</param>
    public static MultiMailToolResult Success(string text, int statusCode = 0) => new(text, MultiMailToolErrorKind.None, statusCode);

    /// <summary>The text for the model.</summary>
    public override string ToString() => Text;

    internal static string? CodeOf(MultiMailToolErrorKind kind) => kind switch
    {
        MultiMailToolErrorKind.None => null,
        MultiMailToolErrorKind.InvalidArguments => "invalid_arguments",
        MultiMailToolErrorKind.UnknownTool => "unknown_tool",
        MultiMailToolErrorKind.ApiStatus => "api_status",
        MultiMailToolErrorKind.RateLimited => "rate_limited",
        MultiMailToolErrorKind.Network => "network",
        MultiMailToolErrorKind.Timeout => "timeout",
        MultiMailToolErrorKind.Configuration => "configuration",
        _ => "unexpected",
    };
}
