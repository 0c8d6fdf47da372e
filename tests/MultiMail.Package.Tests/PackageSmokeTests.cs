using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MultiMail;
using Xunit;

namespace MultiMail.Package.Tests;

public partial class PackagedTools
{
    private readonly MultiMailClient _client;

    public PackagedTools(MultiMailClient client) => _client = client;

    /// <summary>Send an email.</summary>
    [MultiMailTool]
    public partial Task<string> SendEmail(string[] to, string subject, string markdown, CancellationToken cancellationToken = default);
}

public sealed class PackageSmokeTests
{
    private sealed class Handler : HttpMessageHandler
    {
        public HttpRequestMessage? Last;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Last = request;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Accepted)
            {
                Content = new StringContent("""{"id":"em_1","status":"pending_scan"}""", Encoding.UTF8, "application/json"),
            });
        }
    }

    [Fact]
    public async Task The_packed_generator_runs_and_the_tools_work()
    {
        var handler = new Handler();
        using var client = new MultiMailClient(new MultiMailClientOptions { ApiKey = "mm_test_pkg", DefaultMailboxId = "mbx", BaseAddress = new Uri("https://api.test/") }, new HttpClient(handler));
        IMultiMailToolSet tools = new PackagedTools(client);

        Assert.Equal("send_email", Assert.Single(tools.Tools).Name);
        var text = await tools.InvokeAsync("send_email", """{"to":["a@example.com"],"subject":"s","markdown":"m"}""");

        Assert.Contains("pending_scan", text);
        Assert.Equal("https://api.test/v1/mailboxes/mbx/send", handler.Last!.RequestUri!.AbsoluteUri);
    }

    [Fact]
    public void The_package_carries_the_generator_and_the_code_fixes_for_Roslyn_4_8()
    {
        // The package this project restored (a private packages folder, see the .csproj).
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "MultiMail.Package.Tests.csproj")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("project folder not found");
        }

        var nupkg = Directory.GetFiles(Path.Combine(root, "obj", "packages", "multimail.generators"), "*.nupkg", SearchOption.AllDirectories).Single();
        using var archive = ZipFile.OpenRead(nupkg);
        var analyzers = archive.Entries.Select(e => e.FullName).Where(n => n.StartsWith("analyzers/", StringComparison.Ordinal)).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        Assert.Equal(
            new[] { "analyzers/dotnet/roslyn4.8/cs/MultiMail.CodeFixes.dll", "analyzers/dotnet/roslyn4.8/cs/MultiMail.Generators.dll" },
            analyzers);
    }
}
