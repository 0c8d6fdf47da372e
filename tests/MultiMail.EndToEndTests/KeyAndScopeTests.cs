using System;
using System.Linq;
using System.Security.Cryptography;
using System.Threading.Tasks;
using MultiMail.EndToEndTests.Infrastructure;
using MultiMail.EndToEndTests.Tools;
using MultiMail.Sandbox;

namespace MultiMail.EndToEndTests;

/// <summary>Which key may do what, as the generated tools report it.</summary>
public sealed class KeyAndScopeTests
{
    [Fact]
    public async Task AnUnknownKeyGets401TextThatNeverEchoesTheKey()
    {
        await using var sandbox = await MultiMailSandbox.StartAsync();
        var bogus = "mm_test_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        using var client = new MultiMailClient(new MultiMailClientOptions { ApiKey = bogus, BaseAddress = sandbox.BaseAddress, DefaultMailboxId = sandbox.DefaultMailboxId });
        var tools = new AgentMailTools(client);

        var text = await tools.SendEmail(["bob@example.com"], "Hi", "Hello");
        Assert.Equal(
            "Error 401: MultiMail rejected the API key (missing, invalid or revoked). This is a configuration problem; retrying will not help. Tell the user to check the MultiMail API key.",
            text);
        Assert.DoesNotContain(bogus, text, StringComparison.Ordinal);
        Assert.StartsWith("Error 401:", await tools.CheckInbox(), StringComparison.Ordinal);
        Assert.Empty(sandbox.Audited("email.send"));
    }

    [Fact]
    public async Task TheOperatorsKeyCannotSendAndTheAgentsKeyCannotDecide()
    {
        await using var sandbox = await MultiMailSandbox.StartAsync();
        using var agent = ToolSession.Agent(sandbox);
        using var op = ToolSession.Operator(sandbox);

        Assert.Equal(
            "Error 403 (blocked by oversight): Requires send scope. Sending from this mailbox is blocked: it is read_only, or the API key lacks the send scope. Do not retry; a human operator must change the mailbox's oversight mode or the key.",
            await op.Tools.SendEmail(["bob@example.com"], "Hi", "Hello"));

        var id = Results.Json(await agent.Tools.SendEmail(["bob@example.com"], "Hi", "Hello")).Str("id");
        foreach (var action in new[] { Decision.Approve, Decision.Reject })
        {
            Assert.Equal(
                "Error 403 (forbidden): Requires oversight scope. The mailbox's oversight mode or the API key's scope does not allow decide_email. Do not retry; a human operator must change the mode or the key.",
                await agent.Tools.DecideEmail(id, action, "I wrote it, so it is fine"));
        }

        Assert.Equal("pending_send_approval", Results.Json(await agent.Tools.ReadEmail(id)).Str("status"));
        Assert.Empty(sandbox.GetOutbox());
        Assert.Equal(2, sandbox.Audited("auth.forbidden").Count(e => e.ActorKeyId == "key_agent"));
        Assert.Single(sandbox.Audited("auth.forbidden"), e => e.ActorKeyId == "key_oversight");
        Assert.Single(sandbox.Audited("email.send"));
    }
}
