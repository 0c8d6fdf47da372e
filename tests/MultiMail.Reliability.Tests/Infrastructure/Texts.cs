using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using MultiMail.Sandbox;

namespace MultiMail.Reliability.Tests.Infrastructure;

/// <summary>What a tool's text says, as an agent loop (or a model) reads it.</summary>
public enum TextKind
{
    /// <summary>The API's JSON (a send: <c>pending_scan</c>, or a replay: <c>already_sent</c>).</summary>
    Json,

    /// <summary>A clear "try again" text: 5xx, timeout, network failure, 429 with a wait.</summary>
    TryAgain,

    /// <summary>A clear text that says not to retry (4xx other than 429, setup problems, invalid arguments).</summary>
    DoNotRetry,

    /// <summary>Anything else: empty, an exception message, a stack trace.</summary>
    Unclear,
}

public static class Texts
{
    public static TextKind Classify(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Contains("   at ", StringComparison.Ordinal) || text.Contains("Exception", StringComparison.Ordinal))
        {
            return TextKind.Unclear;
        }

        // Mail comes fenced as untrusted data; what counts is the API's JSON inside.
        if (MultiMail.Internal.UntrustedMailText.TryReadJson(text, out var fenced))
        {
            text = fenced;
        }

        if (text.StartsWith('{'))
        {
            try
            {
                var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text));
                using var _ = JsonDocument.ParseValue(ref reader);
                return TextKind.Json;
            }
            catch (JsonException)
            {
                return TextKind.Unclear;
            }
        }

        if (text.StartsWith("Error", StringComparison.Ordinal)
            && (text.Contains("Try again later", StringComparison.Ordinal) || text.Contains("Retry after", StringComparison.Ordinal) || text.Contains("Wait before retrying", StringComparison.Ordinal)))
        {
            return TextKind.TryAgain;
        }

        return text.StartsWith("Error", StringComparison.Ordinal) || text.StartsWith("Invalid arguments", StringComparison.Ordinal)
            ? TextKind.DoNotRetry
            : TextKind.Unclear;
    }

    /// <summary>The JSON at the start of a tool text (send tools append a hint).</summary>
    public static JsonElement Json(string text)
    {
        if (MultiMail.Internal.UntrustedMailText.TryReadJson(text, out var fenced))
        {
            text = fenced;
        }

        Assert.True(text.StartsWith('{'), "Expected the API's JSON, got: " + text);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text));
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.Clone();
    }

    public static string Str(this JsonElement element, string name)
    {
        Assert.True(element.TryGetProperty(name, out var value), "Missing '" + name + "' in " + element.GetRawText());
        return value.GetString()!;
    }

    public static int Count(this MultiMailSandbox sandbox, string action) => sandbox.GetAuditLog().Count(e => e.Action == action);
}
