using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using MultiMail.Sandbox.Oversight;
using MultiMail.Sandbox.Storage;

namespace MultiMail.Sandbox.Endpoints;

/// <summary>
/// A JSON request body read field by field, so each validation failure names the field (400 with a useful message).
/// The first problem found is kept in <see cref="Problem"/>; readers return neutral values after it.
/// </summary>
internal sealed class JsonRequest : IDisposable
{
    /// <summary>The largest attachment accepted, decoded (10 MiB).</summary>
    public const int MaxAttachmentBytes = 10 * 1024 * 1024;

    /// <summary>The most attachment bytes one email may carry, decoded (20 MiB; base64 of that fits Kestrel's 30 MB body limit).</summary>
    public const int MaxTotalAttachmentBytes = 20 * 1024 * 1024;

    private readonly JsonDocument _document;

    private JsonRequest(JsonDocument document) => _document = document;

    /// <summary>The first validation problem (400, or 413 for size caps), or <see langword="null"/>.</summary>
    public ServiceError? Problem { get; private set; }

    private JsonElement Root => _document.RootElement;

    /// <summary>Reads the body; the error is a ready 400 when the body is not a JSON object, 413 when it is too large.</summary>
    public static async Task<(JsonRequest? Request, ServiceError? Error)> ReadAsync(HttpRequest request)
    {
        try
        {
            var document = await JsonDocument.ParseAsync(request.Body, default, request.HttpContext.RequestAborted).ConfigureAwait(false);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                return (null, new ServiceError(400, "The request body must be a JSON object."));
            }

            return (new JsonRequest(document), null);
        }
        catch (JsonException)
        {
            return (null, new ServiceError(400, "The request body must be a JSON object (it is empty or not valid JSON)."));
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, new ServiceError(413, "The request body is too large (the limit is 30,000,000 bytes; attachments may carry at most 20 MiB)."));
        }
    }

    public IEnumerable<string> PropertyNames => Root.EnumerateObject().Select(p => p.Name).ToArray();

    public bool Has(string name) => Root.TryGetProperty(name, out _);

    public void Fail(string message, int status = StatusCodes.Status400BadRequest) => Problem ??= new ServiceError(status, message);

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
        long total = 0;
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

            if (!IsMediaType(contentType))
            {
                Fail("'" + where + ".content_type' must be a media type such as text/csv or application/pdf (type/subtype, optional parameters, printable ASCII only).");
                return [];
            }

            var size = Base64Length(content);
            if (size < 0)
            {
                Fail("'" + where + ".content_base64' is not valid base64.");
                return [];
            }

            if (size > MaxAttachmentBytes)
            {
                Fail("'" + where + "' is too large (" + size + " bytes; at most " + MaxAttachmentBytes + " per attachment).", StatusCodes.Status413PayloadTooLarge);
                return [];
            }

            total += size;
            if (total > MaxTotalAttachmentBytes)
            {
                Fail("'" + where + "' brings the attachments over " + MaxTotalAttachmentBytes + " bytes in total.", StatusCodes.Status413PayloadTooLarge);
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

    /// <summary>The decoded length of valid base64, or -1.</summary>
    private static int Base64Length(string text)
    {
        var buffer = new byte[((text.Length * 3) / 4) + 3];
        return Convert.TryFromBase64String(text, buffer, out var written) ? written : -1;
    }

    /// <summary>A media type a <c>Content-Type</c> header can carry as is: <c>type/subtype</c>, optional parameters, printable ASCII.</summary>
    internal static bool IsMediaType(string text) =>
        text.Length is > 0 and <= 255
        && text.All(c => c is >= ' ' and <= '~')
        && MediaTypeHeaderValue.TryParse(text, out var parsed)
        && parsed.MediaType is { } mediaType
        && mediaType.IndexOf('/') is > 0 and var slash
        && slash < mediaType.Length - 1;
}
