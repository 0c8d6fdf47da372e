using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using GroupChat;
using Microsoft.Extensions.AI;
using MultiMail.Samples;

namespace MultiMail.Samples.Tests;

/// <summary>The GroupChat sample's story, run in-process against a sandbox with the scripted model.</summary>
public sealed class GroupChatSampleTests
{
    [Fact]
    public async Task Many_agents_one_email_agent_and_nothing_leaves_without_a_human()
    {
        await using var backend = await EmailBackend.StartSandboxAsync();
        var sandbox = backend.Sandbox!;
        var output = new StringWriter();

        var result = await GroupChatDemo.RunAsync(backend, SampleModel.Scripted, output);

        // Only the EmailAgent was given email tools.
        Assert.Empty(result.ResearcherTools);
        Assert.Equal(new[] { "send_email", "check_inbox", "reply_email" }, result.EmailAgentTools);

        // The chat: the task, the Researcher's summary, the EmailAgent's send_email call (with that summary) and its answer.
        Assert.Equal(new[] { "Researcher", "EmailAgent" }, result.Conversation.Select(m => m.AuthorName).OfType<string>().Distinct());
        var researcherSummary = result.Conversation.Single(m => m.AuthorName == "Researcher").Text;
        Assert.StartsWith("AI safety best practices", researcherSummary);
        var calls = result.Conversation.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
        Assert.All(calls, call => Assert.Equal("send_email", call.Name));
        var send = Assert.Single(calls);
        Assert.Equal("EmailAgent", result.Conversation.Single(m => m.Contents.Contains(send)).AuthorName);
        Assert.Contains(researcherSummary, send.Arguments!["markdown"]!.ToString());

        // Exactly one email, held for approval: nothing was delivered by the chat itself.
        var submitted = Assert.Single(result.SubmittedEmailIds);
        var pending = Assert.Single(result.PendingAfterChat!);
        Assert.Equal(submitted, pending.Id);
        Assert.Equal("pending_send_approval", pending.Status);
        Assert.Equal(new[] { GroupChatDemo.DefaultRecipient }, pending.To);
        Assert.Contains(researcherSummary, pending.BodyMarkdown);

        // The agent's key cannot approve.
        Assert.Equal(403, result.AgentApprovalRefusal?.StatusCode);
        Assert.Contains("oversight", result.AgentApprovalRefusal!.ApiMessage);

        // The operator's approval delivers exactly one email, with a valid identity header.
        Assert.Equal("approved_and_sent", Assert.Single(result.Decisions).Status);
        var delivered = Assert.Single(result.Delivered);
        Assert.Single(sandbox.GetOutbox());
        Assert.Equal(submitted, delivered.EmailId);
        Assert.Equal(new[] { GroupChatDemo.DefaultRecipient }, delivered.To);
        var identity = Assert.Single(result.IdentityChecks);
        Assert.True(identity.IsValid, identity.FailureReason);
        Assert.True(identity.Claims!.AiGenerated);
        Assert.Equal("gated_send", identity.Claims.Oversight);
        Assert.Equal(sandbox.OperatorName, identity.Claims.Operator);
        Assert.Equal(sandbox.DefaultMailboxAddress, identity.Claims.Mailbox);

        // And the queue is empty again.
        using var operatorHttp = sandbox.CreateClient(sandbox.OversightApiKey);
        Assert.Equal("{\"emails\":[]}", await operatorHttp.GetStringAsync("v1/oversight/pending"));

        // The console tells the story, with no key in it.
        var text = output.ToString();
        Assert.Contains("model: scripted stand-in (set OPENAI_API_KEY for a real model)", text);
        Assert.Contains("tools: none", text);
        Assert.Contains("calls send_email(", text);
        Assert.Contains("HTTP 403: Requires oversight scope", text);
        Assert.Contains("-> approved_and_sent", text);
        Assert.Contains("valid signature", text);
        Assert.Contains("ai_generated  true", text);
        Assert.DoesNotContain(sandbox.AgentApiKey, text);
        Assert.DoesNotContain(sandbox.OversightApiKey, text);
        Assert.DoesNotContain(sandbox.AdminApiKey, text);
    }

    [Fact]
    public async Task The_recipient_can_be_chosen()
    {
        await using var backend = await EmailBackend.StartSandboxAsync();

        var result = await GroupChatDemo.RunAsync(backend, SampleModel.Scripted, TextWriter.Null, "ops@example.org");

        Assert.Equal(new[] { "ops@example.org" }, Assert.Single(result.Delivered).To);
    }

    [Fact]
    public async Task Without_an_oversight_key_the_email_stays_queued_for_the_dashboard()
    {
        // The real API without MULTIMAIL_OVERSIGHT_KEY looks like this; a sandbox stands in for it here.
        await using var sandbox = await MultiMail.Sandbox.MultiMailSandbox.StartAsync();
        await using var backend = EmailBackend.ForApi(sandbox.BaseAddress, sandbox.AgentApiKey, sandbox.DefaultMailboxId, oversightApiKey: null);
        Assert.Null(backend.Sandbox);
        Assert.False(backend.HasOversightKey);
        var output = new StringWriter();

        var result = await GroupChatDemo.RunAsync(backend, SampleModel.Scripted, output);

        var submitted = Assert.Single(result.SubmittedEmailIds);
        Assert.Null(result.PendingAfterChat);
        Assert.Empty(result.Decisions);
        Assert.Empty(sandbox.GetOutbox());
        Assert.Contains("Approve or reject it in the MultiMail dashboard", output.ToString());
        Assert.Contains("MULTIMAIL_API_KEY mm_test_…", output.ToString());
        Assert.DoesNotContain(sandbox.AgentApiKey, output.ToString());
        using var operatorHttp = sandbox.CreateClient(sandbox.OversightApiKey);
        Assert.Contains(submitted, await operatorHttp.GetStringAsync("v1/oversight/pending"));
    }
}
