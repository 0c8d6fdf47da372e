using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace MultiMail.Internal;

/// <summary>
/// wait_for_email, as the vendor's MCP server does it on the client side (API.md §3.2): note the newest email
/// (<c>GET …/emails?limit=1</c>), then every few seconds ask for unread mail newer than it
/// (<c>since_id</c>, <c>status=unread</c>, <c>limit=5</c>, the optional filters) until some arrives or the timeout passes.
/// </summary>
internal sealed class WaitForEmailOperation : ClientOperation
{
    internal const int DefaultTimeoutSeconds = 30;
    internal const int MinimumTimeoutSeconds = 5;
    internal const int MaximumTimeoutSeconds = 120;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(3);

    internal override async Task<ApiResult> RunAsync(ClientOperationContext context, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromSeconds(TimeoutSeconds(context.Arguments));
        var started = Stopwatch.StartNew();
        var filter = context.Arguments.ValueKind == JsonValueKind.Object && context.Arguments.TryGetProperty("filter", out var f) ? f : default;

        var baseline = await context.SendAsync("GET", string.Empty, "?limit=1", null, cancellationToken).ConfigureAwait(false);
        if (!baseline.IsSuccess)
        {
            return baseline;
        }

        var sinceId = NewestId(baseline.Body);
        var query = PollQuery(sinceId, StringArgument(filter, "sender"), StringArgument(filter, "subject_contains"));
        var lastPoll = false;
        while (true)
        {
            var poll = await context.SendAsync("GET", string.Empty, query, null, cancellationToken).ConfigureAwait(false);
            if (!poll.IsSuccess)
            {
                return poll;
            }

            if (Found(poll.Body) is { } emails)
            {
                return new ApiResult(200, emails, null, ApiFailure.None);
            }

            // The last poll happens at the deadline. Task.Delay truncates a wait to whole milliseconds (a wait shorter
            // than one would not wait at all) and a timer may fire a little before the stopwatch reaches the deadline,
            // so the remaining time is rounded up and the poll after it is the last one, whatever the stopwatch says.
            var remaining = timeout - started.Elapsed;
            if (lastPoll || remaining <= TimeSpan.Zero)
            {
                var waited = Math.Max((int)Math.Round(started.Elapsed.TotalSeconds), (int)timeout.TotalSeconds);
                return new ApiResult(200, "{\"found\":false,\"timeout\":true,\"waited_seconds\":" + waited.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}", null, ApiFailure.None);
            }

            lastPoll = remaining <= PollInterval;
            var wait = lastPoll ? TimeSpan.FromMilliseconds(Math.Ceiling(remaining.TotalMilliseconds)) : PollInterval;
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The timeout argument (the generated code already checked 5-120), or the default.</summary>
    internal static int TimeoutSeconds(JsonElement arguments)
    {
        if (arguments.ValueKind == JsonValueKind.Object && arguments.TryGetProperty("timeout_seconds", out var value) && value.TryGetInt32(out var seconds))
        {
            return Math.Min(Math.Max(seconds, MinimumTimeoutSeconds), MaximumTimeoutSeconds);
        }

        return DefaultTimeoutSeconds;
    }

    private static string PollQuery(string? sinceId, string? sender, string? subjectContains)
    {
        var query = new StringBuilder("?");
        if (sinceId is not null)
        {
            query.Append("since_id=").Append(Uri.EscapeDataString(sinceId)).Append('&');
        }

        query.Append("status=unread&limit=5");
        if (!string.IsNullOrEmpty(sender))
        {
            query.Append("&sender=").Append(Uri.EscapeDataString(sender));
        }

        if (!string.IsNullOrEmpty(subjectContains))
        {
            query.Append("&subject_contains=").Append(Uri.EscapeDataString(subjectContains));
        }

        return query.ToString();
    }

    /// <summary>The id of the first email of a list answer, or <see langword="null"/> (no mail yet, or an answer without ids).</summary>
    private static string? NewestId(string? body)
    {
        try
        {
            using var document = JsonDocument.Parse(body ?? "{}");
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("emails", out var emails) && emails.ValueKind == JsonValueKind.Array
                && emails.GetArrayLength() > 0 && emails[0].ValueKind == JsonValueKind.Object
                && emails[0].TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary><c>{"found":true,"emails":[…]}</c> when the answer lists mail, else <see langword="null"/>.</summary>
    private static string? Found(string? body)
    {
        try
        {
            using var document = JsonDocument.Parse(body ?? "{}");
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("emails", out var emails) || emails.ValueKind != JsonValueKind.Array || emails.GetArrayLength() == 0)
            {
                return null;
            }

            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                writer.WriteBoolean("found", true);
                writer.WritePropertyName("emails");
                emails.WriteTo(writer);
                writer.WriteEndObject();
            }

            return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>
/// download_attachment: <c>GET …/attachments/{filename}</c>, whose answer is the file's bytes (API.md §2.5), returned as
/// <c>{filename, content_type, size_bytes, content_base64}</c>. A JSON answer (the contract also allows an inline or
/// presigned-URL document) is passed on as it is.
/// </summary>
internal sealed class DownloadAttachmentOperation : ClientOperation
{
    /// <summary>Files above this size are described but not returned inline (the sandbox's attachment limit is 10 MiB).</summary>
    internal const int MaxInlineBytes = 10 * 1024 * 1024;

    internal override Task<ApiResult> RunAsync(ClientOperationContext context, CancellationToken cancellationToken)
    {
        var slash = context.Path.LastIndexOf('/');
        var filename = Uri.UnescapeDataString(context.Path.Substring(slash + 1));
        return context.SendAsync("GET", string.Empty, null, null, cancellationToken, (content, token) => ReadAsync(filename, content, token));
    }

    private static async Task<string> ReadAsync(string filename, HttpContent content, CancellationToken cancellationToken)
    {
        var mediaType = content.Headers.ContentType?.MediaType ?? "application/octet-stream";
#if NET8_0_OR_GREATER
        var bytes = await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
#else
        var bytes = await content.ReadAsByteArrayAsync().ConfigureAwait(false);
#endif
        if (string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Encoding.UTF8.GetString(bytes);
        }

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("filename", filename);
            writer.WriteString("content_type", mediaType);
            writer.WriteNumber("size_bytes", bytes.Length);
            if (bytes.Length <= MaxInlineBytes)
            {
                writer.WriteBase64String("content_base64", bytes);
            }
            else
            {
                writer.WriteString("note", "The file is larger than " + (MaxInlineBytes / 1024 / 1024) + " MiB, too large to return inline.");
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }
}

/// <summary>One value of an action argument: the endpoint suffix it calls and the argument it needs (forwarded as the body).</summary>
internal sealed class ActionRoute
{
    public ActionRoute(string action, string suffix, string? field)
    {
        Action = action;
        Suffix = suffix;
        Field = field;
    }

    public string Action { get; }

    /// <summary>Appended to the route, for example <c>/request-upgrade</c>.</summary>
    public string Suffix { get; }

    /// <summary>The one argument this action needs and sends as <c>{field: value}</c>, or <see langword="null"/> (no body).</summary>
    public string? Field { get; }
}

/// <summary>
/// A tool whose <c>action</c> argument chooses the endpoint (the vendor's manage_upgrade and manage_spam_status): one
/// <c>POST</c> to the route plus the action's suffix, with the action's field as the body.
/// </summary>
internal sealed class ActionOperation : ClientOperation
{
    private const string ActionField = "action";
    private readonly ActionRoute[] _routes;

    public ActionOperation(params ActionRoute[] routes) => _routes = routes;

    internal override void Validate(JsonElement arguments, ArgumentErrors errors)
    {
        if (Route(arguments) is { Field: { } field } route && StringArgument(arguments, field) is null)
        {
            errors.Add(field, "is required when action is " + route.Action);
        }
    }

    internal override Task<ApiResult> RunAsync(ClientOperationContext context, CancellationToken cancellationToken)
    {
        var route = Route(context.Arguments);
        if (route is null)
        {
            // Unreachable through generated code (the action is required and one of the catalog's values).
            return Task.FromResult(new ApiResult(400, "{\"error\":\"action must be one of the tool's actions\"}", null, ApiFailure.None));
        }

        MemoryStream? body = null;
        if (route.Field is { } field)
        {
            var value = StringArgument(context.Arguments, field);
            if (value is null)
            {
                return Task.FromResult(new ApiResult(400, "{\"error\":\"" + field + " is required when action is " + route.Action + "\"}", null, ApiFailure.None));
            }

            body = new MemoryStream();
            using (var writer = new Utf8JsonWriter(body))
            {
                writer.WriteStartObject();
                writer.WriteString(field, value);
                writer.WriteEndObject();
            }
        }

        return context.SendAsync("POST", route.Suffix, null, body, cancellationToken);
    }

    private ActionRoute? Route(JsonElement arguments)
    {
        var action = StringArgument(arguments, ActionField);
        foreach (var route in _routes)
        {
            if (route.Action == action)
            {
                return route;
            }
        }

        return null;
    }
}
