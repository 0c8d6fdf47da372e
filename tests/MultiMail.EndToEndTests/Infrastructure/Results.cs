using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using MultiMail.Sandbox;

namespace MultiMail.EndToEndTests.Infrastructure;

/// <summary>Reading what the tools return and what the sandbox recorded.</summary>
public static class Results
{
    /// <summary>The hint a generated send tool appends to a 202 <c>pending_scan</c> answer.</summary>
    public const string PendingHint =
        "Accepted (pending_scan). In gated_send and gated_all mode the email now waits for human approval before delivery; in monitored and autonomous mode it is delivered after the scan. Do not send it again; read_email with its id shows its status.";

    /// <summary>
    /// Parses the JSON value at the start of a tool's text (send tools append a plain-text hint after the API's JSON), or
    /// the JSON inside a fenced mail result. Fails the test when the text holds no JSON, for example when it is an error text.
    /// </summary>
    public static JsonElement Json(string toolText)
    {
        Assert.False(string.IsNullOrEmpty(toolText));

        // Mail comes fenced as untrusted data (MultiMailClientOptions.MarkUntrustedContent): read the API's JSON back.
        if (MultiMail.Internal.UntrustedMailText.TryReadJson(toolText, out var fenced))
        {
            toolText = fenced;
        }

        Assert.True(toolText.StartsWith('{'), "Expected the API's JSON, got: " + toolText);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(toolText));
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.Clone();
    }

    /// <summary>The text after the JSON (the hint), trimmed; empty when there is none.</summary>
    public static string Hint(string toolText)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(toolText));
        using var document = JsonDocument.ParseValue(ref reader);
        return Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(toolText).AsSpan((int)reader.BytesConsumed)).Trim();
    }

    /// <summary>A string property of a JSON object (fails when absent or not a string).</summary>
    public static string Str(this JsonElement element, string name)
    {
        Assert.True(element.TryGetProperty(name, out var value), "Missing property '" + name + "' in " + element.GetRawText());
        Assert.Equal(JsonValueKind.String, value.ValueKind);
        return value.GetString()!;
    }

    /// <summary>The items of an array property.</summary>
    public static IReadOnlyList<JsonElement> Items(this JsonElement element, string name)
    {
        Assert.True(element.TryGetProperty(name, out var value), "Missing property '" + name + "' in " + element.GetRawText());
        Assert.Equal(JsonValueKind.Array, value.ValueKind);
        return value.EnumerateArray().ToArray();
    }

    /// <summary>The strings of an array property.</summary>
    public static IReadOnlyList<string> Strings(this JsonElement element, string name) =>
        element.Items(name).Select(e => e.GetString()!).ToArray();

    /// <summary>Audit entries with the given action.</summary>
    public static IReadOnlyList<SandboxAuditEntry> Audited(this MultiMailSandbox sandbox, string action) =>
        sandbox.GetAuditLog().Where(e => e.Action == action).ToArray();

    /// <summary>The outbox's <c>delivery</c> messages (not operator copies or notices).</summary>
    public static IReadOnlyList<SandboxOutboxMessage> Deliveries(this MultiMailSandbox sandbox, string? mailboxId = null) =>
        sandbox.GetOutbox(mailboxId).Where(m => m.Kind == "delivery").ToArray();
}
