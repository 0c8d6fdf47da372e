using System;
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
}
