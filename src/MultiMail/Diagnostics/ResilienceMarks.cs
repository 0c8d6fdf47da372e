using System.Net.Http;

namespace MultiMail.Diagnostics;

/// <summary>
/// Marks a request with what the resilience pipeline needs to decide on a retry (tool, operation, whether it carries an
/// idempotency key) as request options: never as headers, so nothing extra goes on the wire.
/// </summary>
internal static class ResilienceMarks
{
    private const string ToolNameKey = "MultiMail.ToolName";
    private const string OperationKey = "MultiMail.Operation";
    private const string IdempotencyKeyKey = "MultiMail.IdempotencyKey";

#if NET5_0_OR_GREATER
    private static readonly HttpRequestOptionsKey<string> ToolNameOption = new(ToolNameKey);
    private static readonly HttpRequestOptionsKey<string> OperationOption = new(OperationKey);
    private static readonly HttpRequestOptionsKey<string> IdempotencyKeyOption = new(IdempotencyKeyKey);
#endif

    public static void Mark(HttpRequestMessage request, in ToolCall call)
    {
#if NET5_0_OR_GREATER
        request.Options.Set(ToolNameOption, call.ToolName);
        request.Options.Set(OperationOption, call.Operation);
        if (call.IdempotencyKey is { } key)
        {
            request.Options.Set(IdempotencyKeyOption, key);
        }
#else
        request.Properties[ToolNameKey] = call.ToolName;
        request.Properties[OperationKey] = call.Operation;
        if (call.IdempotencyKey is { } key)
        {
            request.Properties[IdempotencyKeyKey] = key;
        }
#endif
    }

    public static bool HasIdempotencyKey(HttpRequestMessage request) => Read(request, IdempotencyKeyKey) is { Length: > 0 };

    public static string ToolName(HttpRequestMessage? request) => (request is null ? null : Read(request, ToolNameKey)) ?? "(not a tool call)";

    public static string Operation(HttpRequestMessage? request) =>
        (request is null ? null : Read(request, OperationKey)) ?? (request is null ? "?" : request.Method.Method);

    private static string? Read(HttpRequestMessage request, string key)
    {
#if NET5_0_OR_GREATER
        return request.Options.TryGetValue(new HttpRequestOptionsKey<string>(key), out var value) ? value : null;
#else
        return request.Properties.TryGetValue(key, out var value) ? value as string : null;
#endif
    }
}
