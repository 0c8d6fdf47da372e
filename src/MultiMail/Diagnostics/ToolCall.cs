namespace MultiMail.Diagnostics;

/// <summary>What the telemetry and the resilience pipeline know about one tool call: never argument values or the key.</summary>
internal readonly struct ToolCall
{
    public ToolCall(string toolName, string method, string operation, string? idempotencyKey)
    {
        ToolName = toolName;
        Method = method;
        Operation = operation;
        IdempotencyKey = idempotencyKey;
    }

    /// <summary>The tool's name, for example <c>send_email</c>.</summary>
    public string ToolName { get; }

    /// <summary>The HTTP method.</summary>
    public string Method { get; }

    /// <summary>The method and route template, for example <c>POST /v1/mailboxes/{mailbox_id}/send</c> (no ids, no query).</summary>
    public string Operation { get; }

    /// <summary>The send's idempotency key (body field <c>idempotency_key</c>), or <see langword="null"/>.</summary>
    public string? IdempotencyKey { get; }
}
