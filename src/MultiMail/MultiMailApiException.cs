using System;

namespace MultiMail;

/// <summary>
/// Thrown by tool methods that return a typed result (<c>Task&lt;T&gt;</c>) when the MultiMail API answers with an
/// error, cannot be reached, or the arguments are invalid. Tool methods that return <c>Task&lt;string&gt;</c> never
/// throw it; they return the same information as text for the model.
/// </summary>
public sealed class MultiMailApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="statusCode">The HTTP status code, or 0 when no HTTP response was received.</param>
    /// <param name="apiMessage">The API's error message (its <c>error</c> field) or a description of the failure.</param>
    /// <param name="retryAfter">The <c>Retry-After</c> delay of a 429 or 503 response, if any.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public MultiMailApiException(int statusCode, string apiMessage, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(BuildMessage(statusCode, apiMessage, retryAfter), innerException)
    {
        StatusCode = statusCode;
        ApiMessage = apiMessage;
        RetryAfter = retryAfter;
        ErrorKind = statusCode switch
        {
            0 => MultiMailToolErrorKind.Network,
            429 => MultiMailToolErrorKind.RateLimited,
            _ => MultiMailToolErrorKind.ApiStatus,
        };
    }

    /// <summary>A failure without an HTTP response, of a known kind (no key, timeout, network).</summary>
    internal MultiMailApiException(int statusCode, string apiMessage, MultiMailToolErrorKind errorKind)
        : this(statusCode, apiMessage)
    {
        ErrorKind = errorKind;
    }

    /// <summary>The HTTP status code, or 0 when no HTTP response was received (network failure, timeout, invalid arguments).</summary>
    public int StatusCode { get; }

    /// <summary>The API's error message, or a description of the failure.</summary>
    public string ApiMessage { get; }

    /// <summary>How long to wait before retrying, from the <c>Retry-After</c> header.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>
    /// What went wrong, as a tool result reports it: <see cref="MultiMailToolErrorKind.ApiStatus"/> or
    /// <see cref="MultiMailToolErrorKind.RateLimited"/> for an answer, otherwise network, timeout or configuration.
    /// </summary>
    public MultiMailToolErrorKind ErrorKind { get; }

    private static string BuildMessage(int statusCode, string apiMessage, TimeSpan? retryAfter)
    {
        var text = statusCode == 0 ? "MultiMail request failed: " + apiMessage : "MultiMail API error " + statusCode + ": " + apiMessage;
        return retryAfter is { } delay ? text + " (retry after " + (int)Math.Ceiling(delay.TotalSeconds) + " s)" : text;
    }
}
