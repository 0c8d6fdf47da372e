using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MultiMail.Sandbox.Tests.Infrastructure;

/// <summary>How strictly a response is held to its schema beyond what JSON Schema itself says.</summary>
/// <param name="RequireDeclared">
/// Every property a schema declares must be present (SPEC's response schemas declare almost no <c>required</c>, so an
/// empty object would otherwise pass); <paramref name="MayOmit"/> lists exceptions as paths like <c>$.postmark_message_id</c>.
/// </param>
/// <param name="RejectUndeclared">Properties a schema does not declare are reported (catches misspelt field names); <paramref name="MayAdd"/> lists documented extras.</param>
/// <param name="MayOmit">Paths (array indices written <c>[*]</c>) that may be absent.</param>
/// <param name="MayAdd">Paths (array indices written <c>[*]</c>) that may be present although undeclared.</param>
internal sealed record Strictness(bool RequireDeclared, bool RejectUndeclared, IReadOnlyCollection<string> MayOmit, IReadOnlyCollection<string> MayAdd)
{
    public static Strictness Strict(IReadOnlyCollection<string>? mayOmit = null, IReadOnlyCollection<string>? mayAdd = null) =>
        new(true, true, mayOmit ?? [], mayAdd ?? []);

    public static Strictness SchemaOnly { get; } = new(false, false, [], []);
}

/// <summary>
/// A small validator for the OpenAPI 3.0 schema subset SPEC uses: type, properties, required, items, enum, nullable,
/// format (date-time, email, uri), $ref, additionalProperties, oneOf, minimum/maximum, maxLength, maxItems.
/// Hand-written because no JSON-schema library (JsonSchema.Net) is available to this build; it covers exactly what
/// the contract document contains and fails loudly on keywords it does not know.
/// </summary>
internal sealed class SchemaValidator
{
    private static readonly HashSet<string> KnownKeywords =
    [
        "type", "properties", "required", "items", "enum", "nullable", "format", "$ref", "additionalProperties", "oneOf",
        "minimum", "maximum", "maxLength", "maxItems", "description", "example", "default", "minLength", "minItems",
    ];

    private static readonly Regex DateTimePattern = new(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant);

    private readonly JsonElement _document;

    public SchemaValidator(JsonElement document) => _document = document;

    /// <summary>Every violation found; empty when <paramref name="instance"/> is valid.</summary>
    public List<string> Validate(JsonElement instance, JsonElement schema, Strictness strictness)
    {
        var errors = new List<string>();
        Check(instance, schema, "$", strictness, errors);
        return errors;
    }

    public JsonElement Resolve(JsonElement schema)
    {
        var hops = 0;
        while (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference))
        {
            var target = reference.GetString()!;
            if (!target.StartsWith("#/", StringComparison.Ordinal) || ++hops > 32)
            {
                throw new InvalidOperationException("Unsupported or cyclic $ref: " + target);
            }

            schema = _document;
            foreach (var segment in target[2..].Split('/'))
            {
                schema = schema.GetProperty(segment.Replace("~1", "/").Replace("~0", "~"));
            }
        }

        return schema;
    }

    private void Check(JsonElement instance, JsonElement schema, string path, Strictness strictness, List<string> errors)
    {
        schema = Resolve(schema);
        foreach (var keyword in schema.EnumerateObject())
        {
            if (!KnownKeywords.Contains(keyword.Name))
            {
                throw new InvalidOperationException("The validator does not implement the keyword '" + keyword.Name + "' (at " + path + ").");
            }
        }

        if (instance.ValueKind == JsonValueKind.Null)
        {
            if (!(schema.TryGetProperty("nullable", out var nullable) && nullable.GetBoolean()) && schema.TryGetProperty("type", out _))
            {
                errors.Add(path + ": null is not allowed (schema is not nullable)");
            }

            return;
        }

        if (schema.TryGetProperty("oneOf", out var oneOf))
        {
            var matches = oneOf.EnumerateArray().Count(option => Validate(instance, option, strictness).Count == 0);
            if (matches != 1)
            {
                errors.Add(path + ": matches " + matches + " of the oneOf schemas (exactly one required)");
            }

            return;
        }

        if (schema.TryGetProperty("type", out var typeElement) && !HasType(instance, typeElement.GetString()!))
        {
            errors.Add(path + ": expected " + typeElement.GetString() + " but found " + instance.ValueKind);
            return;
        }

        if (schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(v => JsonElement.DeepEquals(v, instance)))
        {
            errors.Add(path + ": " + instance.GetRawText() + " is not one of " + allowed.GetRawText());
        }

        switch (instance.ValueKind)
        {
            case JsonValueKind.String:
                CheckString(instance.GetString()!, schema, path, errors);
                break;
            case JsonValueKind.Number:
                if (schema.TryGetProperty("minimum", out var min) && instance.GetDouble() < min.GetDouble())
                {
                    errors.Add(path + ": below minimum " + min.GetRawText());
                }

                if (schema.TryGetProperty("maximum", out var max) && instance.GetDouble() > max.GetDouble())
                {
                    errors.Add(path + ": above maximum " + max.GetRawText());
                }

                break;
            case JsonValueKind.Array:
                if (schema.TryGetProperty("maxItems", out var maxItems) && instance.GetArrayLength() > maxItems.GetInt32())
                {
                    errors.Add(path + ": more than " + maxItems.GetInt32() + " items");
                }

                if (schema.TryGetProperty("items", out var items))
                {
                    var i = 0;
                    foreach (var item in instance.EnumerateArray())
                    {
                        Check(item, items, path + "[" + i++ + "]", strictness, errors);
                    }
                }

                break;
            case JsonValueKind.Object:
                CheckObject(instance, schema, path, strictness, errors);
                break;
        }
    }

    private void CheckObject(JsonElement instance, JsonElement schema, string path, Strictness strictness, List<string> errors)
    {
        var declared = schema.TryGetProperty("properties", out var properties)
            ? properties.EnumerateObject().ToDictionary(p => p.Name, p => p.Value)
            : [];
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                if (!instance.TryGetProperty(name, out _))
                {
                    errors.Add(path + ": required property '" + name + "' is missing");
                }
            }
        }

        foreach (var (name, propertySchema) in declared)
        {
            if (instance.TryGetProperty(name, out var value))
            {
                Check(value, propertySchema, path + "." + name, strictness, errors);
            }
            else if (strictness.RequireDeclared && !strictness.MayOmit.Contains(Generic(path + "." + name)))
            {
                errors.Add(path + ": declared property '" + name + "' is missing");
            }
        }

        var hasAdditional = schema.TryGetProperty("additionalProperties", out var additional);
        foreach (var property in instance.EnumerateObject().Where(p => !declared.ContainsKey(p.Name)))
        {
            var propertyPath = path + "." + property.Name;
            if (hasAdditional && additional.ValueKind == JsonValueKind.False)
            {
                errors.Add(propertyPath + ": additional properties are not allowed");
            }
            else if (hasAdditional && additional.ValueKind == JsonValueKind.Object)
            {
                Check(property.Value, additional, propertyPath, strictness, errors);
            }
            else if (strictness.RejectUndeclared && declared.Count > 0 && !strictness.MayAdd.Contains(Generic(propertyPath)))
            {
                errors.Add(propertyPath + ": property is not declared by the schema");
            }
        }
    }

    private static void CheckString(string value, JsonElement schema, string path, List<string> errors)
    {
        if (schema.TryGetProperty("maxLength", out var maxLength) && value.Length > maxLength.GetInt32())
        {
            errors.Add(path + ": longer than " + maxLength.GetInt32());
        }

        if (!schema.TryGetProperty("format", out var format))
        {
            return;
        }

        var ok = format.GetString() switch
        {
            "date-time" => DateTimePattern.IsMatch(value) && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            "email" => System.Net.Mail.MailAddress.TryCreate(value, out var address) && address.Address == value,
            "uri" => Uri.TryCreate(value, UriKind.Absolute, out _),
            _ => true,
        };
        if (!ok)
        {
            errors.Add(path + ": '" + value + "' is not a valid " + format.GetString());
        }
    }

    private static bool HasType(JsonElement instance, string type) => type switch
    {
        "object" => instance.ValueKind == JsonValueKind.Object,
        "array" => instance.ValueKind == JsonValueKind.Array,
        "string" => instance.ValueKind == JsonValueKind.String,
        "boolean" => instance.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "integer" => instance.ValueKind == JsonValueKind.Number && instance.TryGetInt64(out _),
        "number" => instance.ValueKind == JsonValueKind.Number,
        _ => throw new InvalidOperationException("Unknown schema type '" + type + "'."),
    };

    private static string Generic(string path) => Regex.Replace(path, @"\[\d+\]", "[*]");
}
