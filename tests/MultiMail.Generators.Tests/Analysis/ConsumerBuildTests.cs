using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace MultiMail.Generators.Tests.Analysis;

/// <summary>
/// A real <c>dotnet build</c> of tests/Consumers/MultiMail.Consumer.Diagnostics, which references the generator and the
/// analyzers the way users do (a ProjectReference with OutputItemType="Analyzer"): the MMG codes must be in the
/// compiler's output, with #pragma and .editorconfig applied, and the error of a refused tool next to CS8795.
/// </summary>
/// <remarks>Two builds of one small project (about 15 s each once restored); the first run restores the packages.</remarks>
[Collection(nameof(ConsumerBuildTests))]
public sealed class ConsumerBuildTests
{
    private static readonly string Project = RepositoryFiles.Path("tests", "Consumers", "MultiMail.Consumer.Diagnostics", "MultiMail.Consumer.Diagnostics.csproj");

    [Fact]
    public async Task Dotnet_build_prints_the_authoring_agent_and_key_warnings()
    {
        var (exitCode, output) = await BuildAsync();

        Assert.True(exitCode == 0, output);
        var codes = Diagnostics(output);
        Assert.Contains("Tools.cs(13,97): warning MMG0017", codes);
        Assert.Contains("Tools.cs(18,70): warning MMG0013", codes);
        Assert.Contains("Agents.cs(13,94): warning MMG1001", codes);
        // Joined by a C# 13 params call, AddParticipants(researcher, emailAgent), which the SDK's compiler binds: the
        // message names the group chat. The independent SalesTeam chat next to it is silent.
        Assert.Contains(output.Split('\n'), l => l.Contains("Agents.cs(13,94): warning MMG1001", StringComparison.Ordinal) && l.Contains("in the group chat built at Agents.cs, line 14", StringComparison.Ordinal));
        Assert.Equal(new[] { "Agents.cs(13,94): warning MMG1001" }, codes.Where(c => c.Contains("MMG1001", StringComparison.Ordinal)).ToArray());
        Assert.Contains("Keys.cs(5,41): warning MMG2001", codes);
        // #pragma (Tools.cs line 21) and .editorconfig (Quiet.cs) still silence MMG0013.
        Assert.Equal(new[] { "Tools.cs(18,70): warning MMG0013" }, codes.Where(c => c.Contains("MMG0013", StringComparison.Ordinal)).ToArray());
        Assert.DoesNotContain(codes, c => c.Contains("error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_tool_the_generator_cannot_write_fails_the_build_with_its_reason_next_to_CS8795()
    {
        var (exitCode, output) = await BuildAsync("-p:MultiMailRefused=true");

        Assert.NotEqual(0, exitCode);
        var codes = Diagnostics(output);
        Assert.Contains("Refused.cs(16,85): error MMG0005", codes);
        Assert.Contains("Refused.cs(16,70): error CS8795", codes);
        Assert.Contains(output.Split('\n'), l => l.Contains("error MMG0005", StringComparison.Ordinal) && l.Contains("'Node' refers to itself", StringComparison.Ordinal));

        // What made the generator report it: after a declaration error such as CS8795 the compiler reports no analyzer
        // diagnostics at all (the MMG2001 and MMG0013 of the first build are gone), so only the generator can say why.
        Assert.DoesNotContain(codes, c => c.Contains("MMG2001", StringComparison.Ordinal) || c.Contains("MMG0013", StringComparison.Ordinal));
    }

    /// <summary>"File.cs(line,col): severity CODE", each once.</summary>
    private static string[] Diagnostics(string output) =>
        Regex.Matches(output, @"([A-Za-z]+\.cs)\((\d+),(\d+)\): (warning|error) ((?:MMG|CS)\d{4})")
            .Select(m => m.Groups[1].Value + "(" + m.Groups[2].Value + "," + m.Groups[3].Value + "): " + m.Groups[4].Value + " " + m.Groups[5].Value)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(c => c, StringComparer.Ordinal)
            .ToArray();

    private static async Task<(int ExitCode, string Output)> BuildAsync(params string[] arguments)
    {
        var configuration = AppContext.BaseDirectory.Contains(Path.DirectorySeparatorChar + "Release" + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? "Release" : "Debug";
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(Project)!,
        };
        foreach (var argument in new[] { "build", Project, "-c", configuration, "--no-incremental", "--no-dependencies", "-nologo", "-clp:NoSummary", "--disable-build-servers", "-p:RunAnalyzers=true" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(exited, Task.Delay(TimeSpan.FromMinutes(8))) != exited)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet build did not finish in 8 minutes:\n" + await stdout);
        }

        output.Append(await stdout).Append(await stderr);
        return (process.ExitCode, output.ToString());
    }
}
