using System.Diagnostics;

namespace MultiMail.Diagnostics;

/// <summary>
/// One <c>execute_tool {gen_ai.tool.name}</c> span per tool call (kind Internal), after the OpenTelemetry GenAI
/// conventions for tool execution: <c>gen_ai.operation.name</c>, <c>gen_ai.tool.name</c>, <c>gen_ai.tool.type</c>,
/// <c>gen_ai.tool.call.id</c> (taken from an enclosing framework span of the same tool), <c>error.type</c> and an error
/// status on failure. Arguments and results (<c>gen_ai.tool.call.arguments</c>/<c>.result</c>, opt-in in the
/// conventions) are never recorded.
/// </summary>
internal static class ToolTelemetry
{
    internal const string OperationNameTag = "gen_ai.operation.name";
    internal const string ToolNameTag = "gen_ai.tool.name";
    internal const string ToolTypeTag = "gen_ai.tool.type";
    internal const string ToolCallIdTag = "gen_ai.tool.call.id";
    internal const string ErrorTypeTag = "error.type";

    internal static readonly ActivitySource Source = new(MultiMailDiagnostics.ActivitySourceName, MultiMailClient.LibraryVersion);

    private static readonly double TicksToMilliseconds = 1000.0 / Stopwatch.Frequency;

    public static Activity? Start(in ToolCall call)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var parent = Activity.Current;
        var activity = Source.StartActivity(
            MultiMailDiagnostics.ExecuteToolOperation + " " + call.ToolName,
            ActivityKind.Internal,
            parentContext: default,
            tags: new[]
            {
                new System.Collections.Generic.KeyValuePair<string, object?>(OperationNameTag, MultiMailDiagnostics.ExecuteToolOperation),
                new System.Collections.Generic.KeyValuePair<string, object?>(ToolNameTag, call.ToolName),
            });
        if (activity is null)
        {
            return null;
        }

        activity.SetTag(ToolTypeTag, "function");
        if (call.Method.Length > 0)
        {
            // A tool the set does not have has no operation.
            activity.SetTag("multimail.operation", call.Operation);
            activity.SetTag("http.request.method", call.Method);
        }

        // A framework (Microsoft.Extensions.AI's FunctionInvokingChatClient, Agent Framework) that already opened an
        // execute_tool span for this tool knows the model's call id; carry it so both spans name the same call.
        if (parent is not null
            && parent.GetTagItem(ToolNameTag) is string parentTool
            && parentTool == call.ToolName
            && parent.GetTagItem(ToolCallIdTag) is string callId)
        {
            activity.SetTag(ToolCallIdTag, callId);
        }

        return activity;
    }

    public static void Stop(Activity? activity, in ToolOutcome outcome, int statusCode)
    {
        if (activity is null)
        {
            return;
        }

        if (statusCode > 0)
        {
            activity.SetTag("http.response.status_code", statusCode);
        }

        if (outcome.ErrorType is { } errorType)
        {
            activity.SetTag(ErrorTypeTag, errorType);
            activity.SetStatus(ActivityStatusCode.Error, errorType);
        }
    }

    public static double ElapsedMilliseconds(long startTimestamp) => (Stopwatch.GetTimestamp() - startTimestamp) * TicksToMilliseconds;
}
