using System;
using System.Globalization;
using System.IO;

namespace MultiMail.IntegrationTests.Fuzzing;

/// <summary>
/// How much the fuzzers run. CI: 10,000 calls per tool. On demand: <c>MULTIMAIL_FUZZ_LONG=1</c> (100,000 per tool) or
/// <c>MULTIMAIL_FUZZ_CALLS=N</c>; <c>MULTIMAIL_FUZZ_SEED</c> replays a CsCheck seed printed by a failure.
/// </summary>
internal static class FuzzMode
{
    public const int CiCallsPerTool = 10_000;
    public const int LongCallsPerTool = 100_000;

    public static bool IsLong => Environment.GetEnvironmentVariable("MULTIMAIL_FUZZ_LONG") == "1";

    public static int CallsPerTool =>
        int.TryParse(Environment.GetEnvironmentVariable("MULTIMAIL_FUZZ_CALLS"), NumberStyles.None, CultureInfo.InvariantCulture, out var calls) && calls > 0
            ? calls
            : IsLong ? LongCallsPerTool : CiCallsPerTool;

    public static string? Seed => Environment.GetEnvironmentVariable("MULTIMAIL_FUZZ_SEED") is { Length: > 0 } seed ? seed : null;

    /// <summary>A file of the repository (the tests run from bin/…).</summary>
    public static string RepositoryFile(params string[] parts)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MultiMail.Generators.sln")))
            {
                return Path.Combine(directory.FullName, Path.Combine(parts));
            }
        }

        throw new InvalidOperationException("The repository root (MultiMail.Generators.sln) was not found above " + AppContext.BaseDirectory);
    }
}
