using System;

namespace MultiMail.Sandbox.Oversight;

/// <summary>Wire names and ordering of <see cref="SandboxOversightMode"/>.</summary>
internal static class OversightModes
{
    public const string WireValues = "read_only, gated_all, gated_send, monitored, autonomous";

    public static string ToWire(this SandboxOversightMode mode) => mode switch
    {
        SandboxOversightMode.ReadOnly => "read_only",
        SandboxOversightMode.GatedAll => "gated_all",
        SandboxOversightMode.GatedSend => "gated_send",
        SandboxOversightMode.Monitored => "monitored",
        SandboxOversightMode.Autonomous => "autonomous",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown oversight mode."),
    };

    public static bool TryParse(string? wire, out SandboxOversightMode mode)
    {
        switch (wire)
        {
            case "read_only": mode = SandboxOversightMode.ReadOnly; return true;
            case "gated_all": mode = SandboxOversightMode.GatedAll; return true;
            case "gated_send": mode = SandboxOversightMode.GatedSend; return true;
            case "monitored": mode = SandboxOversightMode.Monitored; return true;
            case "autonomous": mode = SandboxOversightMode.Autonomous; return true;
            default: mode = default; return false;
        }
    }

    public static SandboxOversightMode Parse(string wire) =>
        TryParse(wire, out var mode) ? mode : throw new FormatException("Unknown oversight mode '" + wire + "' in the database.");

    /// <summary>Whether outbound mail waits for an operator decision.</summary>
    public static bool HoldsOutbound(this SandboxOversightMode mode) =>
        mode is SandboxOversightMode.GatedAll or SandboxOversightMode.GatedSend;

    /// <summary>Whether a move from <paramref name="from"/> to <paramref name="to"/> gives the agent more autonomy.</summary>
    public static bool IsUpgrade(SandboxOversightMode from, SandboxOversightMode to) => (int)to > (int)from;
}
