using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.Text.Json;

namespace MultiMail.Internal;

/// <summary>Reads one item of an array argument.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate T ArgumentReader<T>(ToolArguments arguments, JsonElement element, string path);

/// <summary>
/// Parses and validates a model's JSON arguments for a generated <c>InvokeAsync</c>. Not for direct use; generated code
/// calls it. Problems are collected (each naming the parameter and what is expected) rather than thrown.
/// </summary>
/// <remarks>
/// It is deliberately forgiving where a model's intent is unambiguous: a JSON string holding the arguments object
/// (double-encoded arguments), numbers and booleans sent as strings, and a single value where an array is expected.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ToolArguments : IDisposable
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 64,
    };

    private readonly string _toolName;
    private readonly bool _lenient;
    private readonly List<JsonDocument> _documents = new(1);
    private readonly JsonElement _root;
    private readonly IReadOnlyDictionary<string, object?>? _dictionary;
    private readonly ArgumentErrors _errors = new();

    private ToolArguments(string toolName, bool lenient = false)
    {
        _toolName = toolName;
        _lenient = lenient;
    }

    private ToolArguments(string toolName, JsonDocument document, JsonElement root)
    {
        _toolName = toolName;
        _documents.Add(document);
        _root = root;
    }

    private ToolArguments(string toolName, IReadOnlyDictionary<string, object?> dictionary)
    {
        _toolName = toolName;
        _dictionary = dictionary;
    }

    /// <summary>Whether any problem was found.</summary>
    public bool HasErrors => _errors.HasAny;

    /// <summary>Whether the arguments could not be read at all (not JSON, or not a JSON object).</summary>
    public bool HasFatalError { get; private set; }

    /// <summary>The text for the model that lists every problem.</summary>
    public string ErrorText => _errors.ToText(_toolName);

    /// <summary>The problems as a tool result: <see cref="ErrorText"/>, an invalid-arguments error.</summary>
    public MultiMailToolResult ErrorResult => _errors.ToResult(_toolName);

    /// <summary>
    /// Refuses the call before the tool method runs: the result that lists every problem (the client's key, should a
    /// model have sent it, is redacted), and the refusal recorded on <paramref name="client"/> as one
    /// <c>execute_tool</c> span and one log event, like arguments the request itself refuses.
    /// </summary>
    /// <param name="client">The client the tool calls through; <see langword="null"/> records nothing.</param>
    /// <param name="operation">The tool's operation (method and route template).</param>
    public MultiMailToolResult Reject(MultiMailClient? client, MultiMailOperation operation)
    {
        if (client is null)
        {
            return ErrorResult;
        }

        client.RecordRejectedArguments(new Diagnostics.ToolCall(_toolName, operation.Method, operation.Name, null), _errors.Problems.Count);
        return new MultiMailToolResult(ToolText.Redact(ErrorText, client.Options.ApiKey), MultiMailToolErrorKind.InvalidArguments);
    }

    /// <summary>Parses the arguments and reports unknown parameter names.</summary>
    /// <param name="toolName">The tool, for messages.</param>
    /// <param name="json">The arguments JSON; empty means no arguments.</param>
    /// <param name="parameterNames">The parameter names the model may send.</param>
    public static ToolArguments Parse(string toolName, string? json, string[] parameterNames)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new ToolArguments(toolName);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json!, DocumentOptions);
        }
        catch (JsonException ex)
        {
            var failed = new ToolArguments(toolName) { HasFatalError = true };
            failed.AddProblem("the arguments are not valid JSON (" + FirstSentence(ex.Message) + "); send a JSON object such as {\"name\": \"value\"}");
            return failed;
        }
        catch (ArgumentException)
        {
            // The .NET string itself holds a lone UTF-16 surrogate, so it is not text and cannot become UTF-8.
            var failed = new ToolArguments(toolName) { HasFatalError = true };
            failed.AddProblem("the arguments are not valid text (they contain a lone UTF-16 surrogate, half of a character); send them again without it");
            return failed;
        }

        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.String)
        {
            // Double-encoded arguments: a JSON string that holds the object.
            var inner = TextOf(root);
            if (!string.IsNullOrWhiteSpace(inner) && inner!.TrimStart().StartsWith("{", StringComparison.Ordinal))
            {
                try
                {
                    var innerDocument = JsonDocument.Parse(inner, DocumentOptions);
                    document.Dispose();
                    document = innerDocument;
                    root = document.RootElement;
                }
                catch (JsonException)
                {
                }
            }
        }

        if (root.ValueKind == JsonValueKind.Null)
        {
            document.Dispose();
            return new ToolArguments(toolName);
        }

        var arguments = new ToolArguments(toolName, document, root);
        if (root.ValueKind != JsonValueKind.Object)
        {
            arguments.HasFatalError = true;
            arguments.AddProblem("the arguments must be a JSON object, not " + Describe(root.ValueKind));
            return arguments;
        }

        if (MayHoldLoneSurrogates(json!) && !arguments.CheckText(root, null))
        {
            arguments.HasFatalError = true;
            return arguments;
        }

        arguments.CheckUnknownProperties(root, null, parameterNames ?? Array.Empty<string>());
        return arguments;
    }

    /// <summary>
    /// Reads arguments a framework already parsed into a dictionary, without writing them to JSON and parsing them
    /// again: <see cref="JsonElement"/> values are read as they are; other values (strings, numbers, lists, …) are
    /// converted one by one, as <see cref="AdapterArguments.ToJson"/> writes them. Unknown names are reported as
    /// <see cref="Parse"/> reports them.
    /// </summary>
    /// <param name="toolName">The tool, for messages.</param>
    /// <param name="arguments">The arguments by name.</param>
    /// <param name="parameterNames">The parameter names the model may send.</param>
    public static ToolArguments FromDictionary(string toolName, IReadOnlyDictionary<string, object?> arguments, string[] parameterNames)
    {
        if (arguments is null)
        {
            throw new ArgumentNullException(nameof(arguments));
        }

        var result = new ToolArguments(toolName, arguments);
        parameterNames ??= Array.Empty<string>();

        // Every key a parameter name: no enumeration (and no enumerator) needed.
        var known = 0;
        foreach (var name in parameterNames)
        {
            if (arguments.ContainsKey(name))
            {
                known++;
            }
        }

        if (known != arguments.Count)
        {
            List<string>? unknown = null;
            foreach (var pair in arguments)
            {
                if (Array.IndexOf(parameterNames, pair.Key) < 0)
                {
                    (unknown ??= new List<string>()).Add(pair.Key);
                }
            }

            if (unknown is not null)
            {
                result.ReportUnknown(unknown, null, parameterNames);
            }
        }

        return result;
    }

    /// <summary>
    /// Creates a reader for API responses read into typed results: unknown properties are ignored, missing ones keep
    /// their defaults, and values of the wrong type are skipped instead of reported.
    /// </summary>
    public static ToolArguments CreateLenient() => new(string.Empty, lenient: true);

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var document in _documents)
        {
            document.Dispose();
        }

        _documents.Clear();
    }

    /// <summary>Records a problem with an argument.</summary>
    public void AddError(string path, string problem)
    {
        if (!_lenient)
        {
            _errors.Add(path, problem);
        }
    }

    /// <summary>Finds a top-level argument. Missing and JSON <c>null</c> count as absent.</summary>
    public bool TryGet(string name, bool required, string expected, out JsonElement value)
    {
        if (HasFatalError)
        {
            // Arguments that could not be read at all: that one problem is the text; nothing is "missing" besides.
            value = default;
            return false;
        }

        if (_dictionary is not null)
        {
            if (TryGetFromDictionary(name, out value))
            {
                return true;
            }
        }
        else if (_root.ValueKind == JsonValueKind.Object && _root.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        value = default;
        if (required)
        {
            AddError(name, "is required (" + expected + ")");
        }

        return false;
    }

    /// <summary>A top-level string argument (numbers and booleans as their text); <see langword="null"/> when absent.</summary>
    public string? String(string name, bool required, string expected) =>
        TryGet(name, required, expected, out var value) ? ReadString(value, name, "a string") : null;

    /// <summary>A top-level array-of-strings argument (one string counts as one item); <see langword="null"/> when absent.</summary>
    public string[]? StringArray(string name, bool required, string expected) =>
        TryGet(name, required, expected, out var value) ? ReadArray(value, name, StringItem) : null;

    /// <summary>A top-level whole-number argument within the parameter type's range; <paramref name="fallback"/> when absent.</summary>
    public long Int64(string name, bool required, string expected, long fallback, long minimum, long maximum) =>
        TryGet(name, required, expected, out var value) ? ReadInt64(value, name, minimum, maximum) : fallback;

    /// <summary>A top-level boolean argument; <paramref name="fallback"/> when absent.</summary>
    public bool Boolean(string name, bool required, string expected, bool fallback) =>
        TryGet(name, required, expected, out var value) ? ReadBoolean(value, name) : fallback;

    private static readonly ArgumentReader<string> StringItem = static (arguments, item, path) => arguments.ReadString(item, path, "a string");

    /// <summary>Finds a property of a nested object. Missing and JSON <c>null</c> count as absent.</summary>
    public bool TryGetProperty(JsonElement obj, string path, string name, bool required, string expected, out JsonElement value)
    {
        if (obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        value = default;
        if (required)
        {
            AddError(ArgumentErrors.PropertyPath(path, name), "is required (" + expected + ")");
        }

        return false;
    }

    /// <summary>Checks that a value is a JSON object; with <paramref name="knownNames"/> also reports unknown properties.</summary>
    public bool ExpectObject(ref JsonElement element, string path, string expected, string[]? knownNames)
    {
        if (element.ValueKind == JsonValueKind.String && TryReparse(element, JsonValueKind.Object, path, out var reparsed))
        {
            element = reparsed;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            AddError(path, "must be " + expected + " (got " + Describe(element.ValueKind) + ")");
            return false;
        }

        if (knownNames is not null && !_lenient)
        {
            CheckUnknownProperties(element, path, knownNames);
        }

        return true;
    }

    /// <summary>Reads a string. Numbers and booleans are taken as their text.</summary>
    public string ReadString(JsonElement element, string path, string expected)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String when TextOf(element) is { } text:
                return text;
            case JsonValueKind.Number:
                return element.GetRawText();
            case JsonValueKind.True:
                return "true";
            case JsonValueKind.False:
                return "false";
            default:
                AddError(path, "must be " + expected + " (got " + Describe(element.ValueKind) + ")");
                return string.Empty;
        }
    }

    /// <summary>Reads one of a fixed set of strings (an enum); matching ignores case and returns the canonical value.</summary>
    public string ReadChoice(JsonElement element, string path, string[] allowed)
    {
        string? text = element.ValueKind switch
        {
            JsonValueKind.String => TextOf(element),
            JsonValueKind.Number => element.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
        if (text is not null)
        {
            foreach (var candidate in allowed)
            {
                if (string.Equals(candidate, text, StringComparison.OrdinalIgnoreCase))
                {
                    return candidate;
                }
            }
        }

        AddError(path, ArgumentErrors.MustBeOneOf(allowed, Shown(element)));
        return allowed.Length > 0 ? allowed[0] : string.Empty;
    }

    /// <summary>Reads a boolean; the strings <c>true</c>/<c>false</c> are accepted.</summary>
    public bool ReadBoolean(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.String when bool.TryParse(TextOf(element), out var parsed):
                return parsed;
            default:
                AddError(path, "must be a boolean, true or false (got " + Shown(element) + ")");
                return false;
        }
    }

    /// <summary>Reads a whole number within the range of the parameter's C# type.</summary>
    public long ReadInt64(JsonElement element, string path, long minimum, long maximum)
    {
        long value;
        if (element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out value))
        {
        }
        else if (element.ValueKind == JsonValueKind.String
            && long.TryParse(TextOf(element), NumberStyles.Integer, CultureInfo.InvariantCulture, out value))
        {
        }
        else if (element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out var d) && d == Math.Floor(d) && d >= long.MinValue && d <= long.MaxValue)
        {
            value = (long)d;
        }
        else
        {
            AddError(path, "must be a whole number (got " + Shown(element) + ")");
            return 0;
        }

        if (value < minimum || value > maximum)
        {
            AddError(path, "must be between " + minimum.ToString(CultureInfo.InvariantCulture) + " and " + maximum.ToString(CultureInfo.InvariantCulture) + " (got " + value.ToString(CultureInfo.InvariantCulture) + ")");
            return 0;
        }

        return value;
    }

    /// <summary>Reads a non-negative whole number up to <paramref name="maximum"/>.</summary>
    public ulong ReadUInt64(JsonElement element, string path, ulong maximum)
    {
        ulong value;
        if (element.ValueKind == JsonValueKind.Number && element.TryGetUInt64(out value))
        {
        }
        else if (element.ValueKind == JsonValueKind.String
            && ulong.TryParse(TextOf(element), NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
        }
        else
        {
            AddError(path, "must be a whole number of at least 0 (got " + Shown(element) + ")");
            return 0;
        }

        if (value > maximum)
        {
            AddError(path, "must be at most " + maximum.ToString(CultureInfo.InvariantCulture) + " (got " + value.ToString(CultureInfo.InvariantCulture) + ")");
            return 0;
        }

        return value;
    }

    /// <summary>Reads a finite number.</summary>
    public double ReadDouble(JsonElement element, string path)
    {
        double value;
        if (element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out value))
        {
        }
        else if (element.ValueKind == JsonValueKind.String
            && double.TryParse(TextOf(element), NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
        }
        else
        {
            AddError(path, "must be a number (got " + Shown(element) + ")");
            return 0;
        }

        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            AddError(path, "must be a finite number");
            return 0;
        }

        return value;
    }

    /// <summary>Reads a decimal number.</summary>
    public decimal ReadDecimal(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Number && element.TryGetDecimal(out var value))
        {
            return value;
        }

        if (element.ValueKind == JsonValueKind.String
            && decimal.TryParse(TextOf(element), NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return value;
        }

        AddError(path, "must be a number (got " + Shown(element) + ")");
        return 0;
    }

    /// <summary>Reads an ISO-8601 date and time; without an offset it is taken as UTC.</summary>
    public DateTimeOffset ReadDateTimeOffset(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(TextOf(element), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            return value;
        }

        AddError(path, "must be an ISO-8601 date-time such as 2026-03-15T14:00:00Z (got " + Shown(element) + ")");
        return default;
    }

    /// <summary>Reads an ISO-8601 date and time as UTC.</summary>
    public DateTime ReadDateTime(JsonElement element, string path) => ReadDateTimeOffset(element, path).UtcDateTime;

    /// <summary>Reads a GUID.</summary>
    public Guid ReadGuid(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.String && Guid.TryParse(TextOf(element), out var value))
        {
            return value;
        }

        AddError(path, "must be a UUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301 (got " + Shown(element) + ")");
        return default;
    }

    /// <summary>Reads an absolute URI.</summary>
    public Uri ReadUri(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.String && Uri.TryCreate(TextOf(element), UriKind.Absolute, out var value))
        {
            return value;
        }

        AddError(path, "must be an absolute URI such as https://example.com/page (got " + Shown(element) + ")");
        return new Uri("about:blank");
    }

    /// <summary>Reads a JSON value as is.</summary>
    public JsonElement ReadElement(JsonElement element) => element.Clone();

    /// <summary>
    /// Reads an array. A single value where an array is expected counts as a one-item array, and a JSON string that
    /// holds an array is unwrapped.
    /// </summary>
    public T[] ReadArray<T>(JsonElement element, string path, ArgumentReader<T> readItem)
    {
        if (readItem is null)
        {
            throw new ArgumentNullException(nameof(readItem));
        }

        if (element.ValueKind == JsonValueKind.String && TryReparse(element, JsonValueKind.Array, path, out var reparsed))
        {
            element = reparsed;
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            return new[] { readItem(this, element, path + "[0]") };
        }

        var items = new T[element.GetArrayLength()];
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            items[index] = readItem(this, item, ArgumentErrors.ItemPath(path, index));
            index++;
        }

        return items;
    }

    /// <summary>Reads an array whose items may be <see langword="null"/>.</summary>
    public T?[] ReadArrayOfNullable<T>(JsonElement element, string path, ArgumentReader<T> readItem)
    {
        return ReadArray<T?>(element, path, (arguments, item, itemPath) => item.ValueKind == JsonValueKind.Null ? default : readItem(arguments, item, itemPath));
    }

    /// <summary>
    /// Reads a string-to-string map: a JSON object, or (the OpenAI strict form) an array of
    /// <c>{"key": …, "value": …}</c> objects.
    /// </summary>
    public Dictionary<string, string> ReadStringMap(JsonElement element, string path)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (element.ValueKind == JsonValueKind.String && TryReparse(element, JsonValueKind.Object, path, out var reparsed))
        {
            element = reparsed;
        }

        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (NameOf(property) is { } name)
                {
                    map[name] = ReadString(property.Value, ArgumentErrors.PropertyPath(path, name), "a string");
                }
            }

            return map;
        }

        if (element.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                var itemPath = ArgumentErrors.ItemPath(path, index);
                if (item.ValueKind == JsonValueKind.Object
                    && item.TryGetProperty("key", out var key) && TextOf(key) is { } keyText
                    && item.TryGetProperty("value", out var value))
                {
                    map[keyText] = ReadString(value, itemPath + ".value", "a string");
                    foreach (var extra in item.EnumerateObject())
                    {
                        if (extra.Name is not ("key" or "value"))
                        {
                            AddError(ArgumentErrors.PropertyPath(itemPath, ToolText.Clip(ToolText.OneLine(extra.Name), 64)), "is unknown (a pair has only \"key\" and \"value\")");
                        }
                    }
                }
                else
                {
                    AddError(itemPath, "must be an object with \"key\" and \"value\" strings");
                }

                index++;
            }

            return map;
        }

        AddError(path, "must be an object of string values, such as {\"priority\": \"high\"} (got " + Describe(element.ValueKind) + ")");
        return map;
    }

    private bool TryGetFromDictionary(string name, out JsonElement value)
    {
        value = default;
        if (!_dictionary!.TryGetValue(name, out var raw) || raw is null)
        {
            return false;
        }

        if (raw is JsonElement element)
        {
            value = element;
        }
        else
        {
            // A plain .NET value (Semantic Kernel, direct calls): written as the JSON the model would have sent.
            var document = AdapterArguments.ToDocument(raw);
            _documents.Add(document);
            value = document.RootElement;
        }

        return value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);
    }

    private void CheckUnknownProperties(JsonElement obj, string? path, string[] knownNames)
    {
        List<string>? unknown = null;
        foreach (var property in obj.EnumerateObject())
        {
            if (Array.IndexOf(knownNames, property.Name) < 0)
            {
                (unknown ??= new List<string>()).Add(property.Name);
            }
        }

        if (unknown is not null)
        {
            ReportUnknown(unknown, path, knownNames);
        }
    }

    private void ReportUnknown(List<string> unknown, string? path, string[] knownNames)
    {
        foreach (var name in unknown)
        {
            var display = ToolText.Clip(ToolText.OneLine(name), 64);
            var expected = knownNames.Length == 0 ? "this takes no parameters" : "expected one of: " + string.Join(", ", knownNames);
            AddProblem("unknown parameter '" + (path is null ? display : ArgumentErrors.PropertyPath(path, display)) + "' (" + expected + ")");
        }
    }

    private bool TryReparse(JsonElement element, JsonValueKind kind, string path, out JsonElement reparsed)
    {
        reparsed = default;
        var text = TextOf(element);
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var first = text!.TrimStart()[0];
        if ((kind == JsonValueKind.Array && first != '[') || (kind == JsonValueKind.Object && first != '{'))
        {
            return false;
        }

        try
        {
            var document = JsonDocument.Parse(text, DocumentOptions);
            if (document.RootElement.ValueKind != kind || (MayHoldLoneSurrogates(text) && !CheckText(document.RootElement, path)))
            {
                document.Dispose();
                return false;
            }

            _documents.Add(document);
            reparsed = document.RootElement;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// Whether JSON text may hold a lone UTF-16 surrogate escape (<c>\ud800</c> without its pair): valid JSON syntax,
    /// but not text, so System.Text.Json throws when it reads, compares or copies it. Only text with a <c>\u</c>
    /// escape can.
    /// </summary>
    private static bool MayHoldLoneSurrogates(string json) => json.IndexOf("\\u", StringComparison.Ordinal) >= 0;

    /// <summary>
    /// Records every string and property name under <paramref name="element"/> that holds a lone surrogate escape;
    /// false when there is one. Run once on a document that may hold one, so no reader meets it afterwards.
    /// </summary>
    private bool CheckText(JsonElement element, string? path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String when TextOf(element) is null:
                AddError(path ?? "the arguments", LoneSurrogate);
                return false;
            case JsonValueKind.Object:
                var ok = true;
                foreach (var property in element.EnumerateObject())
                {
                    if (NameOf(property) is not { } name)
                    {
                        if (path is null)
                        {
                            AddProblem("unknown parameter: its name " + LoneSurrogate);
                        }
                        else
                        {
                            AddError(path, "has a property whose name " + LoneSurrogate);
                        }

                        ok = false;
                    }
                    else
                    {
                        ok &= CheckText(property.Value, ArgumentErrors.PropertyPath(path, ToolText.Clip(ToolText.OneLine(name), 64)));
                    }
                }

                return ok;
            case JsonValueKind.Array:
                var valid = true;
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    valid &= CheckText(item, ArgumentErrors.ItemPath(path ?? string.Empty, index++));
                }

                return valid;
            default:
                return true;
        }
    }

    private const string LoneSurrogate = "contains a lone UTF-16 surrogate (an unpaired \\ud800-\\udfff escape, half of a character), which is not text; send it without that escape";

    /// <summary>A JSON string's text; <see langword="null"/> when it holds a lone surrogate escape.</summary>
    private static string? TextOf(JsonElement element)
    {
        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>A property's name; <see langword="null"/> when it holds a lone surrogate escape.</summary>
    private static string? NameOf(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private void AddProblem(string problem)
    {
        if (!_lenient)
        {
            _errors.AddProblem(problem);
        }
    }

    private static string Shown(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => TextOf(element) is { } text ? ArgumentErrors.Quoted(text, 60) : "a string with a lone UTF-16 surrogate",
        JsonValueKind.Number => ToolText.Clip(element.GetRawText(), 40),
        _ => Describe(element.ValueKind),
    };

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string FirstSentence(string message)
    {
        var text = ToolText.OneLine(message);
        var dot = text.IndexOf(". ", StringComparison.Ordinal);
        return ToolText.Clip(dot > 0 ? text.Substring(0, dot) : text, 160);
    }
}
