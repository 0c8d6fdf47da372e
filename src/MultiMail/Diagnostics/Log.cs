using System;
using Microsoft.Extensions.Logging;

namespace MultiMail.Diagnostics;

/// <summary>
/// The tool-call log events (LoggerMessage-generated). They carry the tool, the operation (method and route template,
/// never ids or query values), the outcome, the HTTP status and the duration: never the key, an argument or a body.
/// </summary>
internal static partial class Log
{
    public static void ToolCall(ILogger logger, in ToolCall call, in ToolOutcome outcome, int statusCode, double elapsedMilliseconds)
    {
        if (logger.IsEnabled(outcome.Level))
        {
            ToolCallFinished(logger, outcome.Level, call.ToolName, call.Operation, outcome.Name, statusCode, Math.Round(elapsedMilliseconds, 1));
        }
    }

    [LoggerMessage(EventId = 1, EventName = "MultiMailToolCall", Message = "MultiMail tool {ToolName} ({Operation}) finished: {Outcome}, HTTP {StatusCode}, {ElapsedMilliseconds} ms")]
    private static partial void ToolCallFinished(ILogger logger, LogLevel level, string toolName, string operation, string outcome, int statusCode, double elapsedMilliseconds);

    [LoggerMessage(EventId = 2, EventName = "MultiMailArgumentsRejected", Level = LogLevel.Information, Message = "MultiMail tool {ToolName} ({Operation}) refused the model's arguments ({ProblemCount} problems); no request was sent")]
    public static partial void ArgumentsRejected(ILogger logger, string toolName, string operation, int problemCount);

    [LoggerMessage(EventId = 5, EventName = "MultiMailUnknownTool", Level = LogLevel.Information, Message = "MultiMail tool {ToolName} is not in the tool set; no request was sent")]
    public static partial void UnknownTool(ILogger logger, string toolName);

    [LoggerMessage(EventId = 3, EventName = "MultiMailRetry", Level = LogLevel.Information, Message = "MultiMail tool {ToolName} ({Operation}): attempt {Attempt} failed ({Reason}); retrying in {DelayMilliseconds} ms")]
    public static partial void Retrying(ILogger logger, string toolName, string operation, int attempt, string reason, double delayMilliseconds);

    [LoggerMessage(EventId = 4, EventName = "MultiMailNotRetried", Level = LogLevel.Debug, Message = "MultiMail tool {ToolName} ({Operation}): {Reason} is not retried ({Why})")]
    public static partial void NotRetried(ILogger logger, string toolName, string operation, string reason, string why);
}
