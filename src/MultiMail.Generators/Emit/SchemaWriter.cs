using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MultiMail.Generators.Model;

namespace MultiMail.Generators.Emit;

/// <summary>
/// Writes a tool's parameter schema at compile time: the canonical JSON schema, and the OpenAI strict-mode variant
/// (every property required, optional ones as <c>["T","null"]</c>, no <c>default</c>, and limits strict mode rejects
/// moved into the description). Both say <c>additionalProperties: false</c> on every declared object, as
/// <c>InvokeAsync</c> refuses unknown properties at every level. Output is deterministic: properties in
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
        json.StartObject().Property("type", "object");
        WriteObjectBody(json, method.Parameters.Where(p => p.IsModelVisible && p.Shape is not null).ToList<ValueSpec>(), strict);
        return json.EndObject().ToString();
    }

    /// <summary><c>properties</c>, <c>required</c> and <c>additionalProperties: false</c> of an object: the tool's arguments or a nested object.</summary>
    private static void WriteObjectBody(JsonBuilder json, IReadOnlyList<ValueSpec> members, bool strict)
    {
        json.Name("properties").StartObject();
        foreach (var member in members)
        {
            json.Name(member.WireName);
            WriteValue(json, new Value(member.Shape!, member.Constraints, member.ItemConstraints, member.Description, member.DefaultJson, Optional: !member.Required), strict);
        }

        json.EndObject();
        var required = strict ? members : members.Where(m => m.Required).ToList();
        if (strict || required.Count > 0)
        {
            json.Name("required").StartArray();
            foreach (var member in required)
            {
                json.String(member.WireName);
            }

            json.EndArray();
        }

        // InvokeAsync refuses a property the object does not declare, at every level; the schema says so in both variants.
        json.RawProperty("additionalProperties", "false");
    }

    /// <summary>One value's schema inputs: a member's, or an array's items (which have no description or default).</summary>
    private readonly record struct Value(TypeShape Shape, Constraints Constraints, Constraints Items, string? Description, string? DefaultJson, bool Optional);

    private static void WriteValue(JsonBuilder json, Value value, bool strict)
    {
        var (shape, constraints, nullable) = (value.Shape, value.Constraints, strict && value.Optional);
        json.StartObject();

        // "description" comes first; in strict mode it also carries the limits strict mode does not accept.
        var text = Join(Describe(shape, value.Description), strict ? StrictNotes(shape, constraints) : new List<string>());
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
                WriteString(json, shape, constraints, strict, nullable);
                break;
            case ShapeKind.Enum:
                Type(json, "string", nullable);
                Enum(json, shape.EnumMembers.Select(m => m.WireName), nullable);
                break;
            case ShapeKind.Boolean:
                Type(json, "boolean", nullable);
                break;
            case ShapeKind.Integer:
            case ShapeKind.Number:
                WriteNumber(json, shape, constraints, nullable);
                break;
            case ShapeKind.Array:
                Type(json, "array", nullable);
                json.Name("items");
                WriteValue(json, new Value(shape.Element!, value.Items, Constraints.None, null, null, Optional: shape.Element!.IsNullable), strict);
                WriteLimit(json, "minItems", constraints.MinItems is > 0 ? constraints.MinItems : null);
                WriteLimit(json, "maxItems", constraints.MaxItems);
                break;
            case ShapeKind.Map:
                WriteMap(json, strict, nullable);
                break;
            case ShapeKind.Object:
                Type(json, "object", nullable);
                WriteObjectBody(json, shape.Object!.Properties, strict);
                break;
            case ShapeKind.JsonElement:
                break;
        }

        if (!strict && value.DefaultJson is not null)
        {
            json.RawProperty("default", value.DefaultJson);
        }

        json.EndObject();
    }

    /// <summary>What strict mode cannot say as keywords, said in the description instead.</summary>
    private static List<string> StrictNotes(TypeShape shape, Constraints constraints)
    {
        var notes = new List<string>();
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

        return notes;
    }

    private static void WriteString(JsonBuilder json, TypeShape shape, Constraints constraints, bool strict, bool nullable)
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
            WriteLimit(json, "minLength", constraints.MinLength is > 0 ? constraints.MinLength : null);
            WriteLimit(json, "maxLength", constraints.MaxLength);
        }

        if (constraints.Pattern is not null)
        {
            json.Property("pattern", constraints.Pattern);
        }
    }

    private static void WriteNumber(JsonBuilder json, TypeShape shape, Constraints constraints, bool nullable)
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
    }

    /// <summary>A string-to-string map: an object with string values, or (strict) a list of key/value objects.</summary>
    private static void WriteMap(JsonBuilder json, bool strict, bool nullable)
    {
        if (!strict)
        {
            Type(json, "object", nullable);
            json.Name("additionalProperties").StartObject().Property("type", "string").EndObject();
            return;
        }

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

    private static void WriteLimit(JsonBuilder json, string keyword, int? limit)
    {
        if (limit is { } value)
        {
            json.RawProperty(keyword, value.ToString(CultureInfo.InvariantCulture));
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
