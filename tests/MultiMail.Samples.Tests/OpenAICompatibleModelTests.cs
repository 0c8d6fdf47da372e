using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using EmailAssistant;
using GroupChat;
using MultiMail.Samples;

namespace MultiMail.Samples.Tests;

/// <summary>
/// The samples with a real-model configuration (SampleModel.OpenAICompatible, as OPENAI_API_KEY + OPENAI_BASE_URL give
/// it) against a local OpenAI-compatible server: the requests on the wire show what each agent was offered.
/// </summary>
public sealed class OpenAICompatibleModelTests
{
    private const string ApiKey = "sk-test-0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task GroupChat_over_HTTP_the_Researcher_is_offered_no_tools_and_the_EmailAgent_sends_its_summary()
    {
        await using var server = await FakeOpenAIServer.StartAsync(request =>
        {
            var messages = request["messages"]!.AsArray().Select(m => m!.AsObject()).ToList();
            if (FakeOpenAIServer.SystemText(request).Contains("You research topics", System.StringComparison.Ordinal))
            {
                return Say("Summary from the model: keep a human in the loop for every send.");
            }

            if (messages[^1]["role"]!.GetValue<string>() == "tool")
            {
                return Say("Queued for human approval.");
            }

            var summary = messages.Select(FakeOpenAIServer.Text).Single(t => t.StartsWith("Summary from the model", System.StringComparison.Ordinal));
            return CallTool("send_email", new JsonObject { ["to"] = new JsonArray("team@example.com"), ["subject"] = "AI safety", ["markdown"] = summary });
        });
        await using var backend = await EmailBackend.StartSandboxAsync();
        var output = new StringWriter();

        var result = await GroupChatDemo.RunAsync(backend, SampleModel.OpenAICompatible(ApiKey, "test-model", server.Endpoint), output);

        var requests = server.Requests.ToList();
        var researcherRequests = requests.Where(r => FakeOpenAIServer.SystemText(r).Contains("You research topics", System.StringComparison.Ordinal)).ToList();
        var emailAgentRequests = requests.Except(researcherRequests).ToList();
        Assert.Single(researcherRequests);
        Assert.Empty(FakeOpenAIServer.ToolNames(researcherRequests[0]));   // the Researcher's model could not send email
        Assert.Equal(2, emailAgentRequests.Count);                          // the tool call, then the answer after the result
        Assert.All(emailAgentRequests, r => Assert.Equal(new[] { "send_email", "check_inbox", "reply_email" }, FakeOpenAIServer.ToolNames(r)));
        Assert.All(requests, r => Assert.Equal("test-model", r["model"]!.GetValue<string>()));
        Assert.All(requests, r => Assert.True(r["stream"]?.GetValue<bool>()));   // workflows run agents streaming
        Assert.All(server.Authorizations, a => Assert.Equal("Bearer " + ApiKey, a));

        Assert.Equal("Summary from the model: keep a human in the loop for every send.", Assert.Single(result.PendingAfterChat!).BodyMarkdown);
        Assert.Equal(403, result.AgentApprovalRefusal?.StatusCode);
        Assert.Single(result.Delivered);
        Assert.True(Assert.Single(result.IdentityChecks).IsValid);
        Assert.Contains("model: test-model at " + server.Endpoint + " (OPENAI_API_KEY sk-test-…)", output.ToString());
        Assert.DoesNotContain(ApiKey, output.ToString());
    }

    [Fact]
    public async Task EmailAssistant_over_HTTP_calls_check_inbox_and_answers_from_its_result()
    {
        await using var server = await FakeOpenAIServer.StartAsync(request =>
        {
            var last = request["messages"]!.AsArray()[^1]!.AsObject();
            return last["role"]!.GetValue<string>() == "tool"
                ? Say("Inbox: " + (FakeOpenAIServer.Text(last).Contains("Contract renewal", System.StringComparison.Ordinal) ? "contract renewal and more" : "nothing"))
                : CallTool("check_inbox", new JsonObject { ["limit"] = 5 });
        });
        await using var backend = await EmailBackend.StartSandboxAsync(SampleInbox.SeedAsync);

        var response = await EmailAssistantDemo.RunAsync(backend, SampleModel.OpenAICompatible(ApiKey, "test-model", server.Endpoint), TextWriter.Null);

        Assert.Equal("Inbox: contract renewal and more", response.Text);
        Assert.Equal(2, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.NotEqual(true, r["stream"]?.GetValue<bool>()));   // RunAsync: not streaming
        Assert.Empty(backend.Sandbox!.GetOutbox());
    }

    private static JsonObject Say(string text) => new() { ["role"] = "assistant", ["content"] = text };

    private static JsonObject CallTool(string name, JsonObject arguments) => new()
    {
        ["role"] = "assistant",
        ["content"] = null,
        ["tool_calls"] = new JsonArray(new JsonObject
        {
            ["id"] = "call_" + name,
            ["type"] = "function",
            ["function"] = new JsonObject { ["name"] = name, ["arguments"] = arguments.ToJsonString() },
        }),
    };
}
