using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Threading.Tasks;

namespace MultiMail.Internal;

/// <summary>
/// The <see cref="MultiMailToolResult"/>s generated dispatchers return: the <see cref="ToolText"/> texts with their
/// error kinds. Not for direct use; generated code calls it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ToolResults
{
    /// <summary>
    /// A tool name that is not in the set, recorded on <paramref name="client"/> (one <c>execute_tool</c> span and one
    /// log event) and redacted with its key.
    /// </summary>
    public static MultiMailToolResult UnknownTool(MultiMailClient? client, string? toolName, IReadOnlyList<string> knownNames) =>
        new(ToolText.UnknownTool(client, toolName, knownNames), MultiMailToolErrorKind.UnknownTool);

    /// <summary>A failure inside the tool that is not the API's (a bug, or a user type that threw).</summary>
    public static MultiMailToolResult Unexpected(string toolName, Exception exception) =>
        new(ToolText.Unexpected(toolName, exception), MultiMailToolErrorKind.Unexpected);

    /// <summary>An invalid argument reported by a user method through <see cref="ArgumentException"/>.</summary>
    public static MultiMailToolResult FromArgumentException(string toolName, ArgumentException exception) =>
        new(ToolText.FromArgumentException(toolName, exception), MultiMailToolErrorKind.InvalidArguments);

    /// <summary>A <see cref="MultiMailApiException"/> thrown by a typed tool.</summary>
    public static MultiMailToolResult FromException(string toolName, MultiMailApiException exception, string? apiKey)
    {
        if (exception is null)
        {
            throw new ArgumentNullException(nameof(exception));
        }

        return new(ToolText.FromException(toolName, exception, apiKey), exception.ErrorKind, exception.StatusCode, exception.RetryAfter);
    }

    /// <summary>A typed tool's result, already serialized for the model.</summary>
    public static MultiMailToolResult Success(string text) => new(text);

    /// <summary>The text of a result, without an async step when the result is already there.</summary>
    public static ValueTask<string> TextOf(ValueTask<MultiMailToolResult> result) =>
        result.IsCompletedSuccessfully ? new ValueTask<string>(result.Result.Text) : AwaitText(result);

    /// <summary>The result of an API exchange: the text <see cref="ToolText"/> writes for it, and its kind.</summary>
    internal static MultiMailToolResult ForResult(string toolName, MultiMailToolEffect effect, in ApiResult result, MultiMailClientOptions options) =>
        new(ToolText.ForResult(toolName, effect, result, options), KindOf(result), result.StatusCode, result.RetryAfter);

    internal static MultiMailToolErrorKind KindOf(in ApiResult result)
    {
        switch (result.Failure)
        {
            case ApiFailure.NoApiKey:
            case ApiFailure.MalformedApiKey:
                return MultiMailToolErrorKind.Configuration;
            case ApiFailure.Timeout:
                return MultiMailToolErrorKind.Timeout;
            case ApiFailure.Network:
                return MultiMailToolErrorKind.Network;
        }

        return result.StatusCode switch
        {
            >= 200 and < 300 => MultiMailToolErrorKind.None,
            429 => MultiMailToolErrorKind.RateLimited,
            _ => MultiMailToolErrorKind.ApiStatus,
        };
    }

    private static async ValueTask<string> AwaitText(ValueTask<MultiMailToolResult> result) =>
        (await result.ConfigureAwait(false)).Text;
}
