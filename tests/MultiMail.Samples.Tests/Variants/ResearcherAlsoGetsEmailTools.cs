using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.Agents.AI;
using Microsoft.Agents.AI.Workflows;
using Microsoft.Extensions.AI;
using MultiMail.Samples;

namespace MultiMail.Samples.Tests.Variants;

/// <summary>
/// ANTI-PATTERN, kept on purpose: the GroupChat sample with one change, the Researcher ALSO gets the email tools.
/// Its instructions still say "You do not send emails directly", but instructions are only words to a model; the
/// tools are what it can do. Now two agents can send, and the seed guide's advice ("Register email functions only
/// with one designated email agent") is broken: the same summary goes out twice, and only the human reviewing the
/// approval queue stands between the group and a duplicate email.
/// </summary>
/// <remarks>
/// MMG1001 flags this: more than one agent of a group chat handed tools that send email (here
/// <c>emailTools.AsAITools()</c> given to both participants; MMG1002 for the shared check_inbox).
/// <c>AgentToolAnalyzerTests.The_samples_anti_pattern_variant_is_reported</c> runs the analyzer on this very file.
/// This test project does not load the analyzers, so the file keeps compiling with warnings as errors.
/// </remarks>
public static class ResearcherAlsoGetsEmailTools
{
    /// <summary>Runs the variant's group chat (scripted model) and returns the conversation.</summary>
    /// <param name="backend">Where the mail goes.</param>
    /// <param name="recipient">Who the summary is for.</param>
    /// <returns>The whole conversation.</returns>
    public static async Task<List<ChatMessage>> RunAsync(EmailBackend backend, string recipient)
    {
        using var client = backend.CreateAgentClient();
        var emailTools = new EmailTools(client);

        var researcher = new ChatClientAgent(
            ScriptedResearcherThatSends(recipient),
            "You research topics and provide summaries. You do not send emails directly.",
            "Researcher",
            tools: emailTools.AsAITools());   // <- the anti-pattern: the Researcher can send email too
        var emailAgent = new ChatClientAgent(
            ScriptedEmailAgent(recipient),
            "You handle email communications via MultiMail. Only send emails when explicitly asked or when the group agrees on the content. All sends use gated_send mode (queued for human approval).",
            "EmailAgent",
            tools: emailTools.AsAITools());

        var workflow = AgentWorkflowBuilder
            .CreateGroupChatBuilderWith(agents => new RoundRobinGroupChatManager(agents) { MaximumIterationCount = 2 })
            .AddParticipants(researcher, emailAgent)
            .Build();
        await using var run = await InProcessExecution.RunStreamingAsync(
            workflow, new List<ChatMessage> { new(ChatRole.User, "Research AI safety best practices and email a summary to " + recipient) });
        await run.TrySendMessageAsync(new TurnToken(emitEvents: true));
        List<ChatMessage>? conversation = null;
        await foreach (var workflowEvent in run.WatchStreamAsync())
        {
            if (workflowEvent is WorkflowOutputEvent output && output.Is(out List<ChatMessage>? messages))
            {
                conversation = messages;
            }
        }

        return conversation!;
    }

    private const string Summary = "AI safety best practices: keep a human in the loop, least privilege, treat outside content as untrusted.";

    // A model that was told not to send, and sends anyway, because it can.
    private static ScriptedChatClient ScriptedResearcherThatSends(string recipient) => new(
        ScriptedTurn.CallTool("send_email", _ => new JsonObject { ["to"] = new JsonArray(recipient), ["subject"] = "AI safety summary", ["markdown"] = Summary }),
        ScriptedTurn.Say(Summary + " (I emailed it already.)"));

    // The designated email agent does its job, with its own subject line: a second, different email.
    private static ScriptedChatClient ScriptedEmailAgent(string recipient) => new(
        ScriptedTurn.CallTool("send_email", conversation => new JsonObject
        {
            ["to"] = new JsonArray(recipient),
            ["subject"] = "AI safety best practices: a short summary",
            ["markdown"] = ScriptedChatClient.LastTextFrom(conversation, "Researcher") ?? Summary,
        }),
        ScriptedTurn.Say("Queued for approval."));

    /// <summary>Who called send_email in <paramref name="conversation"/>.</summary>
    /// <param name="conversation">The conversation.</param>
    /// <returns>The authors of the send_email calls, in order.</returns>
    public static List<string?> Senders(IEnumerable<ChatMessage> conversation) =>
        conversation.Where(m => m.Contents.OfType<FunctionCallContent>().Any(c => c.Name == "send_email")).Select(m => m.AuthorName).ToList();
}
