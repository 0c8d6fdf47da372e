using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MultiMail.Internal;

/// <summary>
/// The short texts generated tools return to the model instead of throwing. Not for direct use; generated code calls
/// it. Every text is plain, names what went wrong and says what to do next, and never contains the API key.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ToolText
{
    private const int MaxApiMessageLength = 300;

    /// <summary>The text for arguments that failed validation.</summary>
    public static string InvalidArguments(string toolName, IReadOnlyList<string> problems)
    {
        var text = new StringBuilder("Invalid arguments for ").Append(toolName).Append(": ");
        for (var i = 0; i < problems.Count; i++)
        {
            if (i > 0)
            {
                text.Append("; ");
            }

            text.Append(problems[i]);
        }

        return text.Append(". Fix the arguments and call ").Append(toolName).Append(" again.").ToString();
    }

    /// <summary>The text for a tool name that is not in the set.</summary>
    public static string UnknownTool(string? toolName, IReadOnlyList<string> knownNames)
    {
        var text = new StringBuilder("Unknown tool '").Append(Clip(OneLine(toolName ?? string.Empty), 64)).Append("'. Available tools: ");
        for (var i = 0; i < knownNames.Count; i++)
        {
            if (i > 0)
            {
                text.Append(", ");
            }

            text.Append(knownNames[i]);
        }

        return text.Append('.').ToString();
    }

    /// <summary>
    /// The text for a tool name that is not in the set, recorded on <paramref name="client"/> as one
    /// <c>execute_tool</c> span and one log event (the name clipped to one line of 64 characters).
    /// </summary>
    public static string UnknownTool(MultiMailClient? client, string? toolName, IReadOnlyList<string> knownNames)
    {
        var text = UnknownTool(toolName, knownNames);
        if (client is null)
        {
            return text;
        }

        client.RecordUnknownTool(Clip(OneLine(toolName ?? string.Empty), 64));
        return Redact(text, client.Options.ApiKey);
    }

    /// <summary>The text for a failure inside the tool that is not the API's (a bug, or a user type that threw).</summary>
    public static string Unexpected(string toolName, Exception exception)
    {
        if (exception is null)
        {
            throw new ArgumentNullException(nameof(exception));
        }

        return "Error: " + toolName + " failed unexpectedly (" + exception.GetType().Name + "). This is not caused by the arguments; do not retry the same call.";
    }

    /// <summary>The text for an invalid argument reported by a user method through <see cref="ArgumentException"/>.</summary>
    public static string FromArgumentException(string toolName, ArgumentException exception)
    {
        if (exception is null)
        {
            throw new ArgumentNullException(nameof(exception));
        }

        return "Invalid arguments for " + toolName + ": " + Clip(OneLine(exception.Message), MaxApiMessageLength) + " Fix the arguments and call " + toolName + " again.";
    }

    /// <summary>The text for a <see cref="MultiMailApiException"/> thrown by a typed tool.</summary>
    public static string FromException(string toolName, MultiMailApiException exception, string? apiKey)
    {
        if (exception is null)
        {
            throw new ArgumentNullException(nameof(exception));
        }

        var text = exception.StatusCode == 0
            ? "Error: " + toolName + " failed: " + exception.ApiMessage
            : ForStatus(toolName, exception.StatusCode, exception.ApiMessage, exception.RetryAfter, MultiMailToolEffect.Reads);
        return Redact(text, apiKey);
    }

    /// <summary>Serializes a typed tool result to JSON for the model, with a generated writer.</summary>
    public static string Serialize<T>(T value, Action<Utf8JsonWriter, T> write)
    {
        if (write is null)
        {
            throw new ArgumentNullException(nameof(write));
        }

        if (value is null)
        {
            return "null";
        }

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            write(writer, value);
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    internal static string ForResult(string toolName, MultiMailToolEffect effect, in ApiResult result, MultiMailClientOptions options)
    {
        string text;
        switch (result.Failure)
        {
            case ApiFailure.NoApiKey:
                return "Error: no MultiMail API key is configured, so " + toolName + " cannot run. This is a setup problem, not an argument problem: the application must set MULTIMAIL_API_KEY (or MultiMailClientOptions.ApiKey).";
            case ApiFailure.MalformedApiKey:
                return "Error: the configured MultiMail API key is malformed (it contains characters a header cannot carry). The application must fix MULTIMAIL_API_KEY; retrying will not help.";
            case ApiFailure.Timeout:
                text = "Error: the MultiMail API did not answer within " + Seconds(options.Timeout) + " (service unavailable). Try again later.";
                return effect == MultiMailToolEffect.SendsEmail && options.DeriveIdempotencyKeys
                    ? text + " The request carried an idempotency key, so retrying the identical call cannot send a second email."
                    : text;
            case ApiFailure.Network:
                text = "Error: could not reach the MultiMail API (network failure; service unavailable). Try again later.";
                return effect == MultiMailToolEffect.SendsEmail && options.DeriveIdempotencyKeys
                    ? text + " The request carried an idempotency key, so retrying the identical call cannot send a second email."
                    : text;
        }

        if (result.IsSuccess)
        {
            text = Success(effect, result.StatusCode, result.Body);
        }
        else
        {
            text = ForStatus(toolName, result.StatusCode, ApiMessage(result.Body, options.ApiKey), result.RetryAfter, effect);
        }

        text = Redact(text, options.ApiKey);
        var max = options.MaxResponseCharacters;
        if (max > 0 && text.Length > max)
        {
            text = text.Substring(0, max) + "\n[truncated: the response was longer than " + max.ToString(CultureInfo.InvariantCulture) + " characters]";
        }

        return text;
    }

    internal static string ForStatus(string toolName, int status, string apiMessage, TimeSpan? retryAfter, MultiMailToolEffect effect)
    {
        var message = string.IsNullOrEmpty(apiMessage) ? "no details" : apiMessage;
        switch (status)
        {
            case 400:
                return "Error 400 (invalid request): " + message + ". Fix the arguments and call " + toolName + " again.";
            case 401:
                return "Error 401: MultiMail rejected the API key (missing, invalid or revoked). This is a configuration problem; retrying will not help. Tell the user to check the MultiMail API key.";
            case 403:
                return effect == MultiMailToolEffect.SendsEmail
                    ? "Error 403 (blocked by oversight): " + message + ". Sending from this mailbox is blocked: it is read_only, or the API key lacks the send scope. Do not retry; a human operator must change the mailbox's oversight mode or the key."
                    : "Error 403 (forbidden): " + message + ". The mailbox's oversight mode or the API key's scope does not allow " + toolName + ". Do not retry; a human operator must change the mode or the key.";
            case 404:
                return "Error 404 (not found): " + message + ". Check the id: list or search first to get a valid one.";
            case 409:
                return effect == MultiMailToolEffect.SendsEmail
                    ? "Error 409 (duplicate): " + message + ". The same email was already submitted (for example an identical reply within 60 seconds). Do not resend it."
                    : "Error 409 (conflict): " + message + ". The item's current state does not allow this (it may already be done). Do not repeat the call.";
            case 413:
                return "Error 413 (too large): " + message + ". Make the content smaller.";
            case 429:
                if (retryAfter is { } wait)
                {
                    // The API's own message may already say when to retry; say it once.
                    return message.IndexOf("retry after", StringComparison.OrdinalIgnoreCase) >= 0
                        ? "Error 429 (rate limited): " + message + "."
                        : "Error 429 (rate limited): " + message + ". Retry after " + Seconds(wait) + ".";
                }

                return "Error 429 (rate limited or quota exceeded): " + message + ". Wait before retrying.";
        }

        if (status >= 500)
        {
            var text = "Error " + status.ToString(CultureInfo.InvariantCulture) + ": the MultiMail service is unavailable right now. Try again later.";
            return retryAfter is { } wait ? text + " Retry after " + Seconds(wait) + "." : text;
        }

        return "Error " + status.ToString(CultureInfo.InvariantCulture) + ": " + message + ".";
    }

    /// <summary>The API's error message, one line and clipped; <paramref name="apiKey"/> is redacted from the body before anything is clipped.</summary>
    internal static string ApiMessage(string? body, string? apiKey = null)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return string.Empty;
        }

        body = Redact(body!, apiKey);
        try
        {
            using var document = JsonDocument.Parse(body!);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.String)
            {
                return Clip(OneLine(StringOrRaw(error)), MaxApiMessageLength).TrimEnd('.');
            }
        }
        catch (Exception ex) when (IsUnreadable(ex))
        {
        }

        return Clip(OneLine(body!), MaxApiMessageLength).TrimEnd('.');
    }

    /// <summary>
    /// Replaces the API key in <paramref name="text"/> with <c>[redacted]</c>, in every encoding a server or proxy might
    /// echo it in: each character literal, JSON-escaped (<c>\u0053</c>, any hex case), percent-encoded (<c>%5F</c>) or an
    /// HTML character reference (<c>&amp;#83;</c>, <c>&amp;#x53;</c>), mixed freely. Callers redact before they clip.
    /// </summary>
    internal static string Redact(string text, string? apiKey)
    {
        if (string.IsNullOrWhiteSpace(apiKey) || string.IsNullOrEmpty(text))
        {
            return text;
        }

        var key = apiKey!.Trim();
        if (key.Length < 4)
        {
            return text;
        }

        var cached = _redaction;
        if (cached is null || !string.Equals(cached.Item1, key, StringComparison.Ordinal))
        {
            cached = Tuple.Create(key, KeyPattern(key));
            _redaction = cached;
        }

        return cached.Item2.Replace(text, "[redacted]");
    }

    /// <summary>The last key's pattern (keys rarely change; building one costs more than matching).</summary>
    private static volatile Tuple<string, Regex>? _redaction;

    private static Regex KeyPattern(string key)
    {
        var pattern = new StringBuilder();
        foreach (var c in key)
        {
            var code = (int)c;
            pattern.Append("(?:").Append(Regex.Escape(c.ToString()))
                .Append(@"|\\u(?i:").Append(code.ToString("x4", CultureInfo.InvariantCulture)).Append(')')
                .Append("|&#0*").Append(code.ToString(CultureInfo.InvariantCulture)).Append(';')
                .Append("|&#[xX]0*(?i:").Append(code.ToString("x", CultureInfo.InvariantCulture)).Append(");");
            if (code < 0x80)
            {
                pattern.Append("|%(?i:").Append(code.ToString("x2", CultureInfo.InvariantCulture)).Append(')');
            }

            pattern.Append(')');
        }

        return new Regex(pattern.ToString(), RegexOptions.CultureInvariant);
    }

    private static string Success(MultiMailToolEffect effect, int status, string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return "{\"status\":\"ok\",\"http_status\":" + status.ToString(CultureInfo.InvariantCulture) + "}";
        }

        if (effect != MultiMailToolEffect.SendsEmail)
        {
            return body!;
        }

        var sendStatus = ReadStatus(body!);
        if (sendStatus == "already_sent")
        {
            return body + "\nAlready submitted: an email with this idempotency key was accepted earlier, so no new email was created. Do not send it again; read_email with its id shows whether it is pending, delivered or rejected.";
        }

        if (sendStatus == "pending_scan" || status == 202)
        {
            return body + "\nAccepted (pending_scan). In gated_send and gated_all mode the email now waits for human approval before delivery; in monitored and autonomous mode it is delivered after the scan. Do not send it again; read_email with its id shows its status.";
        }

        return body!;
    }

    /// <summary>The top-level <c>status</c> string of a send's answer, read in one forward pass (no document).</summary>
    private static string? ReadStatus(string body)
    {
        var size = Encoding.UTF8.GetMaxByteCount(body.Length);
        var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var length = Encoding.UTF8.GetBytes(body, 0, body.Length, rented, 0);
            var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(rented, 0, length));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            string? status = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isStatus = reader.ValueTextEquals("status"u8);
                if (!reader.Read())
                {
                    return null;
                }

                if (isStatus)
                {
                    // The last "status" wins, as JsonElement.TryGetProperty finds it.
                    status = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else
                {
                    reader.Skip();
                }
            }

            // Only a well-formed object counts (a truncated answer has no status), as JsonDocument.Parse decided before.
            return reader.TokenType == JsonTokenType.EndObject && !reader.Read() ? status : null;
        }
        catch (Exception ex) when (IsUnreadable(ex))
        {
            return null;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>A JSON string's text, or its escaped form when it holds a lone surrogate escape no reader can decode.</summary>
    private static string StringOrRaw(JsonElement text)
    {
        try
        {
            return text.GetString()!;
        }
        catch (InvalidOperationException)
        {
            var raw = text.GetRawText();
            return raw.Substring(1, raw.Length - 2);
        }
    }

    /// <summary>
    /// Why System.Text.Json can refuse an answer's text: not JSON, a lone surrogate escape it cannot decode
    /// (<see cref="InvalidOperationException"/>), or a lone surrogate in the text itself (<see cref="ArgumentException"/>).
    /// </summary>
    internal static bool IsUnreadable(Exception exception) => exception is JsonException or InvalidOperationException or ArgumentException;

    private static string Seconds(TimeSpan value)
    {
        var seconds = (long)Math.Ceiling(Math.Max(0, value.TotalSeconds));
        return seconds.ToString(CultureInfo.InvariantCulture) + (seconds == 1 ? " second" : " seconds");
    }

    internal static string OneLine(string text)
    {
        var builder = new StringBuilder(text.Length);
        var lastWasSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (!lastWasSpace)
                {
                    builder.Append(' ');
                    lastWasSpace = true;
                }
            }
            else
            {
                builder.Append(c);
                lastWasSpace = false;
            }
        }

        return builder.ToString().Trim();
    }

    internal static string Clip(string text, int max) => text.Length <= max ? text : text.Substring(0, max) + "…";
}
