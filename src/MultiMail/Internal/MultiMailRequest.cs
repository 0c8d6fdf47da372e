using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using MultiMail.Diagnostics;

namespace MultiMail.Internal;

/// <summary>
/// Builds and sends one MultiMail API request for a generated tool method. Not for direct use; generated code calls it.
/// </summary>
/// <remarks>
/// Argument problems are collected, not thrown: the request is then never sent and the tool returns one text naming
/// every problem. Route values are validated and percent-encoded so a model-supplied value can never change the
/// endpoint, and no model-supplied value is ever put in a header.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class MultiMailRequest
{
    private const string IdempotencyKeyProperty = "idempotency_key";

    private readonly MultiMailClient? _client;
    private readonly string _toolName;
    private readonly string _method;
    private readonly MultiMailToolEffect _effect;
    private readonly StringBuilder _path = new(64);
    private readonly StringBuilder _operation = new(64); // telemetry: the route template ("{mailbox_id}"), never values
    private StringBuilder? _query;
    private MemoryStream? _bodyStream;
    private Utf8JsonWriter? _body;
    private readonly ArgumentErrors _errors = new();
    private string? _idempotencyKey;
    private ClientOperation? _operationToRun;
    private bool _bodyClosed;

    /// <summary>Starts a request.</summary>
    /// <param name="client">The client to send with; <see langword="null"/> is reported as a setup error.</param>
    /// <param name="toolName">The tool name, used in texts for the model.</param>
    /// <param name="method">The HTTP method.</param>
    /// <param name="effect">What the call does; sends get idempotency keys and approval hints.</param>
    public MultiMailRequest(MultiMailClient? client, string toolName, string method, MultiMailToolEffect effect)
    {
        _client = client;
        _toolName = toolName;
        _method = method;
        _effect = effect;
        _operation.Append(method).Append(' ');
    }

    /// <summary>
    /// Hands the call to a runtime operation (from the catalog) instead of sending one request: the route, query and
    /// arguments built on this request are its input.
    /// </summary>
    /// <param name="operation">One of <see cref="ClientOperations"/>.</param>
    public void RunAs(ClientOperation operation) => _operationToRun = operation ?? throw new ArgumentNullException(nameof(operation));

    /// <summary>
    /// Whether the answer holds mail written by outside senders (<c>read_email</c>, <c>check_inbox</c>, …): its text for
    /// the model is then fenced as untrusted data (<see cref="MultiMailClientOptions.MarkUntrustedContent"/>).
    /// </summary>
    public bool ReturnsMail { get; set; }

    /// <summary>Whether an argument problem has been recorded.</summary>
    public bool HasErrors => _errors.HasAny;

    /// <summary>The JSON body writer, opened on first use with the start of the body object.</summary>
    public Utf8JsonWriter Body
    {
        get
        {
            if (_body is null)
            {
                _bodyStream = new MemoryStream(256);
                _body = new Utf8JsonWriter(_bodyStream);
                _body.WriteStartObject();
            }

            return _body;
        }
    }

    /// <summary>Appends trusted path text from the endpoint template.</summary>
    public void AppendPath(string literal)
    {
        _path.Append(literal);
        _operation.Append(literal);
    }

    /// <summary>
    /// Appends a route value. It is refused when empty, <c>.</c> or <c>..</c>, or when it contains <c>/</c>, <c>\</c>,
    /// <c>?</c>, <c>#</c> or control characters such as CR/LF; otherwise it is percent-encoded as one path segment.
    /// </summary>
    public void AppendPathValue(string wireName, string? value)
    {
        _operation.Append('{').Append(wireName).Append('}');
        if (value is null || value.Length == 0)
        {
            _errors.Add(wireName, "is required");
            return;
        }

        var problem = PathValueProblem(value);
        if (problem is not null)
        {
            _errors.Add(wireName, problem);
            return;
        }

        _path.Append(Uri.EscapeDataString(value));
    }

    /// <summary>Appends the mailbox id, falling back to <see cref="MultiMailClientOptions.DefaultMailboxId"/>.</summary>
    public void AppendMailboxId(string wireName, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            value = _client?.Options.DefaultMailboxId;
            if (string.IsNullOrWhiteSpace(value))
            {
                _operation.Append('{').Append(wireName).Append('}');
                _errors.Add(wireName, "is required: pass a mailbox id (list_mailboxes shows them), or the application must configure a default mailbox (MULTIMAIL_MAILBOX_ID)");
                return;
            }
        }

        AppendPathValue(wireName, value!.Trim());
    }

    /// <summary>Every argument problem, as one text; the client's key (should a value hold it) redacted.</summary>
    private string ErrorText() => ToolText.Redact(_errors.ToText(_toolName), _client?.Options.ApiKey);

    private ToolCall Call(string? idempotencyKey) => new(_toolName, _method, _operation.ToString(), idempotencyKey);

    /// <summary>Adds a query parameter; <see langword="null"/> is omitted.</summary>
    public void AddQuery(string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        if (_query is null)
        {
            _query = new StringBuilder(64).Append('?');
        }
        else
        {
            _query.Append('&');
        }

        _query.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
    }

    /// <summary>Sets the send's idempotency key; <see langword="null"/> lets the client derive one.</summary>
    public void SetIdempotencyKey(string? key)
    {
        if (key is null)
        {
            return;
        }

        if (key.Length is 0 or > 200)
        {
            _errors.Add(IdempotencyKeyProperty, "must be 1 to 200 characters");
            return;
        }

        _idempotencyKey = key;
    }

    /// <summary>Records a problem with an argument; the request will not be sent.</summary>
    public void AddError(string path, string problem) => _errors.Add(path, problem);

    /// <summary>Records that a required argument is missing.</summary>
    public void Missing(string path) => _errors.Add(path, "is required");

    /// <summary>Checks a string's length; a <see langword="null"/> limit checks nothing.</summary>
    public void CheckLength(string path, string? value, int? minimum = null, int? maximum = null) => _errors.CheckLength(path, value, minimum, maximum);

    /// <summary>Checks an array's item count; a <see langword="null"/> limit checks nothing.</summary>
    public void CheckCount(string path, int count, int? minimum = null, int? maximum = null) => _errors.CheckCount(path, count, minimum, maximum);

    /// <summary>Checks a number against an inclusive range.</summary>
    public void CheckRange(string path, double value, double? minimum = null, double? maximum = null) => _errors.CheckRange(path, value, minimum, maximum);

    /// <summary>Checks a string against a regular expression.</summary>
    public void CheckPattern(string path, string? value, Regex regex) => _errors.CheckPattern(path, value, regex);

    /// <summary>Checks that a string looks like an email address.</summary>
    public void CheckEmail(string path, string? value) => _errors.CheckEmail(path, value);

    /// <summary>Checks that a string is one of the contract's allowed values.</summary>
    public void CheckAllowed(string path, string? value, string[] allowed) => _errors.CheckAllowed(path, value, allowed);

    /// <summary>Sends the request and returns the text for the model. Never throws except for cancellation.</summary>
    public Task<string> ExecuteForModelAsync(CancellationToken cancellationToken)
    {
        ValidateForOperation();
        if (_errors.HasAny)
        {
            _client?.RecordRejectedArguments(Call(null), _errors.Problems.Count);
            return Task.FromResult(ErrorText());
        }

        if (_client is null)
        {
            return Task.FromResult("Error: " + _toolName + " has no MultiMailClient (the tool's client member is null). This is a setup problem in the application.");
        }

        return ExecuteForModelCoreAsync(_client, cancellationToken);
    }

    /// <summary>Sends the request and reads a typed result; errors throw <see cref="MultiMailApiException"/>.</summary>
    /// <exception cref="ArgumentException">The arguments are invalid.</exception>
    /// <exception cref="MultiMailApiException">The API answered with an error or could not be reached.</exception>
    public async Task<T> ExecuteAsync<T>(Func<JsonElement, T> read, CancellationToken cancellationToken)
    {
        if (read is null)
        {
            throw new ArgumentNullException(nameof(read));
        }

        var result = await SendForTypedResultAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(result.Body))
        {
            return read(default);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(result.Body!);
        }
        catch (Exception ex) when (ToolText.IsUnreadable(ex))
        {
            throw new MultiMailApiException(result.StatusCode, "the API answered with invalid JSON", null, ex);
        }

        using (document)
        {
            return read(document.RootElement);
        }
    }

    /// <summary>Sends the request and ignores the result; errors throw <see cref="MultiMailApiException"/>.</summary>
    /// <exception cref="ArgumentException">The arguments are invalid.</exception>
    /// <exception cref="MultiMailApiException">The API answered with an error or could not be reached.</exception>
    public async Task ExecuteAsync(CancellationToken cancellationToken)
    {
        await SendForTypedResultAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<ApiResult> SendForTypedResultAsync(CancellationToken cancellationToken)
    {
        ValidateForOperation();
        if (_errors.HasAny)
        {
            _client?.RecordRejectedArguments(Call(null), _errors.Problems.Count);
            throw new ArgumentException(ErrorText());
        }

        if (_client is null)
        {
            throw new InvalidOperationException("The tool's MultiMailClient member is null.");
        }

        var result = await SendCoreAsync(_client, cancellationToken).ConfigureAwait(false);
        if (result.IsSuccess)
        {
            return result;
        }

        throw result.Failure switch
        {
            ApiFailure.NoApiKey => new MultiMailApiException(0, "no API key is configured (set MULTIMAIL_API_KEY or MultiMailClientOptions.ApiKey)"),
            ApiFailure.MalformedApiKey => new MultiMailApiException(0, "the configured API key is malformed"),
            ApiFailure.Timeout => new MultiMailApiException(0, "the API did not answer in time"),
            ApiFailure.Network => new MultiMailApiException(0, "the API could not be reached"),
            _ => new MultiMailApiException(result.StatusCode, ToolText.ApiMessage(result.Body, _client.Options.ApiKey), result.RetryAfter),
        };
    }

    private async Task<string> ExecuteForModelCoreAsync(MultiMailClient client, CancellationToken cancellationToken)
    {
        ApiResult result;
        try
        {
            result = await SendCoreAsync(client, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // Not the API's answer and not a known transport failure (a handler in the application's pipeline threw):
            // still a text, never an exception, for a tool that returns text.
            return ToolText.Unexpected(_toolName, ex);
        }

        var options = client.Options;
        return ReturnsMail && options.MarkUntrustedContent && result.IsSuccess && !string.IsNullOrWhiteSpace(result.Body)
            ? UntrustedMailText.Fence(result.Body, options.ApiKey, options.MaxResponseCharacters)
            : ToolText.ForResult(_toolName, _effect, result, options);
    }

    private Task<ApiResult> SendCoreAsync(MultiMailClient client, CancellationToken cancellationToken)
    {
        var options = client.Options;
        var path = _path.ToString();
        string? key = null;
        if (_effect == MultiMailToolEffect.SendsEmail)
        {
            key = _idempotencyKey;
            if (key is null && options.DeriveIdempotencyKeys)
            {
                key = DeriveIdempotencyKey(path);
            }

            if (key is not null)
            {
                Body.WriteString(IdempotencyKeyProperty, key);
            }
        }

        var body = CloseBody();
        var baseText = options.BaseAddress.AbsoluteUri;
        var prefix = baseText.EndsWith("/", StringComparison.Ordinal) ? baseText.Substring(0, baseText.Length - 1) : baseText;
        var uri = new Uri(prefix + path + (_query?.ToString() ?? string.Empty), UriKind.Absolute);
        if (!uri.AbsoluteUri.StartsWith(prefix + "/", StringComparison.Ordinal))
        {
            // Unreachable with validated route values; kept as a last line of defence for the endpoint's integrity.
            return Task.FromResult(ApiResult.Failed(ApiFailure.Network));
        }

        if (_operationToRun is { } operation)
        {
            var context = new ClientOperationContext(client, Call(key), prefix, path, _query?.ToString(), OperationArguments(body));
            return client.RunOperationAsync(Call(key), operation, context, cancellationToken);
        }

        return client.SendAsync(Call(key), uri, body, cancellationToken);
    }

    /// <summary>
    /// Ends the JSON body (once) and returns it, or <see langword="null"/> when nothing was written (a GET or DELETE whose
    /// optional body fields were all omitted sends no body rather than <c>{}</c>).
    /// </summary>
    private MemoryStream? CloseBody()
    {
        if (_body is null)
        {
            return null;
        }

        if (!_bodyClosed && _method is "GET" or "DELETE" && _body.BytesCommitted + _body.BytesPending == 1)
        {
            _body.Dispose();
            _body = null;
            return null;
        }

        if (!_bodyClosed)
        {
            _body.WriteEndObject();
            _body.Flush();
            _body.Dispose();
            _bodyClosed = true;
        }

        return _bodyStream;
    }

    /// <summary>A runtime operation's own argument rules (a field one action needs), checked before anything is sent.</summary>
    private void ValidateForOperation()
    {
        if (_operationToRun is not null && !_errors.HasAny)
        {
            _operationToRun.Validate(OperationArguments(CloseBody()), _errors);
        }
    }

    /// <summary>The arguments written to the body, as a JSON object (a copy), or <c>default</c> when there are none.</summary>
    private static JsonElement OperationArguments(MemoryStream? body)
    {
        if (body is null)
        {
            return default;
        }

        using var document = JsonDocument.Parse(new ReadOnlyMemory<byte>(body.GetBuffer(), 0, (int)body.Length));
        return document.RootElement.Clone();
    }

    private string DeriveIdempotencyKey(string path)
    {
        // The key covers the method, the resolved route (mailbox and email ids) and the canonical body written so far
        // (every argument, in declaration order, nulls omitted), so only an identical call maps to the same key.
        var writer = Body;
        writer.Flush();
        var prefix = Encoding.UTF8.GetBytes("multimail-idempotency-v1\n" + _method + "\n" + path + "\n");
        using var sha = SHA256.Create();
        sha.TransformBlock(prefix, 0, prefix.Length, null, 0);
        sha.TransformFinalBlock(_bodyStream!.GetBuffer(), 0, (int)_bodyStream.Length);
        var hash = sha.Hash!;
        var text = new StringBuilder("mmg-", 36);
        for (var i = 0; i < 16; i++)
        {
            text.Append(hash[i].ToString("x2", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    private static string? PathValueProblem(string value)
    {
        if (value == "." || value == "..")
        {
            return "must be an id, not a relative path segment";
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            return "must not be blank";
        }

        if (value.Length > 512)
        {
            return "is too long for an id (at most 512 characters)";
        }

        foreach (var c in value)
        {
            if (c is '/' or '\\' or '?' or '#' || char.IsControl(c))
            {
                return "must be a plain id (no '/', '\\', '?', '#' or control characters)";
            }
        }

        return null;
    }
}
