using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using CsCheck;

namespace MultiMail.IntegrationTests.Fuzzing;

/// <summary>
/// A model's tool-call arguments, at random, shaped by the tool's own schema (so most calls get far enough to build a
/// request) and then damaged: wrong types, huge numbers, deep nesting, very long strings, lone surrogates (escaped and
/// raw) and other odd unicode, path-like values and CR/LF in every id, malformed and truncated JSON.
/// </summary>
internal static class FuzzPayloads
{
    /// <summary>Strings a model (or an attacker writing into an email the model reads) might put anywhere.</summary>
    public static string[] NastyStrings(string key) =>
    [
        "", " ", ".", "..", "...", "%2F", "%2f", "%2E%2E", "%252F", "/", "//", "a/b", "../../v1/account", "..\\..\\x",
        "?", "a?b=c&d=e", "#", "a#frag", "\\", "a\\b", "\r\n", "em_1\r\nX-Injected: 1", "em_1\nHost: evil.test", "\n", "\t",
        "\0", "a\0b", "\u0085", "\u2028", "\u2029", "\u200B", "\u202E", "\uFEFF", "é", "e\u0301", "😀", "𝕏", "\ud800",
        "\udc00", "a\ud800b", "\udbff\udbff", "\ud83d", "%00", "%0d%0a", "em_1", "mbx_1", "th_1", "ct_1", "a@example.com",
        " em_1 ", "EM_1", "null", "true", "0", "-1", "1e400", "{\"x\":1}", "[\"a\"]", "{", "https://evil.test/x",
        "mailto:a@example.com", key, "Bearer " + key, new string('a', 513), new string('/', 40),
    ];

    /// <summary>Values that pass validation yet are awkward on a route or in a query (each must stay one segment).</summary>
    private static readonly string[] AwkwardIds =
    [
        "em_1", "mbx_1", "th_1", "ct_1", "a b", "a+b", "a;b", "a:b", "a=b", "a&b", "a@b", "%2F", "%2f", "%2E%2E", "...", "a.b",
        "~user", "é", "e\u0301", "😀", "ид", "%00", "a%20b", "'", "\"", "<x>", "*", "$", "!", "(", ")", "[", "]", "{", "}", "|", "^", "`",
    ];

    public static Gen<string> For(JsonElement schema, string key)
    {
        var required = schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(x => x.GetString()!).ToHashSet() : [];
        var properties = schema.TryGetProperty("properties", out var p)
            ? p.EnumerateObject().Select(x => (Name: x.Name, Value: Present(x.Value, key, required.Contains(x.Name)))).ToArray()
            : [];
        var nasty = NastyStrings(key);

        // A plausible object: required parameters mostly present, optional ones often; most values valid, about one in
        // ten damaged; now and then an unknown parameter.
        var plausible = Gen.Select(
            Gen.Frequency((19, Gen.Const((string?)null)), (1, Gen.OneOf(nasty.Concat(["body", "mailboxId", "MAILBOX_ID", "to "]).ToArray()).Select(n => (string?)n))),
            Gen.OneOf(nasty),
            (unknownName, unknownValue) => (unknownName, unknownValue))
            .SelectMany(t => GenObject(properties, t.unknownName, t.unknownValue));

        return Gen.Frequency(
            (75, plausible),
            (15, plausible.SelectMany(json => Damage(json, nasty))),
            (4, Gen.OneOf("", " ", "\n", "{}", "null", "[]", "[{}]", "42", "\"\"", "true", "{\"a\":}", "{,}", "{\"a\":1,}", "/* c */ {}",
                "{\"a\":1} trailing", "\u0000", "\ud800", "{\"\ud800\":1}", "\"{}\"", "\"{\\\"x\\\":1}\"", "{'single':'quotes'}")),
            (2, Gen.Int[60, 90].Select(depth => new string('[', depth) + new string(']', depth))),
            (2, Gen.Int[60, 90].Select(depth => "{\"a\":" + string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth + 1))),
            (2, Gen.String[0, 60]));
    }

    /// <summary>A parameter's JSON value, or null when the model leaves it out.</summary>
    private static Gen<string?> Present(JsonElement schema, string key, bool required) => Gen.Frequency(
        (required ? 1 : 9, Gen.Const((string?)null)),
        (required ? 17 : 9, Valid(schema, key, 2).Select(v => (string?)v)),
        (2, ValueFor(schema, key, 2).Select(v => (string?)v)));

    private static Gen<string> GenObject((string Name, Gen<string?> Value)[] properties, string? unknownName, string unknownValue) =>
        properties
            .Aggregate(Gen.Const(new List<string>()), (list, property) => Gen.Select(list, property.Value, (l, v) => v is null ? l : new List<string>(l) { JsonSerializer.Serialize(property.Name) + ":" + v }))
            .Select(parts =>
            {
                if (unknownName is not null)
                {
                    parts.Add(JsonSerializer.Serialize(unknownName) + ":" + JsonSerializer.Serialize(unknownValue));
                }

                return "{" + string.Join(",", parts) + "}";
            });

    /// <summary>A value its schema accepts (as far as the schema says: limits and patterns may still refuse it).</summary>
    private static Gen<string> Valid(JsonElement schema, string key, int depth)
    {
        var type = schema.TryGetProperty("type", out var t) ? t.ValueKind == JsonValueKind.String ? t.GetString() : t[0].GetString() : null;
        if (schema.TryGetProperty("enum", out var values))
        {
            var options = values.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToArray();
            return Gen.OneOf(options.Concat(options.Select(o => o.ToUpperInvariant())).ToArray()).Select(s => JsonSerializer.Serialize(s));
        }

        if (type == "string" && schema.TryGetProperty("format", out var format))
        {
            return (format.GetString() switch
            {
                "email" => Gen.OneOf("a@example.com", "b.c+tag@example.org", "ünï@example.com"),
                "date-time" => Gen.OneOf("2026-03-15T14:00:00Z", "2030-01-01T00:00:00Z"),
                _ => Gen.OneOf(AwkwardIds),
            }).Select(s => JsonSerializer.Serialize(s));
        }

        return type switch
        {
            "string" => Gen.Frequency((3, Gen.OneOf(AwkwardIds)), (1, Gen.String[1, 20].Where(s => !s.Any(char.IsControl)))).Select(s => JsonSerializer.Serialize(s)),
            "integer" => Gen.Int[1, 50].Select(n => n.ToString(CultureInfo.InvariantCulture)),
            "number" => Gen.OneOf("0.5", "1", "2.25"),
            "boolean" => Gen.OneOf("true", "false"),
            "array" when depth > 0 && schema.TryGetProperty("items", out var items) => Valid(items, key, depth - 1).Array[1, 3].Select(a => "[" + string.Join(",", a) + "]"),
            "object" when depth > 0 && schema.TryGetProperty("properties", out var inner) => inner.EnumerateObject()
                .Aggregate(Gen.Const(new List<string>()), (list, x) => Gen.Select(list, Valid(x.Value, key, depth - 1), (l, v) => new List<string>(l) { JsonSerializer.Serialize(x.Name) + ":" + v }))
                .Select(parts => "{" + string.Join(",", parts) + "}"),
            "object" => Gen.Select(Gen.OneOf(AwkwardIds), Gen.OneOf(AwkwardIds), (k, v) => "{" + JsonSerializer.Serialize(k) + ":" + JsonSerializer.Serialize(v) + "}"),
            _ => Gen.Const("null"),
        };
    }

    /// <summary>A JSON value for a schema: usually of its type (an enum's values, emails, dates), often not.</summary>
    private static Gen<string> ValueFor(JsonElement schema, string key, int depth)
    {
        var nasty = Gen.OneOf(NastyStrings(key)).Select(s => JsonSerializer.Serialize(s));
        var anyScalar = Gen.Frequency(
            (20, nasty),
            (20, Gen.OneOf("null", "true", "false", "0", "-0", "1", "-1", "1.5", "1e400", "-1e400", "1e-400", "123456789012345678901234567890",
                "9223372036854775808", "-9223372036854775809", "18446744073709551616", "[]", "{}", "[null]", "\"\"", "\"   \"")),
            (10, Gen.Long.Select(n => n.ToString(CultureInfo.InvariantCulture))),
            (10, Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "0")),
            (10, Gen.String[0, 30].Select(s => JsonSerializer.Serialize(s))),
            (1, Gen.Int[10_000, 300_000].Select(n => JsonSerializer.Serialize(new string('x', n)))));

        var type = schema.TryGetProperty("type", out var t) ? t.ValueKind == JsonValueKind.String ? t.GetString() : t[0].GetString() : null;
        Gen<string> typed;
        if (schema.TryGetProperty("enum", out var values))
        {
            var options = values.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToArray();
            typed = Gen.OneOf(options.Concat(options.Select(o => o.ToUpperInvariant())).Concat(options.Select(o => " " + o)).ToArray()).Select(s => JsonSerializer.Serialize(s));
        }
        else if (type == "string" && schema.TryGetProperty("format", out var format))
        {
            typed = format.GetString() switch
            {
                "email" => Gen.OneOf("a@example.com", "b.c+tag@example.org", "not-an-email", "a@b", "a@example.com\r\nBcc: x@evil.test", "\"a\"@example.com").Select(s => JsonSerializer.Serialize(s)),
                "date-time" => Gen.OneOf("2026-03-15T14:00:00Z", "2026-03-15T14:00:00+02:00", "2026-03-15", "yesterday", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z").Select(s => JsonSerializer.Serialize(s)),
                _ => nasty,
            };
        }
        else
        {
            typed = type switch
            {
                "string" => Gen.Frequency((3, nasty), (1, Gen.String[1, 20].Select(s => JsonSerializer.Serialize(s)))),
                "integer" => Gen.Frequency((3, Gen.Int[-5, 200].Select(n => n.ToString(CultureInfo.InvariantCulture))), (1, Gen.OneOf("\"20\"", "20.0", "2e1", "1e400", "99999999999999999999", "-2147483649", "2147483648", "\"x\""))),
                "number" => Gen.OneOf("0.5", "1e308", "-1e308", "1e400", "\"1.5\"", "\"NaN\""),
                "boolean" => Gen.OneOf("true", "false", "\"true\"", "\"False\"", "\"yes\"", "1"),
                "array" when depth > 0 && schema.TryGetProperty("items", out var items) => Gen.Frequency(
                    (4, ValueFor(items, key, depth - 1).Array[0, 4].Select(a => "[" + string.Join(",", a) + "]")),
                    (1, ValueFor(items, key, depth - 1)),
                    (1, ValueFor(items, key, depth - 1).Array[0, 3].Select(a => JsonSerializer.Serialize("[" + string.Join(",", a) + "]")))),
                "object" when depth > 0 && schema.TryGetProperty("properties", out var inner) => inner.EnumerateObject()
                    .Select(x => (x.Name, Value: ValueFor(x.Value, key, depth - 1)))
                    .Aggregate(Gen.Const(new List<string>()), (list, x) => Gen.Select(list, x.Value, Gen.Bool, (l, v, include) => include ? new List<string>(l) { JsonSerializer.Serialize(x.Name) + ":" + v } : l))
                    .Select(parts => "{" + string.Join(",", parts) + "}"),
                "object" => Gen.Frequency(
                    (3, Gen.Select(Gen.OneOf(NastyStrings(key)), Gen.OneOf(NastyStrings(key)), (k, v) => "{" + JsonSerializer.Serialize(k) + ":" + JsonSerializer.Serialize(v) + "}")),
                    (1, Gen.Select(Gen.OneOf(NastyStrings(key)), Gen.OneOf(NastyStrings(key)), (k, v) => "[{\"key\":" + JsonSerializer.Serialize(k) + ",\"value\":" + JsonSerializer.Serialize(v) + "}]"))),
                _ => anyScalar,
            };
        }

        return Gen.Frequency((6, typed), (1, anyScalar));
    }

    /// <summary>Damages JSON text: cuts it, inserts a character (raw lone surrogates, quotes, braces, NUL), wraps it.</summary>
    private static Gen<string> Damage(string json, string[] nasty) => Gen.Frequency(
        (3, Gen.Int[0, json.Length].Select(n => json[..n])),
        (3, Gen.Select(Gen.Int[0, json.Length], Gen.OneOf('\ud800', '\udc00', '"', '{', '}', '[', ']', ',', ':', '\\', '\0', '\n', '\u2028', 'x'), (n, c) => json.Insert(n, c.ToString()))),
        (2, Gen.Select(Gen.Int[0, json.Length], Gen.OneOf(nasty), (n, s) => json.Insert(n, s))),
        (1, Gen.Const(JsonSerializer.Serialize(json))),                    // double-encoded
        (1, Gen.Const("[" + json + "]")),
        (1, Gen.Const(json.Replace("\"", "'", StringComparison.Ordinal))),
        (1, Gen.Const(json + json)),
        (1, Gen.Const("/* model */ " + json.TrimEnd('}') + ",}")));
}
