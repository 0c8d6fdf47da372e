using System.IO;
using System.Linq;
using System.Threading.Tasks;
using EmailAssistant;
using Microsoft.Extensions.AI;
using MultiMail.Samples;

namespace MultiMail.Samples.Tests;

/// <summary>The EmailAssistant sample run in-process against a seeded sandbox with the scripted model.</summary>
public sealed class EmailAssistantSampleTests
{
    [Fact]
    public async Task The_assistant_checks_the_inbox_through_the_tool_loop_and_summarizes_the_new_messages()
    {
        await using var backend = await EmailBackend.StartSandboxAsync(SampleInbox.SeedAsync);
        var output = new StringWriter();

        var response = await EmailAssistantDemo.RunAsync(backend, SampleModel.Scripted, output);

        // One real tool call, executed by Agent Framework's function-invocation loop against the sandbox.
        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("check_inbox", call.Name);
        var result = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>());
        Assert.Equal(call.CallId, result.CallId);
        Assert.All(SampleInbox.Emails, email => Assert.Contains(email.From, result.Result?.ToString()));

        // The answer summarizes the three new messages, newest first.
        Assert.StartsWith("You have 3 new messages:", response.Text);
        Assert.Equal(
            SampleInbox.Emails.Reverse().Select(e => e.Subject),
            response.Text.Split('\n').Skip(1).Take(3).Select(line => line.Substring(3, line.IndexOf(" (from ", System.StringComparison.Ordinal) - 3)));
        Assert.All(response.Messages.Where(m => m.Role == ChatRole.Assistant), m => Assert.Equal("EmailAssistant", m.AuthorName));

        // Reading sends nothing.
        Assert.Empty(backend.Sandbox!.GetOutbox());
        var text = output.ToString();
        Assert.Contains("calls check_inbox(limit: 10)", text);
        Assert.Contains("Nothing: the assistant only read mail", text);
        Assert.DoesNotContain(backend.Sandbox.AgentApiKey, text);
    }
}
