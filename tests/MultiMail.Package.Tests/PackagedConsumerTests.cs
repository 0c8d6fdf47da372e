using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using MultiMail.TestSupport;
using Xunit;

namespace MultiMail.Package.Tests;

/// <summary>
/// Copies tests/Consumers/Packaged to a temporary folder outside the repository, restores the packed package from
/// artifacts/packages into a private packages folder, builds every consumer and runs the apps (see its README).
/// </summary>
public sealed class PackagedConsumers : IDisposable
{
    public PackagedConsumers()
    {
        RepositoryRoot = RepositoryFiles.Root;
        var feed = Path.Combine(RepositoryRoot, "artifacts", "packages");
        Version = Path.GetFileName(Directory.GetFiles(feed, "MultiMail.Generators.*.nupkg").Where(f => !f.EndsWith(".snupkg", StringComparison.Ordinal)).Single())
            ["MultiMail.Generators.".Length..^".nupkg".Length];
        Root = Path.Combine(Path.GetTempPath(), "mmg-consumers-" + Guid.NewGuid().ToString("N")[..8]);
        CopyDirectory(Path.Combine(RepositoryRoot, "tests", "Consumers", "Packaged"), Root);
        File.WriteAllText(Path.Combine(Root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config><add key="globalPackagesFolder" value="{Path.Combine(Root, "packages")}" /></config>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="local"><package pattern="MultiMail.Generators" /></packageSource>
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """);

        foreach (var project in new[] { "App.Net8", "App.Net10", "Library.NetStandard", "Library.OlderRoslyn" })
        {
            Builds[project] = Dotnet(Path.Combine(Root, project), "build", "-c", "Release", "-p:MultiMailPackageVersion=" + Version);
        }
    }

    public string RepositoryRoot { get; }

    public string Root { get; }

    public string Version { get; }

    public Dictionary<string, (int ExitCode, string Output)> Builds { get; } = new();

    public (int ExitCode, string Output) Dotnet(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments.Concat(arguments[0] is "build" ? new[] { "--disable-build-servers", "-nologo", "-clp:NoSummary" } : Array.Empty<string>()))
        {
            start.ArgumentList.Add(argument);
        }

        // The test host runs inside `dotnet test`: its MSBuild variables must not leak into the consumers' builds.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToArray())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(6)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, output + "\n(timed out)");
        }

        process.WaitForExit();
        return (process.ExitCode, output.ToString());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj"))
            {
                continue;
            }

            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}

public sealed class PackagedConsumerTests : IClassFixture<PackagedConsumers>
{
    private readonly PackagedConsumers _consumers;

    public PackagedConsumerTests(PackagedConsumers consumers) => _consumers = consumers;

    [Theory]
    [InlineData("App.Net8", "net8.0")]
    [InlineData("App.Net10", "net10.0")]
    public void TheAppBuildsAndRuns(string project, string framework)
    {
        var (exit, output) = _consumers.Builds[project];
        Assert.True(exit == 0, output);

        var dll = Path.Combine(_consumers.Root, project, "bin", "Release", framework, project + ".dll");
        // Major roll-forward: a machine with only the .NET 10 runtime (like CI's) runs the net8.0 build too.
        var run = _consumers.Dotnet(Path.Combine(_consumers.Root, project), "exec", "--roll-forward", "Major", dll);
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("consumer " + framework + ": all checks passed", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void TheNet8AppBuildsWithoutAWarning()
    {
        var (exit, output) = _consumers.Builds["App.Net8"];
        Assert.True(exit == 0, output);
        Assert.DoesNotContain(": warning ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void TheBuildOutputReportsMMG1001ForTheToolSetGivenToTwoAgents()
    {
        var (exit, output) = _consumers.Builds["App.Net10"];
        Assert.True(exit == 0, output);
        var warning = Assert.Single(output.Split('\n').Where(l => l.Contains("warning MMG1001", StringComparison.Ordinal)).Distinct());
        Assert.Contains("AgentWiring.cs(23,", warning, StringComparison.Ordinal); // the second agent, naming the first
        Assert.Contains("send_email", warning, StringComparison.Ordinal);
        Assert.Contains("agent 'assistant'", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void TheNetStandardLibraryWithCSharp9BuildsWithWarningsAsErrors()
    {
        var (exit, output) = _consumers.Builds["Library.NetStandard"];
        Assert.True(exit == 0, output);
        Assert.DoesNotContain("CS0757", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_consumers.Root, "Library.NetStandard", "bin", "Release", "netstandard2.0", "Library.NetStandard.dll")));
    }

    [Fact]
    public void AnOlderRoslynLoadsAndRunsTheGenerator()
    {
        var (exit, output) = _consumers.Builds["Library.OlderRoslyn"];
        Assert.True(exit == 0, output); // without the generator the partial method would have no body (CS8795)
        Assert.True(Directory.Exists(Path.Combine(_consumers.Root, "packages", "microsoft.net.compilers.toolset", "4.14.0")), "the Roslyn 4.14 compiler package was restored");
        Assert.DoesNotContain("MultiMail.Generators.dll", string.Join("\n", output.Split('\n').Where(l => l.Contains("CS9057", StringComparison.Ordinal) || l.Contains("CS8032", StringComparison.Ordinal))), StringComparison.Ordinal);
    }
}
