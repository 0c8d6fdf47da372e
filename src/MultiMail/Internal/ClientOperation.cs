using System;
using System.ComponentModel;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using MultiMail.Diagnostics;

namespace MultiMail.Internal;

/// <summary>
/// A tool the runtime library carries out instead of one HTTP request: waiting for mail (several polls), choosing an
/// endpoint by an action argument, or reading a binary attachment. Not for direct use; generated code passes one of
/// <see cref="ClientOperations"/> to <see cref="MultiMailRequest.RunAs"/>.
/// </summary>
/// <remarks>
/// The generated method builds the request as for any tool (route values validated and encoded, arguments checked and
/// written as JSON), so an operation starts from a route nobody can redirect and arguments that passed the catalog's
/// limits. It answers with the same kind of result as one HTTP call, so every way of returning it (text, typed result,
/// exception) works unchanged.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class ClientOperation
{
    private protected ClientOperation()
    {
    }

    /// <summary>Checks what the catalog's limits cannot express (a field required by one action); problems go to <paramref name="errors"/>.</summary>
    internal virtual void Validate(JsonElement arguments, ArgumentErrors errors)
    {
    }

    /// <summary>Carries out the call. Never throws except for cancellation.</summary>
    internal abstract Task<ApiResult> RunAsync(ClientOperationContext context, CancellationToken cancellationToken);

    /// <summary>A string argument, or <see langword="null"/> when absent or not a string.</summary>
    private protected static string? StringArgument(JsonElement arguments, string name) =>
        arguments.ValueKind == JsonValueKind.Object && arguments.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}

/// <summary>The runtime operations the catalog names. Not for direct use; generated code refers to them.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ClientOperations
{
    /// <summary>wait_for_email: polls the inbox with <c>since_id</c> until new unread mail arrives or the timeout passes.</summary>
    public static ClientOperation WaitForEmail { get; } = new WaitForEmailOperation();

    /// <summary>download_attachment: reads the attachment's bytes and returns them as base64 with their name, type and size.</summary>
    public static ClientOperation DownloadAttachment { get; } = new DownloadAttachmentOperation();

    /// <summary>manage_upgrade: action <c>request</c> → <c>POST …/request-upgrade</c>, action <c>apply</c> → <c>POST …/upgrade</c>.</summary>
    public static ClientOperation ManageUpgrade { get; } = new ActionOperation(
        new ActionRoute("request", "/request-upgrade", "target_mode"),
        new ActionRoute("apply", "/upgrade", "code"));

    /// <summary>manage_spam_status: action <c>report</c> → <c>POST …/report-spam</c>, action <c>clear</c> → <c>POST …/not-spam</c>.</summary>
    public static ClientOperation ManageSpamStatus { get; } = new ActionOperation(
        new ActionRoute("report", "/report-spam", null),
        new ActionRoute("clear", "/not-spam", null));
}

/// <summary>
/// What a runtime operation starts from: the client, the tool call, the resolved route (validated and encoded), the
/// query and the arguments the generated code wrote.
/// </summary>
internal sealed class ClientOperationContext
{
    private readonly string _prefix;

    public ClientOperationContext(MultiMailClient client, ToolCall call, string prefix, string path, string? query, JsonElement arguments)
    {
        Client = client;
        Call = call;
        _prefix = prefix;
        Path = path;
        Query = query;
        Arguments = arguments;
    }

    public MultiMailClient Client { get; }

    public ToolCall Call { get; }

    /// <summary>The route the generated code built, for example <c>/v1/mailboxes/mbx_1/emails</c> (values percent-encoded).</summary>
    public string Path { get; }

    /// <summary>The query the generated code built (<c>?a=b</c>), or <see langword="null"/>.</summary>
    public string? Query { get; }

    /// <summary>The arguments written as the request's JSON body (an object), or <c>default</c> when there were none.</summary>
    public JsonElement Arguments { get; }

    /// <summary>Sends one request of the operation (inside the tool call's span): the route plus <paramref name="suffix"/>, trusted text only.</summary>
    public Task<ApiResult> SendAsync(string method, string suffix, string? query, MemoryStream? body, CancellationToken cancellationToken, Func<HttpContent, CancellationToken, Task<string>>? readSuccess = null)
    {
        var uri = new Uri(_prefix + Path + suffix + (query ?? string.Empty), UriKind.Absolute);
        var call = new ToolCall(Call.ToolName, method, method + " " + RouteTemplate() + suffix, null);
        return Client.SendOperationRequestAsync(call, uri, body, readSuccess, cancellationToken);
    }

    /// <summary>The route template without values, from the tool call's operation (<c>GET /v1/mailboxes/{mailbox_id}</c> → <c>/v1/mailboxes/{mailbox_id}</c>).</summary>
    private string RouteTemplate()
    {
        var operation = Call.Operation;
        var space = operation.IndexOf(' ');
        return space < 0 ? operation : operation.Substring(space + 1);
    }
}
