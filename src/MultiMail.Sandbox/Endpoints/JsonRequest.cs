using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using MultiMail.Sandbox.Storage;

namespace MultiMail.Sandbox.Endpoints;

/// <summary>
/// A JSON request body read field by field, so each validation failure names the field (400 with a useful message).
/// The first problem found is kept in <see cref="Problem"/>; readers return neutral values after it.
/// </summary>
internal sealed class JsonRequest : IDisposable
{
    private readonly JsonDocument _document;

    private JsonRequest(JsonDocument document) => _document = document;

    /// <summary>The first validation problem, or <see langword="null"/>.</summary>
    public string? Problem { get; private set; }

    private JsonElement Root => _document.RootElement;

    /// <summary>Reads the body; the error is a ready 400 message when the body is not a JSON object.</summary>
    public static async Task<(JsonRequest? Request, string? Error)> ReadAsync(HttpRequest request)
    {
        try
        {
            var document = await JsonDocument.ParseAsync(request.Body, default, request.HttpContext.RequestAborted).ConfigureAwait(false);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                return (null, "The request body must be a JSON object.");
            }

            return (new JsonRequest(document), null);
        }
        catch (JsonException)
        {
            return (null, "The request body must be a JSON object (it is empty or not valid JSON).");
        }
    }

    public IEnumerable<string> PropertyNames => Root.EnumerateObject().Select(p => p.Name).ToArray();

    public bool Has(string name) => Root.TryGetProperty(name, out _);

    public void Fail(string message) => Problem ??= message;

    /// <summary>A string field; absent or <c>null</c> gives <see langword="null"/>.</summary>
    public string? String(string name, bool required = false, int maxLength = int.MaxValue, bool singleLine = false)
    {
        if (!TryGet(name, out var value))
        {
            if (required)
            {
                Fail("'" + name + "' is required.");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Fail("'" + name + "' must be a string.");
            return null;
        }

        var text = value.GetString()!;
        if (required && text.Trim().Length == 0)
        {
            Fail("'" + name + "' must not be empty.");
        }
        else if (text.Length > maxLength)
        {
            Fail("'" + name + "' is too long (" + text.Length + " characters; at most " + maxLength + ").");
        }
        else if (singleLine && text.IndexOfAny(['\r', '\n']) >= 0)
        {
            Fail("'" + name + "' must not contain line breaks.");
        }

        return text;
    }

    /// <summary>An array of bare email addresses; absent gives an empty list.</summary>
    public IReadOnlyList<string> Emails(string name, bool required = false, int maxItems = int.MaxValue)
    {
        if (!TryGet(name, out var value))
        {
            if (required)
            {
                Fail("'" + name + "' is required (an array of email addresses).");
            }

            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Fail("'" + name + "' must be an array of email addresses.");
            return [];
        }

        var list = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !Wire.IsEmail(item.GetString()!))
            {
                Fail("'" + name + "[" + list.Count + "]' is not a valid email address.");
                return [];
            }

            list.Add(item.GetString()!);
        }

        if (required && list.Count == 0)
        {
            Fail("'" + name + "' must contain at least one email address.");
        }
        else if (list.Count > maxItems)
        {
            Fail("'" + name + "' has " + list.Count + " addresses; at most " + maxItems + " are allowed.");
        }

        return list;
    }

    /// <summary>An array of strings; absent gives an empty list.</summary>
    public IReadOnlyList<string> Strings(string name)
    {
        if (!TryGet(name, out var value))
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(i => i.ValueKind != JsonValueKind.String))
        {
            Fail("'" + name + "' must be an array of strings.");
            return [];
        }

        return value.EnumerateArray().Select(i => i.GetString()!).ToArray();
    }

    public bool? Boolean(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Fail("'" + name + "' must be true or false.");
            return null;
        }

        return value.GetBoolean();
    }

    /// <summary>An object whose values are all strings (tags).</summary>
    public IReadOnlyDictionary<string, string>? StringMap(string name, bool required = false)
    {
        if (!TryGet(name, out var value))
        {
            if (required)
            {
                Fail("'" + name + "' is required (an object of string values).");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            Fail("'" + name + "' must be an object of string values.");
            return null;
        }

        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            if (property.Name.Length == 0)
            {
                Fail("'" + name + "' must not contain an empty key.");
                return null;
            }

            if (property.Value.ValueKind != JsonValueKind.String)
            {
                Fail("'" + name + "." + property.Name + "' must be a string (tag values are strings).");
                return null;
            }

            map[property.Name] = property.Value.GetString()!;
        }

        return map;
    }

    /// <summary>Attachments <c>[{name, content_base64, content_type}]</c>, all three required per item.</summary>
    public IReadOnlyList<AttachmentRecord> Attachments(string name)
    {
        if (!TryGet(name, out var value))
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Fail("'" + name + "' must be an array of {name, content_base64, content_type} objects.");
            return [];
        }

        var list = new List<AttachmentRecord>();
        foreach (var item in value.EnumerateArray())
        {
            var where = name + "[" + list.Count + "]";
            if (item.ValueKind != JsonValueKind.Object
                || !TryString(item, "name", out var fileName)
                || !TryString(item, "content_base64", out var content)
                || !TryString(item, "content_type", out var contentType))
            {
                Fail("'" + where + "' must have string fields name, content_base64 and content_type.");
                return [];
            }

            if (fileName.Trim().Length == 0 || fileName.IndexOfAny(['/', '\\', '\r', '\n', '"']) >= 0)
            {
                Fail("'" + where + ".name' must be a plain file name.");
                return [];
            }

            if (!IsBase64(content))
            {
                Fail("'" + where + ".content_base64' is not valid base64.");
                return [];
            }

            if (list.Any(a => string.Equals(a.Name, fileName, StringComparison.Ordinal)))
            {
                Fail("'" + where + ".name' repeats an earlier attachment's name (attachments are addressed by name).");
                return [];
            }

            list.Add(new AttachmentRecord(fileName, contentType, content));
        }

        return list;
    }

    public void Dispose() => _document.Dispose();

    /// <summary>The field's value; an explicit JSON <c>null</c> counts as absent (the PATCH reader asks <see cref="Has"/> to tell them apart).</summary>
    private bool TryGet(string name, out JsonElement value) =>
        Root.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    private static bool TryString(JsonElement item, string name, out string value)
    {
        value = string.Empty;
        if (!item.TryGetProperty(name, out var property) || property.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        value = property.GetString()!;
        return true;
    }

    private static bool IsBase64(string text)
    {
        var buffer = new byte[((text.Length * 3) / 4) + 3];
        return Convert.TryFromBase64String(text, buffer, out _);
    }
}
