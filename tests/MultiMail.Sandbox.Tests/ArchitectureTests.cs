using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using MultiMail.Sandbox.Tests.Infrastructure;
using Xunit;

namespace MultiMail.Sandbox.Tests;

/// <summary>
/// One rule for how the HTTP surface reaches storage: endpoints and the review page call services
/// (<c>src/MultiMail.Sandbox/Oversight</c>, <c>Auth/ApiKeyService</c>); only services open transactions or touch the
/// <c>*Rows</c> data-access classes.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly Regex StorageAccess = new(@"\bSandboxDatabase\b|\b\w+Rows\.|\.Read\(c\b|\bWriteAsync\(", RegexOptions.CultureInvariant);

    [Theory]
    [InlineData("Endpoints")]
    [InlineData("Review")]
    [InlineData("Auth/ApiKeyAuthentication.cs")]
    public void The_http_surface_reaches_storage_only_through_services(string relative)
    {
        var path = Path.Combine(RepoPaths.Root, "src", "MultiMail.Sandbox", relative);
        var files = Directory.Exists(path) ? Directory.GetFiles(path, "*.cs", SearchOption.AllDirectories) : [path];
        Assert.NotEmpty(files);
        var offences = files
            .SelectMany(f => File.ReadAllLines(f).Select((line, i) => (File: Path.GetFileName(f), Line: i + 1, Text: line.Trim())))
            .Where(l => !l.Text.StartsWith("//", StringComparison.Ordinal) && !l.Text.StartsWith("///", StringComparison.Ordinal) && StorageAccess.IsMatch(l.Text))
            .Select(l => l.File + ":" + l.Line + ": " + l.Text)
            .ToArray();
        Assert.True(offences.Length == 0, "storage reached directly:\n" + string.Join("\n", offences));
    }

    [Fact]
    public void No_service_file_mixes_the_outbound_pipeline_review_and_the_inbox()
    {
        var oversight = Path.Combine(RepoPaths.Root, "src", "MultiMail.Sandbox", "Oversight");
        var largest = Directory.GetFiles(oversight, "*.cs").Max(f => File.ReadAllLines(f).Length);
        Assert.True(largest < 400, "a service file has " + largest + " lines");
        Assert.False(File.Exists(Path.Combine(oversight, "MailService.cs")));
    }
}
