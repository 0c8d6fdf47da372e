using System;
using System.Buffers;
using System.Collections.Generic;
using System.ComponentModel;
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
/// endpoint, and no model-supplied value is ever put in a header. The body is written into a pooled buffer that goes
/// back to the pool once the response has been read.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class MultiMailRequest
{
    private const string IdempotencyKeyProperty = "idempotency_key";
    private const int InlinePathPieces = 6;

    private static readonly byte[] IdempotencyPrefix = Encoding.UTF8.GetBytes("multimail-idempotency-v1\n");

    // One Utf8JsonWriter per thread, reset onto each request's pooled buffer: the body is written synchronously while
    // the request is built, and the writer is handed back before anything is awaited.
    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private readonly MultiMailClient? _client;
    private readonly MultiMailOperation? _operation;
    private readonly string _toolName;
    private readonly string _method;
    private readonly MultiMailToolEffect _effect;
    private readonly StringBuilder? _legacyOperation; // the route template, built as the path is appended (old constructor only)
    private readonly ArgumentErrors _errors = new();

    // The path, in pieces (literals and escaped values), joined once with the base address and the query.
    private string? _p0, _p1, _p2, _p3, _p4, _p5;
    private int _pieces;
    private List<string>? _morePieces;
    private string? _path;

    private StringBuilder? _query;
    private PooledBufferWriter? _bodyBuffer;
    private Utf8JsonWriter? _body;
    private string? _idempotencyKey;
    private Exception? _failure;
    private ClientOperation? _operationToRun;
    private bool _bodyFinished;

    /// <summary>Starts a request for an operation described at compile time.</summary>
    /// <param name="client">The client to send with; <see langword="null"/> is reported as a setup error.</param>
    /// <param name="operation">The tool name, HTTP method, effect and route template.</param>
    public MultiMailRequest(MultiMailClient? client, MultiMailOperation operation)
    {
        _client = client;
        _operation = operation ?? throw new ArgumentNullException(nameof(operation));
        _toolName = operation.ToolName;
        _method = operation.Method;
        _effect = operation.Effect;
    }

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
        _legacyOperation = new StringBuilder(64).Append(method).Append(' ');
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
                if (_bodyFinished)
                {
                    throw new InvalidOperationException("The request body was already finished.");
                }

                _bodyBuffer = new PooledBufferWriter();
                var writer = t_writer;
                if (writer is null)
                {
                    writer = new Utf8JsonWriter(_bodyBuffer);
                }
                else
                {
                    t_writer = null;
                    writer.Reset(_bodyBuffer);
                }

                _body = writer;
                writer.WriteStartObject();
            }

            return _body;
        }
    }

    /// <summary>Appends trusted path text from the endpoint template.</summary>
    public void AppendPath(string literal)
    {
        AddPiece(literal);
        _legacyOperation?.Append(literal);
    }

    /// <summary>
    /// Appends a route value. It is refused when empty, <c>.</c> or <c>..</c>, or when it contains <c>/</c>, <c>\</c>,
    /// <c>?</c>, <c>#</c> or control characters such as CR/LF; otherwise it is percent-encoded as one path segment.
    /// </summary>
    public void AppendPathValue(string wireName, string? value)
    {
        _legacyOperation?.Append('{').Append(wireName).Append('}');
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

        try
        {
            AddPiece(Uri.EscapeDataString(value));
        }
        catch (UriFormatException exception)
        {
            // Invalid UTF-16 (a lone surrogate) cannot be percent-encoded: recorded, never thrown.
            Fail(exception);
        }
    }

    /// <summary>Appends the mailbox id, falling back to <see cref="MultiMailClientOptions.DefaultMailboxId"/>.</summary>
    public void AppendMailboxId(string wireName, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            try
            {
                value = _client?.Options.DefaultMailboxId;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Options that fail validation (AddMultiMail): recorded, never thrown.
                Fail(exception);
                return;
            }

            if (string.IsNullOrWhiteSpace(value))
            {
                _legacyOperation?.Append('{').Append(wireName).Append('}');
                _errors.Add(wireName, "is required: pass a mailbox id (list_mailboxes shows them), or the application must configure a default mailbox (MULTIMAIL_MAILBOX_ID)");
                return;
            }
        }

        AppendPathValue(wireName, value!.Trim());
    }

    /// <summary>Every argument problem, as one text; the client's key (should a value hold it) redacted.</summary>
    private string ErrorText() => ToolText.Redact(_errors.ToText(_toolName), _client?.Options.ApiKey);

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

        try
        {
            _query.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }
        catch (UriFormatException exception)
        {
            Fail(exception);
        }
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

    /// <summary>
    /// Writes a string property of the body with its checks, in the order the contract lists them (length, email,
    /// pattern, allowed values). <see langword="null"/> is left out, or reported when <paramref name="required"/>.
    /// </summary>
    public void BodyString(string name, string? value, bool required, int? minLength = null, int? maxLength = null, bool email = false, MultiMailPattern? pattern = null, string[]? allowed = null)
    {
        if (value is null)
        {
            if (required)
            {
                Missing(name);
            }

            return;
        }

        CheckString(name, -1, value, minLength, maxLength, email, pattern, allowed);
        try
        {
            var body = Body;
            body.WritePropertyName(name);
            body.WriteStringValue(value);
        }
        catch (ArgumentException exception)
        {
            // Text JSON cannot carry (a lone surrogate): recorded, never thrown.
            Fail(exception);
        }
    }

    /// <summary>
    /// Writes an array-of-strings property of the body: the item count checked, then each item checked and written (an
    /// item's path, <c>to[2]</c>, is only built for a problem). A <see langword="null"/> item is written as null, and
    /// reported unless <paramref name="nullItems"/>. A <see langword="null"/> array is left out, or reported when
    /// <paramref name="required"/>.
    /// </summary>
    public void BodyStringArray(string name, IEnumerable<string?>? values, bool required, int? minItems = null, int? maxItems = null, bool nullItems = false, int? minLength = null, int? maxLength = null, bool email = false, MultiMailPattern? pattern = null, string[]? allowed = null)
    {
        if (values is null)
        {
            if (required)
            {
                Missing(name);
            }

            return;
        }

        var array = values as string?[];
        if (minItems is > 0 || maxItems is not null)
        {
            _errors.CheckCount(name, array?.Length ?? System.Linq.Enumerable.Count(values), minItems, maxItems);
        }

        try
        {
            WriteStringArray(name, values, array, nullItems, minLength, maxLength, email, pattern, allowed);
        }
        catch (ArgumentException exception)
        {
            Fail(exception);
        }
    }

    private void WriteStringArray(string name, IEnumerable<string?> values, string?[]? array, bool nullItems, int? minLength, int? maxLength, bool email, MultiMailPattern? pattern, string[]? allowed)
    {
        var body = Body;
        body.WritePropertyName(name);
        body.WriteStartArray();
        if (array is not null)
        {
            for (var i = 0; i < array.Length; i++)
            {
                WriteItem(body, name, i, array[i], nullItems, minLength, maxLength, email, pattern, allowed);
            }
        }
        else
        {
            var index = 0;
            foreach (var item in values)
            {
                WriteItem(body, name, index++, item, nullItems, minLength, maxLength, email, pattern, allowed);
            }
        }

        body.WriteEndArray();
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

    /// <summary>Checks a string against a schema pattern.</summary>
    public void CheckPattern(string path, string? value, MultiMailPattern pattern) => _errors.CheckPattern(path, value, pattern);

    /// <summary>Checks that a string looks like an email address.</summary>
    public void CheckEmail(string path, string? value) => _errors.CheckEmail(path, value);

    /// <summary>Checks that a string is one of the contract's allowed values.</summary>
    public void CheckAllowed(string path, string? value, string[] allowed) => _errors.CheckAllowed(path, value, allowed);

    /// <summary>
    /// Records an exception thrown while the request was built (a bug, or user code such as a property getter): the
    /// request is not sent, and a text tool returns a short "failed unexpectedly" text.
    /// </summary>
    public void Fail(Exception exception) => _failure ??= exception ?? throw new ArgumentNullException(nameof(exception));

    /// <summary>Sends the request and returns the text for the model. Never throws except for cancellation.</summary>
    public Task<string> ExecuteForModelAsync(CancellationToken cancellationToken)
    {
        if (Refusal() is { } refused)
        {
            return Task.FromResult(refused.Text);
        }

        return ExecuteForModelCoreAsync(_client!, cancellationToken);
    }

    /// <summary>
    /// Sends the request and returns the text for the model with whether it is an error and of which kind. Never throws
    /// except for cancellation.
    /// </summary>
    public Task<MultiMailToolResult> ExecuteForResultAsync(CancellationToken cancellationToken)
    {
        if (Refusal() is { } refused)
        {
            return Task.FromResult(refused);
        }

        return ExecuteForResultCoreAsync(_client!, cancellationToken);
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

    private ToolCall Call(string? idempotencyKey) => new(_toolName, _method, OperationName(), idempotencyKey);

    private string OperationName() => _operation?.Name ?? _legacyOperation!.ToString();

    /// <summary>Why the request is not sent (arguments, a build failure, no client), as the result for the model; null to send.</summary>
    private MultiMailToolResult? Refusal()
    {
        if (_failure is not null)
        {
            ReleaseBody();
            return ToolResults.Unexpected(_toolName, _failure);
        }

        ValidateForOperation();
        if (_errors.HasAny)
        {
            ReleaseBody();
            _client?.RecordRejectedArguments(Call(null), _errors.Problems.Count);
            return new MultiMailToolResult(ErrorText(), MultiMailToolErrorKind.InvalidArguments);
        }

        if (_client is null)
        {
            ReleaseBody();
            return new MultiMailToolResult(
                "Error: " + _toolName + " has no MultiMailClient (the tool's client member is null). This is a setup problem in the application.",
                MultiMailToolErrorKind.Configuration);
        }

        return null;
    }

    private async Task<ApiResult> SendForTypedResultAsync(CancellationToken cancellationToken)
    {
        if (_failure is not null)
        {
            ReleaseBody();
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(_failure).Throw();
        }

        ValidateForOperation();
        if (_errors.HasAny)
        {
            ReleaseBody();
            _client?.RecordRejectedArguments(Call(null), _errors.Problems.Count);
            throw new ArgumentException(ErrorText());
        }

        if (_client is null)
        {
            ReleaseBody();
            throw new InvalidOperationException("The tool's MultiMailClient member is null.");
        }

        var result = await SendCoreAsync(_client, cancellationToken).ConfigureAwait(false);
        if (result.IsSuccess)
        {
            return result;
        }

        throw result.Failure switch
        {
            ApiFailure.NoApiKey => new MultiMailApiException(0, "no API key is configured (set MULTIMAIL_API_KEY or MultiMailClientOptions.ApiKey)", MultiMailToolErrorKind.Configuration),
            ApiFailure.MalformedApiKey => new MultiMailApiException(0, "the configured API key is malformed", MultiMailToolErrorKind.Configuration),
            ApiFailure.Timeout => new MultiMailApiException(0, "the API did not answer in time", MultiMailToolErrorKind.Timeout),
            ApiFailure.Network => new MultiMailApiException(0, "the API could not be reached", MultiMailToolErrorKind.Network),
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
        return IsFenced(result, options)
            ? UntrustedMailText.Fence(result.Body, options.ApiKey, options.MaxResponseCharacters)
            : ToolText.ForResult(_toolName, _effect, result, options);
    }

    /// <summary>Whether a result's text is mail from outside senders, fenced as untrusted data.</summary>
    private bool IsFenced(in ApiResult result, MultiMailClientOptions options) =>
        ReturnsMail && options.MarkUntrustedContent && result.IsSuccess && !string.IsNullOrWhiteSpace(result.Body);

    private async Task<MultiMailToolResult> ExecuteForResultCoreAsync(MultiMailClient client, CancellationToken cancellationToken)
    {
        ApiResult result;
        try
        {
            result = await SendCoreAsync(client, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // As for text: a handler of the application's pipeline that threw is an unexpected failure, never an exception.
            return ToolResults.Unexpected(_toolName, ex);
        }

        var options = client.Options;
        return IsFenced(result, options)
            ? new MultiMailToolResult(UntrustedMailText.Fence(result.Body, options.ApiKey, options.MaxResponseCharacters), MultiMailToolErrorKind.None, result.StatusCode)
            : ToolResults.ForResult(_toolName, _effect, result, options);
    }

    private async ValueTask<ApiResult> SendCoreAsync(MultiMailClient client, CancellationToken cancellationToken)
    {
        ArraySegment<byte> body;
        Uri uri;
        string? key = null;
        var options = client.Options;
        try
        {
            var path = Path();
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

            body = FinishBody();
            uri = BuildUri(options.BaseAddress, path);
        }
        catch
        {
            ReleaseBody();
            throw;
        }

        try
        {
            if (_operationToRun is { } operation)
            {
                var context = new ClientOperationContext(client, Call(key), BasePrefix(options.BaseAddress), Path(), _query?.ToString(), OperationArguments(body));
                return await client.RunOperationAsync(Call(key), operation, context, cancellationToken).ConfigureAwait(false);
            }

            return await client.SendAsync(Call(key), _operation?.HttpMethod ?? MultiMailOperation.MethodOf(_method), uri, body, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // The response has been read (or the send failed): the body buffer goes back to the pool.
            ReleaseBody();
        }
    }

    /// <summary>
    /// Closes the body object (once) and hands the writer back; the bytes stay in the pooled buffer until
    /// <see cref="ReleaseBody"/>. Empty when nothing was written: a GET or DELETE whose optional body fields were all
    /// omitted sends no body rather than <c>{}</c>.
    /// </summary>
    private ArraySegment<byte> FinishBody()
    {
        if (_body is null)
        {
            return _bodyFinished && _bodyBuffer is { } finished ? finished.WrittenSegment : default;
        }

        var writer = _body;
        _body = null;
        _bodyFinished = true;
        if (_method is "GET" or "DELETE" && writer.BytesCommitted + writer.BytesPending == 1)
        {
            ParkWriter(writer);
            _bodyBuffer?.Dispose();
            _bodyBuffer = null;
            return default;
        }

        writer.WriteEndObject();
        writer.Flush();
        ParkWriter(writer);
        return _bodyBuffer!.WrittenSegment;
    }

    /// <summary>A runtime operation's own argument rules (a field one action needs), checked before anything is sent.</summary>
    private void ValidateForOperation()
    {
        if (_operationToRun is not null && _failure is null && !_errors.HasAny)
        {
            _operationToRun.Validate(OperationArguments(FinishBody()), _errors);
        }
    }

    /// <summary>The arguments written to the body, as a JSON object (a copy), or <c>default</c> when there are none.</summary>
    private static JsonElement OperationArguments(ArraySegment<byte> body)
    {
        if (body.Array is null)
        {
            return default;
        }

        using var document = JsonDocument.Parse(new ReadOnlyMemory<byte>(body.Array, body.Offset, body.Count));
        return document.RootElement.Clone();
    }

    private void ReleaseBody()
    {
        if (_body is { } writer)
        {
            _body = null;
            ParkWriter(writer);
        }

        _bodyBuffer?.Dispose();
        _bodyBuffer = null;
    }

    private static void ParkWriter(Utf8JsonWriter writer)
    {
        writer.Reset(PooledBufferWriter.Parked);
        t_writer = writer;
    }

    private void AddPiece(string piece)
    {
        switch (_pieces)
        {
            case 0: _p0 = piece; break;
            case 1: _p1 = piece; break;
            case 2: _p2 = piece; break;
            case 3: _p3 = piece; break;
            case 4: _p4 = piece; break;
            case 5: _p5 = piece; break;
            default: (_morePieces ??= new List<string>()).Add(piece); break;
        }

        _pieces++;
        _path = null;
    }

    private string Piece(int index) => index switch
    {
        0 => _p0!,
        1 => _p1!,
        2 => _p2!,
        3 => _p3!,
        4 => _p4!,
        5 => _p5!,
        _ => _morePieces![index - InlinePathPieces],
    };

    /// <summary>The path (route literals and escaped values), joined once.</summary>
    private string Path()
    {
        if (_path is not null)
        {
            return _path;
        }

        switch (_pieces)
        {
            case 0: return _path = string.Empty;
            case 1: return _path = _p0!;
            case 2: return _path = string.Concat(_p0, _p1);
            case 3: return _path = string.Concat(_p0, _p1, _p2);
            case 4: return _path = string.Concat(_p0, _p1, _p2, _p3);
        }

        var builder = new StringBuilder();
        for (var i = 0; i < _pieces; i++)
        {
            builder.Append(Piece(i));
        }

        return _path = builder.ToString();
    }

    /// <summary>The base address without its trailing slash, the path and the query as one string, then one <see cref="Uri"/>.</summary>
    private Uri BuildUri(Uri baseAddress, string path)
    {
        var prefix = BasePrefix(baseAddress);
        var text = _query is null ? string.Concat(prefix, path) : string.Concat(prefix, path, _query.ToString());

        // Route values were refused unless plain and then percent-encoded (no '/', '?', '#', "." or ".."), so the
        // path cannot leave the base address.
        return new Uri(text, UriKind.Absolute);
    }

    private static string BasePrefix(Uri baseAddress)
    {
        var cache = s_basePrefix;
        if (cache is not null && ReferenceEquals(cache.Item1, baseAddress))
        {
            return cache.Item2;
        }

        var text = baseAddress.AbsoluteUri;
        var prefix = text.EndsWith("/", StringComparison.Ordinal) ? text.Substring(0, text.Length - 1) : text;
        s_basePrefix = Tuple.Create(baseAddress, prefix);
        return prefix;
    }

    private static Tuple<Uri, string>? s_basePrefix;

    private string DeriveIdempotencyKey(string path)
    {
        // The key covers the method, the resolved route (mailbox and email ids) and the canonical body written so far
        // (every argument, in declaration order, nulls omitted), so only an identical call maps to the same key. The
        // digest and the key text are built on the stack.
        var writer = Body;
        writer.Flush();
        var body = _bodyBuffer!.WrittenSpan;
        var size = Encoding.UTF8.GetMaxByteCount(_method.Length + path.Length + 2);
        var rented = size > 512 ? ArrayPool<byte>.Shared.Rent(size) : null;
        try
        {
#if NET8_0_OR_GREATER
            // One reusable hash per thread (SHA256.HashData creates and frees a native context on every call).
            Span<byte> route = rented ?? stackalloc byte[512];
            var length = Encoding.UTF8.GetBytes(_method, route);
            route[length++] = (byte)'\n';
            length += Encoding.UTF8.GetBytes(path, route.Slice(length));
            route[length++] = (byte)'\n';
            var hash = t_hash ?? IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            t_hash = null;
            hash.AppendData(IdempotencyPrefix);
            hash.AppendData(route.Slice(0, length));
            hash.AppendData(body);
            Span<byte> digest = stackalloc byte[32];
            hash.GetHashAndReset(digest);
            t_hash = hash;   // only handed back once reset
            return KeyText(digest);
#else
            var input = ArrayPool<byte>.Shared.Rent(IdempotencyPrefix.Length + size + body.Length);
            try
            {
                var length = IdempotencyPrefix.Length;
                Buffer.BlockCopy(IdempotencyPrefix, 0, input, 0, length);
                length += Encoding.UTF8.GetBytes(_method, 0, _method.Length, input, length);
                input[length++] = (byte)'\n';
                length += Encoding.UTF8.GetBytes(path, 0, path.Length, input, length);
                input[length++] = (byte)'\n';
                body.CopyTo(input.AsSpan(length));
                length += body.Length;
                using var sha = SHA256.Create();
                return KeyText(sha.ComputeHash(input, 0, length));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(input);
            }
#endif
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

#if NET8_0_OR_GREATER
    [ThreadStatic]
    private static IncrementalHash? t_hash;
#endif

    /// <summary><c>mmg-</c> and the first 16 bytes of the digest in lowercase hex.</summary>
    private static string KeyText(ReadOnlySpan<byte> digest)
    {
        const string hex = "0123456789abcdef";
#if NET8_0_OR_GREATER
        Span<char> text = stackalloc char[36];
#else
        var text = new char[36];
#endif
        text[0] = 'm';
        text[1] = 'm';
        text[2] = 'g';
        text[3] = '-';
        for (var i = 0; i < 16; i++)
        {
            text[4 + (2 * i)] = hex[digest[i] >> 4];
            text[5 + (2 * i)] = hex[digest[i] & 0xF];
        }

        return new string(text);
    }

    private void WriteItem(Utf8JsonWriter body, string name, int index, string? item, bool nullItems, int? minLength, int? maxLength, bool email, MultiMailPattern? pattern, string[]? allowed)
    {
        if (item is null)
        {
            if (!nullItems)
            {
                _errors.Add(ArgumentErrors.ItemPath(name, index), "must not be null");
            }

            body.WriteNullValue();
            return;
        }

        CheckString(name, index, item, minLength, maxLength, email, pattern, allowed);
        body.WriteStringValue(item);
    }

    /// <summary>The string checks, in contract order; the path (an item's <c>to[2]</c>) is built only when one fails.</summary>
    private void CheckString(string name, int index, string value, int? minLength, int? maxLength, bool email, MultiMailPattern? pattern, string[]? allowed)
    {
        if ((minLength is not > 0 || value.Length >= minLength)
            && (maxLength is not { } max || value.Length <= max)
            && (!email || MultiMailFormat.IsEmailAddress(value))
            && (pattern is null || pattern.IsMatch(value))
            && (allowed is null || Array.IndexOf(allowed, value) >= 0))
        {
            return;
        }

        var path = index < 0 ? name : ArgumentErrors.ItemPath(name, index);
        _errors.CheckLength(path, value, minLength, maxLength);
        if (email)
        {
            _errors.CheckEmail(path, value);
        }

        if (pattern is not null)
        {
            _errors.CheckPattern(path, value, pattern);
        }

        if (allowed is not null)
        {
            _errors.CheckAllowed(path, value, allowed);
        }
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
