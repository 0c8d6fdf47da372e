using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using MultiMail.Samples;

namespace EmailAssistant;

/// <summary>
/// The seed guide's "email agent setup": a <see cref="ChatClientAgent"/> named EmailAssistant with the email tools
/// (<see cref="EmailTools.AsAITools"/>) and the seed guide's system message, asked to summarize the inbox.
/// </summary>
public static class EmailAssistantDemo
{
    /// <summary>The seed guide's system message.</summary>
    public const string Instructions =
        "You are an email assistant using MultiMail. Use the provided functions to send, read, and reply to emails. " +
        "All outbound emails use gated_send mode — they are queued for human approval before delivery. " +
        "Always confirm email content with the user before sending.";

    /// <summary>The user's request, from the seed guide.</summary>
    public const string Prompt = "Check my inbox and summarize any new messages.";

    /// <summary>Asks the agent to summarize the inbox and writes the conversation to <paramref name="output"/>.</summary>
    /// <param name="backend">Where the mail is (the sandbox or the real API).</param>
    /// <param name="model">Which model plays the agent.</param>
    /// <param name="output">Where to write what happens.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The agent's response: every message of the run, tool calls and results included.</returns>
    public static async Task<AgentResponse> RunAsync(EmailBackend backend, SampleModel model, TextWriter output, CancellationToken cancellationToken = default)
    {
        var report = new Report(output);
        report.Title("MultiMail email assistant: one Agent Framework agent with email tools");
        report.Setting("model", model.Description);
        report.Setting("email", backend.Describe());

        using var client = backend.CreateAgentClient();
        var tools = new EmailTools(client).AsAITools();
        var agent = new ChatClientAgent(model.GetChatClient(OfflineScript()), Instructions, "EmailAssistant", tools: tools);

        report.Step("The agent");
        report.Labelled("EmailAssistant", "tools: " + string.Join(", ", tools.Select(t => t.Name)) + "\n\"" + Instructions + "\"");

        report.Step("The conversation");
        report.Labelled("User", Prompt);
        var response = await agent.RunAsync(Prompt, cancellationToken: cancellationToken);
        report.Transcript(response.Messages);

        report.Step("What was sent");
        var sends = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Count(c => c.Name is "send_email" or "reply_email");
        if (sends == 0)
        {
            report.Line("Nothing: the assistant only read mail, which needs no approval. Had it called send_email or reply_email,");
            report.Line("MultiMail would have queued the email for a human's approval (gated_send); samples/GroupChat shows that part.");
        }
        else
        {
            report.Line("The assistant called send_email or reply_email " + sends + " time(s). In gated_send mode MultiMail holds each");
            report.Line("email until a human approves it in the MultiMail dashboard.");
        }

        return response;
    }

    /// <summary>Offline, the stand-in model checks the inbox and then summarizes what check_inbox returned.</summary>
    private static ScriptedChatClient OfflineScript() => new(
        ScriptedTurn.CallTool("check_inbox", _ => new JsonObject { ["limit"] = 10 }),
        ScriptedTurn.Say(conversation => Summarize(ScriptedChatClient.LastToolResult(conversation, "check_inbox") ?? "{}")));

    private static string Summarize(string inboxText)
    {
        // check_inbox fences the mail as untrusted data (a real model reads that text); the stand-in reads the JSON in it.
        using var inbox = JsonDocument.Parse(MultiMail.Internal.UntrustedMailText.TryReadJson(inboxText, out var json) ? json : inboxText);
        var unread = inbox.RootElement.GetProperty("emails").EnumerateArray()
            .Where(e => e.GetProperty("direction").GetString() == "inbound" && e.GetProperty("status").GetString() == "unread")
            .ToList();
        if (unread.Count == 0)
        {
            return "You have no new messages.";
        }

        var summary = new StringBuilder("You have " + unread.Count + " new message" + (unread.Count == 1 ? string.Empty : "s") + ":\n");
        for (var i = 0; i < unread.Count; i++)
        {
            summary.Append(i + 1).Append(". ").Append(unread[i].GetProperty("subject").GetString())
                .Append(" (from ").Append(unread[i].GetProperty("from").GetString()).Append(")\n");
        }

        return summary.Append("Shall I draft a reply to any of them? I will show you the text first, and MultiMail holds every reply for approval before it is sent.").ToString();
    }
}
