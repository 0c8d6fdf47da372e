namespace MultiMail.Sandbox.Oversight;

/// <summary>Audit actors that are not API keys.</summary>
internal static class Actors
{
    /// <summary>The actor recorded for in-process helper calls (<see cref="MultiMailSandbox"/> methods).</summary>
    public const string Sandbox = "sandbox";

    /// <summary>The actor recorded for the scheduler.</summary>
    public const string System = "system";
}
