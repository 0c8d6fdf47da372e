using System.Globalization;
using Microsoft.Extensions.Logging;

namespace MultiMail.Diagnostics;

/// <summary>
/// How a tool call ended, as the low-cardinality <c>error.type</c> of its span and the <c>Outcome</c> of its log event.
/// The values are listed in docs/reliability.md.
/// </summary>
internal readonly struct ToolOutcome
{
    public static readonly ToolOutcome InvalidArguments = new("invalid_arguments", LogLevel.Information);
    public static readonly ToolOutcome UnknownTool = new("unknown_tool", LogLevel.Information);
    public static readonly ToolOutcome Cancelled = new("cancelled", LogLevel.Information);
    public static readonly ToolOutcome Unexpected = new("_OTHER", LogLevel.Error);

    private static readonly ToolOutcome Ok = new(null, LogLevel.Information);

    private ToolOutcome(string? errorType, LogLevel level)
    {
        ErrorType = errorType;
        Level = level;
    }

    /// <summary>The span's <c>error.type</c>; <see langword="null"/> when the call succeeded.</summary>
    public string? ErrorType { get; }

    /// <summary>The log level of the call's event.</summary>
    public LogLevel Level { get; }

    /// <summary>The outcome as logged: <c>ok</c> or the error type.</summary>
    public string Name => ErrorType ?? "ok";

    public static ToolOutcome From(in ApiResult result)
    {
        switch (result.Failure)
        {
            case ApiFailure.NoApiKey:
                return new ToolOutcome("no_api_key", LogLevel.Error);
            case ApiFailure.MalformedApiKey:
                return new ToolOutcome("malformed_api_key", LogLevel.Error);
            case ApiFailure.Timeout:
                return new ToolOutcome("timeout", LogLevel.Warning);
            case ApiFailure.Network:
                return new ToolOutcome("network_error", LogLevel.Warning);
        }

        switch (result.Source)
        {
            case ApiResultSource.CircuitBreaker:
                return new ToolOutcome("circuit_open", LogLevel.Warning);
            case ApiResultSource.RateLimiter:
                return new ToolOutcome("client_rate_limited", LogLevel.Warning);
        }

        var status = result.StatusCode;
        if (status is >= 200 and < 300)
        {
            return Ok;
        }

        var level = status switch
        {
            401 => LogLevel.Error,
            403 => LogLevel.Warning,
            >= 500 => LogLevel.Warning,
            _ => LogLevel.Information,
        };
        return new ToolOutcome(status.ToString(CultureInfo.InvariantCulture), level);
    }
}
