using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.Text.Json;

namespace MultiMail.Internal;

/// <summary>
/// Converts the arguments framework adapters receive as a dictionary into the JSON object the generated
/// <c>InvokeAsync</c> reads. Not for direct use; generated adapters call it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class AdapterArguments
{
    /// <summary>
    /// Writes arguments that arrive as a dictionary (Microsoft.Extensions.AI, Semantic Kernel, MCP) as the JSON object
    /// <c>InvokeAsync</c> takes. Values may be <see cref="JsonElement"/>s (what the OpenAI and Anthropic adapters pass),
    /// JSON nodes, strings, numbers, booleans, dates, GUIDs, lists and dictionaries; anything else is written as its text.
    /// No reflection is used.
    /// </summary>
    public static string ToJson(IEnumerable<KeyValuePair<string, object?>>? arguments)
    {
        using var stream = new System.IO.MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            if (arguments is not null)
            {
                foreach (var pair in arguments)
                {
                    writer.WritePropertyName(pair.Key);
                    WriteValue(writer, pair.Value, 0);
                }
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value, int depth)
    {
        if (depth > 32)
        {
            writer.WriteNullValue();
            return;
        }

        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonElement element:
                if (element.ValueKind == JsonValueKind.Undefined)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    element.WriteTo(writer);
                }

                break;
            case JsonDocument document:
                document.WriteTo(writer);
                break;
            case System.Text.Json.Nodes.JsonNode node:
                node.WriteTo(writer);
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case int number:
                writer.WriteNumberValue(number);
                break;
            case long number:
                writer.WriteNumberValue(number);
                break;
            case double number when !double.IsNaN(number) && !double.IsInfinity(number):
                writer.WriteNumberValue(number);
                break;
            case float number when !float.IsNaN(number) && !float.IsInfinity(number):
                writer.WriteNumberValue(number);
                break;
            case decimal number:
                writer.WriteNumberValue(number);
                break;
            case short or byte or sbyte or ushort or uint:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong number:
                writer.WriteNumberValue(number);
                break;
            case DateTimeOffset date:
                writer.WriteStringValue(MultiMailFormat.DateTime(date));
                break;
            case DateTime date:
                writer.WriteStringValue(MultiMailFormat.DateTime(date));
                break;
            case Guid guid:
                writer.WriteStringValue(MultiMailFormat.Guid(guid));
                break;
            case Uri uri:
                writer.WriteStringValue(MultiMailFormat.Uri(uri));
                break;
            case IEnumerable<KeyValuePair<string, object?>> map:
                writer.WriteStartObject();
                foreach (var pair in map)
                {
                    writer.WritePropertyName(pair.Key);
                    WriteValue(writer, pair.Value, depth + 1);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable<KeyValuePair<string, string>> stringMap:
                writer.WriteStartObject();
                foreach (var pair in stringMap)
                {
                    writer.WriteString(pair.Key, pair.Value);
                }

                writer.WriteEndObject();
                break;
            case System.Collections.IEnumerable items:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    WriteValue(writer, item, depth + 1);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
