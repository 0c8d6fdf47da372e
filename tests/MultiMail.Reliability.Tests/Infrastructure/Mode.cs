using System;

namespace MultiMail.Reliability.Tests.Infrastructure;

/// <summary>CI mode (bounded) or the long mode (MULTIMAIL_RELIABILITY_LONG=1).</summary>
public static class Mode
{
    public static bool Long { get; } = Environment.GetEnvironmentVariable("MULTIMAIL_RELIABILITY_LONG") is "1" or "true";

    public static int Int(string variable, int ci, int longMode) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), out var value) && value > 0 ? value : Long ? longMode : ci;
}

/// <summary>The measured runs (exactly-once, load) run alone, after the other tests, so their figures and timeouts are their own.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeavyCollection
{
    public const string Name = "heavy";
}
