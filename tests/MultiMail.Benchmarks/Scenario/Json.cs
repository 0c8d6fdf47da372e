using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace MultiMail.Benchmarks.Scenario;

/// <summary>Source-generated System.Text.Json metadata for the peers (Refit's body, the host's argument dictionary).</summary>
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(SendEmailBody))]
[JsonSerializable(typeof(Dictionary<string, object?>))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
public sealed partial class PeerJsonContext : JsonSerializerContext
{
}

/// <summary>The send body as a DTO (Refit serializes it); property order is the wire order.</summary>
public sealed record SendEmailBody(
    [property: JsonPropertyName("to")] string[] To,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("markdown")] string Markdown,
    [property: JsonPropertyName("idempotency_key")] string IdempotencyKey);
