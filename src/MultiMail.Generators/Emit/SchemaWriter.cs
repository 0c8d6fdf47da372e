using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MultiMail.Generators.Model;

namespace MultiMail.Generators.Emit;

/// <summary>
/// Writes a tool's parameter schema at compile time: the canonical JSON schema, and the OpenAI strict-mode variant
/// (every property required, optional ones as <c>["T","null"]</c>, <c>additionalProperties: false</c> everywhere, no
/// <c>default</c>, and limits strict mode rejects moved into the description). Output is deterministic: properties in
/// declaration order, keywords in a fixed order, invariant culture.
/// </summary>
internal static class SchemaWriter
{
    private static readonly HashSet<string> StrictFormats = new(System.StringComparer.Ordinal)
    {
        "date-time", "date", "time", "duration", "email", "hostname", "ipv4", "ipv6", "uuid",
    };

    public static string Write(ToolMethodSpec method, bool strict)
    {
        var json = new JsonBuilder();
        var visible = method.Parameters.Where(p => p.IsModelVisible && p.Shape is not null).ToList();
        json.StartObject().Property("type", "object");
        json.Name("properties").StartObject();
        foreach (var parameter in visible)
        {
            json.Name(parameter.WireName);
            WriteValue(json, parameter.Shape!, parameter.Constraints, parameter.ItemConstraints, parameter.Description, parameter.DefaultJson, strict, !parameter.Required);
        }

        json.EndObject();
        var required = strict ? visible : visible.Where(p => p.Required).ToList();
        if (strict || required.Count > 0)
        {
            json.Name("required").StartArray();
            foreach (var parameter in required)
            {
                json.String(parameter.WireName);
            }

            json.EndArray();
        }

        if (strict)
        {
            json.RawProperty("additionalProperties", "false");
        }

        return json.EndObject().ToString();
    }

    private static void WriteValue(JsonBuilder json, TypeShape shape, Constraints constraints, Constraints items, string? description, string? defaultJson, bool strict, bool optional)
    {
        var nullable = strict && optional;
        var notes = new List<string>();
        json.StartObject();
        var descriptionText = Describe(shape, description);

        // Collect the strict-mode notes first, so "description" can come first in the object.
        if (strict)
        {
            if (constraints.MinLength is > 0 and var minLength)
            {
                notes.Add("At least " + Count(minLength, "character") + ".");
            }

            if (constraints.MaxLength is { } maxLength)
            {
                notes.Add("At most " + Count(maxLength, "character") + ".");
            }

            var format = Format(shape, constraints);
            if (format is not null && !StrictFormats.Contains(format))
            {
                notes.Add(format == "uri" ? "An absolute URI." : "Format: " + format + ".");
            }

            if (shape.Kind == ShapeKind.Map)
            {
                notes.Add("A list of key/value pairs.");
            }
        }

        var text = Join(descriptionText, notes);
        if (text is not null)
        {
            json.Property("description", text);
        }

        switch (shape.Kind)
        {
            case ShapeKind.String:
            case ShapeKind.DateTime:
            case ShapeKind.DateTimeOffset:
            case ShapeKind.Guid:
            case ShapeKind.Uri:
            {
                Type(json, "string", nullable);
                var format = Format(shape, constraints);
                if (format is not null && (!strict || StrictFormats.Contains(format)))
                {
                    json.Property("format", format);
                }

                if (!constraints.AllowedValues.IsEmpty)
                {
                    Enum(json, constraints.AllowedValues, nullable);
                }

                if (!strict)
                {
                    if (constraints.MinLength is > 0 and var minLength)
                    {
                        json.RawProperty("minLength", minLength.ToString(CultureInfo.InvariantCulture));
                    }

                    if (constraints.MaxLength is { } maxLength)
                    {
                        json.RawProperty("maxLength", maxLength.ToString(CultureInfo.InvariantCulture));
                    }
                }

                if (constraints.Pattern is not null)
                {
                    json.Property("pattern", constraints.Pattern);
                }

                break;
            }

            case ShapeKind.Enum:
                Type(json, "string", nullable);
                Enum(json, shape.EnumMembers.Select(m => m.WireName), nullable);
                break;

            case ShapeKind.Boolean:
                Type(json, "boolean", nullable);
                break;

            case ShapeKind.Integer:
            case ShapeKind.Number:
            {
                Type(json, shape.Kind == ShapeKind.Integer ? "integer" : "number", nullable);
                var (minimum, maximum) = Range(shape.Numeric);
                if ((constraints.Minimum ?? minimum) is { } min)
                {
                    json.RawProperty("minimum", min);
                }

                if ((constraints.Maximum ?? maximum) is { } max)
                {
                    json.RawProperty("maximum", max);
                }

                break;
            }

            case ShapeKind.Array:
                Type(json, "array", nullable);
                json.Name("items");
                WriteValue(json, shape.Element!, items, Constraints.None, null, null, strict, shape.Element!.IsNullable);
                if (constraints.MinItems is > 0 and var minItems)
                {
                    json.RawProperty("minItems", minItems.ToString(CultureInfo.InvariantCulture));
                }

                if (constraints.MaxItems is { } maxItems)
                {
                    json.RawProperty("maxItems", maxItems.ToString(CultureInfo.InvariantCulture));
                }

                break;

            case ShapeKind.Map:
                if (strict)
                {
                    Type(json, "array", nullable);
                    json.Name("items").StartObject()
                        .Property("type", "object")
                        .Name("properties").StartObject()
                        .Name("key").StartObject().Property("type", "string").EndObject()
                        .Name("value").StartObject().Property("type", "string").EndObject()
                        .EndObject()
                        .Name("required").StartArray().String("key").String("value").EndArray()
                        .RawProperty("additionalProperties", "false")
                        .EndObject();
                }
                else
                {
                    Type(json, "object", nullable);
                    json.Name("additionalProperties").StartObject().Property("type", "string").EndObject();
                }

                break;

            case ShapeKind.Object:
                Type(json, "object", nullable);
                WriteObjectBody(json, shape.Object!, strict);
                break;

            case ShapeKind.JsonElement:
                break;
        }

        if (!strict && defaultJson is not null)
        {
            json.RawProperty("default", defaultJson);
        }

        json.EndObject();
    }

    private static void WriteObjectBody(JsonBuilder json, ObjectSpec spec, bool strict)
    {
        json.Name("properties").StartObject();
        foreach (var property in spec.Properties)
        {
            json.Name(property.WireName);
            WriteValue(json, property.Shape!, property.Constraints, property.ItemConstraints, property.Description, property.DefaultJson, strict, !property.Required);
        }

        json.EndObject();
        var required = strict ? spec.Properties.ToList() : spec.Properties.Where(p => p.Required).ToList();
        if (strict || required.Count > 0)
        {
            json.Name("required").StartArray();
            foreach (var property in required)
            {
                json.String(property.WireName);
            }

            json.EndArray();
        }

        if (strict)
        {
            json.RawProperty("additionalProperties", "false");
        }
    }

    private static void Type(JsonBuilder json, string type, bool nullable)
    {
        if (nullable)
        {
            json.Name("type").StartArray().String(type).String("null").EndArray();
        }
        else
        {
            json.Property("type", type);
        }
    }

    private static void Enum(JsonBuilder json, IEnumerable<string> values, bool nullable)
    {
        json.Name("enum").StartArray();
        foreach (var value in values)
        {
            json.String(value);
        }

        if (nullable)
        {
            json.Raw("null");
        }

        json.EndArray();
    }

    private static string? Format(TypeShape shape, Constraints constraints) => shape.Kind switch
    {
        ShapeKind.DateTime or ShapeKind.DateTimeOffset => "date-time",
        ShapeKind.Guid => "uuid",
        ShapeKind.Uri => "uri",
        _ => constraints.Format,
    };

    private static (string? Minimum, string? Maximum) Range(NumericKind kind) => kind switch
    {
        NumericKind.SByte => ("-128", "127"),
        NumericKind.Byte => ("0", "255"),
        NumericKind.Int16 => ("-32768", "32767"),
        NumericKind.UInt16 => ("0", "65535"),
        NumericKind.UInt32 or NumericKind.UInt64 => ("0", null),
        _ => (null, null),
    };

    private static string? Describe(TypeShape shape, string? description)
    {
        if (shape.Kind != ShapeKind.Enum || shape.EnumMembers.All(m => m.Description is null))
        {
            return description;
        }

        var values = string.Join("; ", shape.EnumMembers.Select(m => m.Description is null ? m.WireName : m.WireName + ": " + m.Description));
        return Join(description, new List<string> { "Values: " + values + "." });
    }

    private static string? Join(string? description, List<string> notes)
    {
        if (notes.Count == 0)
        {
            return description;
        }

        var text = string.Join(" ", notes);
        if (description is null)
        {
            return text;
        }

        var trimmed = description.TrimEnd();
        return trimmed + (trimmed.EndsWith(".", System.StringComparison.Ordinal) ? " " : ". ") + text;
    }

    private static string Count(int count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? string.Empty : "s");
}
