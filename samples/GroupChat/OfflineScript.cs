using System;
using System.Text.Json;
using System.Text.Json.Nodes;
using MultiMail.Samples;

namespace GroupChat;

/// <summary>
/// What the scripted stand-in model answers for each agent when no OPENAI_API_KEY is set. Only the model's words are
/// scripted: the group chat, the tool calls through Agent Framework, MultiMail and its approval queue are real.
/// </summary>
internal static class OfflineScript
{
    /// <summary>The Researcher writes a short summary (it has no tools to call).</summary>
    public static ScriptedChatClient Researcher() => new(ScriptedTurn.Say(
        """
        AI safety best practices, in short:
        1. Keep a human in the loop for actions with consequences (sending email, payments, deletions).
        2. Give each agent only the tools and permissions its role needs.
        3. Treat outside content (web pages, inbound email) as untrusted data, never as instructions.
        4. Test before release and keep red-teaming: prompt injection, jailbreaks, harmful output.
        5. Log every action (who, what, when) and label AI-generated content.
        6. Monitor in production and keep a way to pause or roll back.
        """));

    /// <summary>The EmailAgent sends the Researcher's summary (as it read it in the chat), then reports the result.</summary>
    /// <param name="recipient">The address the user asked for.</param>
    public static ScriptedChatClient EmailAgent(string recipient) => new(
        ScriptedTurn.CallTool("send_email", conversation => new JsonObject
        {
            ["to"] = new JsonArray(recipient),
            ["subject"] = "AI safety best practices: a short summary",
            ["markdown"] = (ScriptedChatClient.LastTextFrom(conversation, "Researcher")
                ?? throw new InvalidOperationException("The EmailAgent never saw the Researcher's summary.")) + "\n\n(Prepared by the Researcher agent.)",
        }),
        ScriptedTurn.Say(conversation =>
        {
            var answer = ScriptedChatClient.LastToolResult(conversation, "send_email") ?? string.Empty;
            using var json = JsonDocument.Parse(answer.Split('\n')[0]);
            return "I sent the Researcher's summary to " + recipient + ". MultiMail accepted it (status "
                + json.RootElement.GetProperty("status").GetString() + ", id " + json.RootElement.GetProperty("id").GetString()
                + "): it is queued for human approval and will be delivered once an operator approves it.";
        }));
}
