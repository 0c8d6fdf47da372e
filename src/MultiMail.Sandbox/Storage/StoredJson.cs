using System.Collections.Generic;
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
}
