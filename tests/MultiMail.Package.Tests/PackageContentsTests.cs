using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Xml.Linq;
using MultiMail.TestSupport;
using Xunit;

namespace MultiMail.Package.Tests;

/// <summary>What the packed .nupkg and .snupkg contain, as NuGet.org and users see them.</summary>
public sealed class PackageContentsTests
{
    private static string Feed() => RepositoryFiles.Path("artifacts", "packages");

    private static string Package(string extension) => Directory.GetFiles(Feed(), "MultiMail.Generators.*" + extension).Single();

    [Fact]
    public void TheLibraryForBothTargetsTheGeneratorAndCodeFixesAReadmeAndTheTargetsAreInside_AndNoRoslyn()
    {
        using var archive = ZipFile.OpenRead(Package(".nupkg"));
        var entries = archive.Entries.Select(e => e.FullName).ToArray();

        foreach (var expected in new[]
        {
            "lib/netstandard2.0/MultiMail.dll", "lib/netstandard2.0/MultiMail.xml", "lib/net8.0/MultiMail.dll", "lib/net8.0/MultiMail.xml",
            "analyzers/dotnet/roslyn4.8/cs/MultiMail.Generators.dll", "analyzers/dotnet/roslyn4.8/cs/MultiMail.CodeFixes.dll",
            "buildTransitive/MultiMail.Generators.targets", "README.md",
        })
        {
            Assert.Contains(expected, entries);
        }

        Assert.DoesNotContain(entries, e => e.Contains("Microsoft.CodeAnalysis", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(entries, e => e.EndsWith(".pdb", StringComparison.Ordinal)); // symbols go to the .snupkg
    }

    [Fact]
    public void TheNuspecHasTheLicenseTheReadmeAndOnlyTheResilienceDependencyForBothTargets()
    {
        using var archive = ZipFile.OpenRead(Package(".nupkg"));
        using var stream = archive.GetEntry("MultiMail.Generators.nuspec")!.Open();
        var nuspec = XDocument.Load(stream);
        XNamespace ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;

        Assert.Equal("MIT", metadata.Element(ns + "license")!.Value);
        Assert.Equal("expression", metadata.Element(ns + "license")!.Attribute("type")!.Value);
        Assert.Equal("README.md", metadata.Element(ns + "readme")!.Value);
        var groups = metadata.Element(ns + "dependencies")!.Elements(ns + "group").ToDictionary(g => g.Attribute("targetFramework")!.Value, g => g.Elements(ns + "dependency").Select(d => d.Attribute("id")!.Value).OrderBy(i => i, StringComparer.Ordinal).ToArray());
        Assert.Equal(new[] { ".NETStandard2.0", "net8.0" }, groups.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal(new[] { "Microsoft.Extensions.Http.Resilience", "System.Text.Json" }, groups[".NETStandard2.0"]);
        Assert.Equal(new[] { "Microsoft.Extensions.Http.Resilience" }, groups["net8.0"]);
    }

    [Fact]
    public void TheSymbolPackageHasPortablePdbsWithSourceLinkReadyPaths()
    {
        using var archive = ZipFile.OpenRead(Package(".snupkg"));
        foreach (var framework in new[] { "netstandard2.0", "net8.0" })
        {
            var entry = archive.GetEntry("lib/" + framework + "/MultiMail.pdb");
            Assert.NotNull(entry);
            using var stream = new MemoryStream();
            using (var pdb = entry!.Open())
            {
                pdb.CopyTo(stream);
            }

            stream.Position = 0;
            using var provider = MetadataReaderProvider.FromPortablePdbStream(stream);
            var reader = provider.GetMetadataReader();
            var documents = reader.Documents.Select(d => reader.GetString(reader.GetDocument(d).Name)).ToArray();
            Assert.Contains(documents, d => d.EndsWith("MultiMailClient.cs", StringComparison.Ordinal));
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                // ContinuousIntegrationBuild: deterministic, machine-independent paths (what SourceLink maps to the repository).
                Assert.All(documents, d => Assert.StartsWith("/_/", d, StringComparison.Ordinal));
            }
        }
    }
}
