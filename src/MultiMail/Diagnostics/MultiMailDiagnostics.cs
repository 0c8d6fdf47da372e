namespace MultiMail.Diagnostics;

/// <summary>
/// Names for observing MultiMail tool calls: the <see cref="System.Diagnostics.ActivitySource"/> that emits one
/// <c>execute_tool</c> span per tool call (OpenTelemetry GenAI conventions), and the log category of its events.
/// </summary>
/// <example>
/// <code>
/// builder.Services.AddOpenTelemetry().WithTracing(t => t.AddSource(MultiMailDiagnostics.ActivitySourceName));
/// </code>
/// </example>
public static class MultiMailDiagnostics
{
    /// <summary>The name of the activity source: <c>MultiMail</c>.</summary>
    public const string ActivitySourceName = "MultiMail";

    /// <summary>The category of the tool-call log events (<c>ILogger&lt;MultiMailClient&gt;</c>): <c>MultiMail.MultiMailClient</c>.</summary>
    public const string LoggerCategory = "MultiMail.MultiMailClient";

    /// <summary>The span name prefix and <c>gen_ai.operation.name</c> value: <c>execute_tool</c>.</summary>
    public const string ExecuteToolOperation = "execute_tool";
}
