using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using MultiMail.Samples;

namespace MultiMail.Samples.Tests.Variants;

/// <summary>Shows what the anti-pattern costs: both agents could send, and both did.</summary>
public sealed class ResearcherAlsoGetsEmailToolsTests
{
    [Fact]
    public async Task Both_agents_can_send_so_two_emails_wait_for_approval()
    {
        await using var backend = await EmailBackend.StartSandboxAsync();
        var sandbox = backend.Sandbox!;

        var conversation = await ResearcherAlsoGetsEmailTools.RunAsync(backend, "team@example.com");

        Assert.Equal(new[] { "Researcher", "EmailAgent" }, ResearcherAlsoGetsEmailTools.Senders(conversation));
        using var operatorHttp = sandbox.CreateClient(sandbox.OversightApiKey);
        using var pending = JsonDocument.Parse(await operatorHttp.GetStringAsync("v1/oversight/pending"));
        Assert.Equal(2, pending.RootElement.GetProperty("emails").GetArrayLength());   // a duplicate only a human can catch
        Assert.Empty(sandbox.GetOutbox());   // server-side oversight still holds both
    }
}
