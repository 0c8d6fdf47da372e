namespace MultiMail.Benchmarks;

/// <summary>Process-wide switches.</summary>
public static class Settings
{
    /// <summary>Smoke mode: smallest sizes, proves that everything builds and runs.</summary>
    public static bool Smoke { get; set; }
}
