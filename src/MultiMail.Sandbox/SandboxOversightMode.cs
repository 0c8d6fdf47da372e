namespace MultiMail.Sandbox;

/// <summary>
/// A mailbox's oversight mode (API.md §4), from least to most autonomous. On the wire the values are
/// <c>read_only</c>, <c>gated_all</c>, <c>gated_send</c>, <c>monitored</c> and <c>autonomous</c>.
/// </summary>
public enum SandboxOversightMode
{
    /// <summary><c>read_only</c>: inbound mail can be read; send and reply are refused with 403.</summary>
    ReadOnly,

    /// <summary><c>gated_all</c>: outbound and inbound mail wait for an operator decision.</summary>
    GatedAll,

    /// <summary><c>gated_send</c> (the default): outbound mail waits for an operator decision; inbound is immediate.</summary>
    GatedSend,

    /// <summary><c>monitored</c>: outbound mail is delivered at once and a copy goes to the oversight address.</summary>
    Monitored,

    /// <summary><c>autonomous</c>: outbound mail is delivered at once (still audited and announced in the identity header).</summary>
    Autonomous,
}
