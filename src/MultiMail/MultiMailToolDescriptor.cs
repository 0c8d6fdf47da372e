using System;
using System.IO;
using System.Text;
using System.Text.Json;

namespace MultiMail;

/// <summary>
/// A tool's name, description and JSON schema, computed at compile time by the source generator and emitted as
/// literals: nothing about a tool is discovered by reflection at run time.
/// </summary>
public sealed class MultiMailToolDescriptor
{
    private string? _openAI;
    private string? _openAIStrict;
    private string? _anthropic;
    private JsonElement? _schema;
    private JsonElement? _strictSchema;

    /// <summary>The adapter metadata (<see cref="Internal.ToolMetadata.Properties"/>), computed once per strict value.</summary>
    internal System.Collections.Generic.IReadOnlyDictionary<string, object?>? Properties;
    internal System.Collections.Generic.IReadOnlyDictionary<string, object?>? StrictProperties;

    /// <summary>Creates a descriptor. Generated code calls this; the schemas must be JSON object schemas.</summary>
    /// <param name="name">The tool name (<c>^[a-zA-Z0-9_-]{1,64}$</c>).</param>
    /// <param name="description">The tool description.</param>
    /// <param name="parametersJsonSchema">The canonical JSON schema of the arguments object.</param>
    /// <param name="strictParametersJsonSchema">The same schema by OpenAI's strict-mode rules.</param>
    /// <param name="effect">What calling the tool does.</param>
    /// <param name="isIdempotent">Whether repeating an identical call has no further effect.</param>
    /// <param name="isDestructive">Whether the call deletes or irreversibly changes something.</param>
    /// <param name="isOpenWorld">Whether the call reaches the outside world (sends to, or returns mail from, external parties).</param>
    public MultiMailToolDescriptor(
        string name,
        string description,
        string parametersJsonSchema,
        string strictParametersJsonSchema,
        MultiMailToolEffect effect,
        bool isIdempotent,
        bool isDestructive,
        bool isOpenWorld)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Description = description ?? string.Empty;
        ParametersJsonSchema = parametersJsonSchema ?? throw new ArgumentNullException(nameof(parametersJsonSchema));
        StrictParametersJsonSchema = strictParametersJsonSchema ?? throw new ArgumentNullException(nameof(strictParametersJsonSchema));
        Effect = effect;
        IsIdempotent = isIdempotent;
        IsDestructive = isDestructive;
        IsOpenWorld = isOpenWorld;
    }

    /// <summary>The tool name the model calls.</summary>
    public string Name { get; }

    /// <summary>The tool description the model reads.</summary>
    public string Description { get; }

    /// <summary>The JSON schema of the arguments object (JSON text): types, descriptions, limits, enums, defaults.</summary>
    public string ParametersJsonSchema { get; }

    /// <summary>
    /// The JSON schema by OpenAI's strict-mode rules: every property required, optional ones as <c>["T","null"]</c>,
    /// <c>additionalProperties: false</c> on every object, no <c>default</c>; limits strict mode does not accept are moved
    /// into the descriptions.
    /// </summary>
    public string StrictParametersJsonSchema { get; }

    /// <summary>What calling the tool does.</summary>
    public MultiMailToolEffect Effect { get; }

    /// <summary>Whether the tool sends email (and so is subject to oversight approval in gated modes).</summary>
    public bool SendsEmail => Effect == MultiMailToolEffect.SendsEmail;

    /// <summary>Whether the tool only reads.</summary>
    public bool IsReadOnly => Effect == MultiMailToolEffect.Reads;

    /// <summary>Whether repeating an identical call has no further effect (sends are, through idempotency keys).</summary>
    public bool IsIdempotent { get; }

    /// <summary>Whether the call deletes or irreversibly changes something.</summary>
    public bool IsDestructive { get; }

    /// <summary>
    /// Whether the call reaches the outside world: it sends to external recipients, or returns mail written by external
    /// senders (whose content is untrusted input for the model).
    /// </summary>
    public bool IsOpenWorld { get; }

    /// <summary>The parameters schema as a parsed <see cref="JsonElement"/> (parsed once, then cached).</summary>
    /// <param name="strict">Whether to return the strict-mode schema.</param>
    public JsonElement GetParametersSchema(bool strict = false)
    {
        if (strict)
        {
            return _strictSchema ??= Parse(StrictParametersJsonSchema);
        }

        return _schema ??= Parse(ParametersJsonSchema);
    }

    /// <summary>The tool in the OpenAI Chat Completions format: <c>{"type":"function","function":{…}}</c>.</summary>
    /// <param name="strict">Whether to use the strict-mode schema and set <c>"strict": true</c>.</param>
    public string ToOpenAIToolJson(bool strict = false)
    {
        if (strict)
        {
            return _openAIStrict ??= Write(writer =>
            {
                writer.WriteString("type", "function");
                writer.WriteStartObject("function");
                WriteFunction(writer, StrictParametersJsonSchema, "parameters");
                writer.WriteBoolean("strict", true);
                writer.WriteEndObject();
            });
        }

        return _openAI ??= Write(writer =>
        {
            writer.WriteString("type", "function");
            writer.WriteStartObject("function");
            WriteFunction(writer, ParametersJsonSchema, "parameters");
            writer.WriteBoolean("strict", false);
            writer.WriteEndObject();
        });
    }

    /// <summary>The tool in the OpenAI Responses API format: <c>{"type":"function","name":…,"parameters":…,"strict":…}</c>.</summary>
    /// <param name="strict">Whether to use the strict-mode schema. <c>strict</c> is always written, because the Responses API treats an omitted flag as strict.</param>
    public string ToOpenAIResponsesToolJson(bool strict = false) => Write(writer =>
    {
        writer.WriteString("type", "function");
        WriteFunction(writer, strict ? StrictParametersJsonSchema : ParametersJsonSchema, "parameters");
        writer.WriteBoolean("strict", strict);
    });

    /// <summary>The tool in the Anthropic Messages API format: <c>{"name","description","input_schema"}</c>.</summary>
    public string ToAnthropicToolJson() => _anthropic ??= Write(writer => WriteFunction(writer, ParametersJsonSchema, "input_schema"));

    /// <inheritdoc/>
    public override string ToString() => Name;

    private void WriteFunction(Utf8JsonWriter writer, string schema, string schemaProperty)
    {
        writer.WriteString("name", Name);
        writer.WriteString("description", Description);
        writer.WritePropertyName(schemaProperty);
        writer.WriteRawValue(schema, skipInputValidation: false);
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static string Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream(512);
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }
}
