using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace MultiMail.Sandbox.Storage;

/// <summary>JSON encoding of the list and map columns.</summary>
internal static class StoredJson
{
    public static string Write<T>(T value) => JsonSerializer.Serialize(value);

    public static IReadOnlyList<string> Strings(string json) => JsonSerializer.Deserialize<List<string>>(json) ?? [];

    public static IReadOnlyDictionary<string, string> Map(string json) =>
        JsonSerializer.Deserialize<SortedDictionary<string, string>>(json) ?? new SortedDictionary<string, string>();

    public static IReadOnlyList<AttachmentRecord> Attachments(string json) => JsonSerializer.Deserialize<List<AttachmentRecord>>(json) ?? [];

    /// <summary>An outbox message's attachments; databases written before full records were kept hold only names.</summary>
    public static IReadOnlyList<AttachmentRecord> OutboxAttachments(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.String)
            ? document.RootElement.EnumerateArray().Select(e => new AttachmentRecord(e.GetString() ?? string.Empty, "application/octet-stream", string.Empty)).ToArray()
            : Attachments(json);
    }
}
