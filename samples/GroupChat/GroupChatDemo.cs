using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Agents.AI;
using Microsoft.Agents.AI.Workflows;
using Microsoft.Extensions.AI;
using MultiMail;
using MultiMail.Identity;
using MultiMail.Samples;

namespace GroupChat;

/// <summary>
/// The seed guide's "group chat with email coordination" in .NET: a Researcher without email tools and an EmailAgent
/// with them take turns in an Agent Framework group chat. The EmailAgent's send is held by MultiMail (gated_send)
/// until a human operator, with a separate oversight key, approves it.
/// </summary>
public static class GroupChatDemo
{
    /// <summary>Who gets the summary unless the command line names someone else.</summary>
    public const string DefaultRecipient = "team@example.com";

    /// <summary>The Researcher's system message, from the seed guide.</summary>
    public const string ResearcherInstructions = "You research topics and provide summaries. You do not send emails directly.";

    /// <summary>The EmailAgent's system message, from the seed guide.</summary>
    public const string EmailAgentInstructions =
        "You handle email communications via MultiMail. Only send emails when explicitly asked or when the group agrees " +
        "on the content. All sends use gated_send mode (queued for human approval).";

    /// <summary>The round limit (the seed guide's max_round): the chat also ends as soon as an email was submitted.</summary>
    public const int MaximumTurns = 6;

    /// <summary>Runs the whole story and writes it to <paramref name="output"/>.</summary>
    /// <param name="backend">Where the mail goes (the sandbox or the real API).</param>
    /// <param name="model">Which model plays the agents (a real one or the scripted stand-in).</param>
    /// <param name="output">Where to write what happens.</param>
    /// <param name="recipient">Who the summary is for.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>What happened, step by step.</returns>
    public static async Task<GroupChatResult> RunAsync(
        EmailBackend backend, SampleModel model, TextWriter output, string recipient = DefaultRecipient, CancellationToken cancellationToken = default)
    {
        var result = new GroupChatResult();
        var report = new Report(output);
        report.Title("MultiMail group chat: many agents, one email agent, nothing leaves without a human");
        report.Setting("model", model.Description);
        report.Setting("email", backend.Describe());

        // 1. The agents. Only the EmailAgent gets the email tools, and only with the agent's key (read + send).
        using var agentClient = backend.CreateAgentClient();
        var emailTools = new EmailTools(agentClient);
        var researcher = new ChatClientAgent(
            model.GetChatClient(OfflineScript.Researcher()), ResearcherInstructions, "Researcher");
        var emailAgent = new ChatClientAgent(
            model.GetChatClient(OfflineScript.EmailAgent(recipient)), EmailAgentInstructions, "EmailAgent", tools: emailTools.AsAITools());
        result.ResearcherTools = ToolNames(researcher);
        result.EmailAgentTools = ToolNames(emailAgent);

        report.Step("Two agents; only the EmailAgent can send email");
        report.Labelled("Researcher", "tools: " + Names(result.ResearcherTools) + "\n\"" + ResearcherInstructions + "\"");
        report.Labelled("EmailAgent", "tools: " + Names(result.EmailAgentTools) + " (agent key: read + send; it cannot approve)\n\"" + EmailAgentInstructions + "\"");

        // 2. The group chat: round robin, Researcher first.
        report.Step("The group chat (round robin, at most " + MaximumTurns + " turns; it ends once an email was submitted)");
        var task = "Research AI safety best practices and email a summary to " + recipient;
        result.Conversation = await RunGroupChatAsync(researcher, emailAgent, task, report, cancellationToken);
        result.SubmittedEmailIds = SubmittedEmailIds(result.Conversation);

        // 3. The operator's view of the approval queue, with the operator's own key.
        report.Step("Nothing was sent yet: the email waits in MultiMail's approval queue");
        if (result.SubmittedEmailIds.Count == 0)
        {
            report.Line("The EmailAgent submitted no email, so there is nothing to approve.");
            return result;
        }

        using var operatorClient = backend.CreateOversightClient();
        if (operatorClient is null)
        {
            report.Line("The email is queued for approval. Approve or reject it in the MultiMail dashboard, or set");
            report.Line(EmailBackend.OversightKeyVariable + " (a key with the oversight scope) to let this sample show the queue and approve it.");
            return result;
        }

        var operatorConsole = new OperatorConsole(operatorClient);
        var queue = await operatorConsole.ListPending(cancellationToken);
        result.PendingAfterChat = queue.Emails.Where(e => result.SubmittedEmailIds.Contains(e.Id)).ToList();
        report.Line("list_pending with the operator's oversight key: " + Count(queue.Emails.Count, "email") + " waiting, "
            + result.PendingAfterChat.Count + " from this chat:");
        foreach (var email in result.PendingAfterChat)
        {
            report.Fields(("id", email.Id), ("status", email.Status), ("from", email.From), ("to", string.Join(", ", email.To)),
                ("subject", email.Subject), ("body", email.BodyMarkdown));
        }

        if (result.PendingAfterChat.Count == 0)
        {
            return result;
        }

        // 4. The agent's own key cannot approve: MultiMail refuses it (the agent could try the same through a tool).
        var held = result.PendingAfterChat[0];
        report.Step("The EmailAgent's key tries to approve its own email");
        try
        {
            await new OperatorConsole(agentClient).DecideEmail(held.Id, DecisionAction.Approve, "I wrote it, so it is fine.", cancellationToken);
            report.Line("Unexpected: MultiMail accepted the decision.");
        }
        catch (MultiMailApiException refused)
        {
            result.AgentApprovalRefusal = refused;
            report.Line("decide_email(approve) with the agent key -> HTTP " + refused.StatusCode + ": " + refused.ApiMessage);
            report.Line("Only a key with the oversight scope can decide, and MultiMail never gives one key both send and oversight.");
        }

        // 5. The human operator reads it and approves it.
        report.Step("The operator approves it");
        foreach (var email in result.PendingAfterChat)
        {
            const string Reason = "Read the summary; accurate and fine to share with the team.";
            var decision = await operatorConsole.DecideEmail(email.Id, DecisionAction.Approve, Reason, cancellationToken);
            result.Decisions.Add(decision);
            report.Line("decide_email(" + email.Id + ", approve, reason: \"" + Reason + "\") with the oversight key");
            report.Line("-> " + decision.Status + (decision.PostmarkMessageId is null ? string.Empty : " (message " + decision.PostmarkMessageId + ")"));
        }

        // 6. Delivered, and signed: anyone can check that the email came from an AI agent under human oversight.
        report.Step("Delivered, with a signed X-MultiMail-Identity header");
        if (backend.Sandbox is not { } sandbox)
        {
            report.Line("MultiMail delivered it. The recipient's copy carries the " + MultiMailIdentity.HeaderName + " header; verify it with");
            report.Line("MultiMailIdentity.Verify(header, <the JWK from " + new Uri(backend.BaseAddress, ".well-known/multimail-signing-key") + ">).");
            return result;
        }

        var approvedIds = result.PendingAfterChat.Select(e => e.Id).ToHashSet();
        result.Delivered = sandbox.GetOutbox(backend.MailboxId).Where(m => m.Kind == "delivery" && m.EmailId is not null && approvedIds.Contains(m.EmailId)).ToList();
        var signingKey = await FetchSigningKeyAsync(backend.BaseAddress, cancellationToken);
        foreach (var message in result.Delivered)
        {
            report.Line("sandbox outbox: " + message.From + " -> " + string.Join(", ", message.To) + ", \"" + message.Subject + "\"");
            report.Line(MultiMailIdentity.HeaderName + ": " + Report.Clip(message.IdentityHeader ?? "(none)", 48));
            var identity = MultiMailIdentity.Verify(message.IdentityHeader, signingKey.Jwk);
            result.IdentityChecks.Add(identity);
            report.Line("MultiMailIdentity.Verify with the public key from GET /.well-known/multimail-signing-key (kid " + signingKey.KeyId + "):");
            report.Line(identity.IsValid ? "valid signature; the signed claims:" : "INVALID: " + identity.FailureReason);
            if (identity.Claims is { } claims)
            {
                report.Fields(
                    ("ai_generated", claims.AiGenerated ? "true (an AI agent wrote it)" : "false"),
                    ("operator", (claims.Operator ?? "(none)") + " (the human accountable for the agent)"),
                    ("oversight", (claims.Oversight ?? "(none)") + " (the mailbox's mode when it was sent)"),
                    ("mailbox", claims.Mailbox ?? "(none)"),
                    ("service", claims.Service ?? "(none)"),
                    ("issued at", claims.IssuedAt?.ToString("u") ?? "(none)"));
            }
        }

        // 7. The audit log keeps who did what (an agent key, the operator's key), including the refused attempt.
        report.Step("The sandbox's audit log for this email (oldest first)");
        var trail = sandbox.GetAuditLog().Reverse()
            .Where(a => approvedIds.Contains(a.ResourceId) || a.Action == "auth.forbidden")
            .ToList();
        report.Fields(trail.Select(a => (a.ActorKeyId, a.Action.PadRight(18) + (a.Action == "auth.forbidden" ? a.ResourceId + " " : string.Empty)
            + Report.Clip(a.MetadataJson ?? string.Empty, 150))).ToArray());

        report.Step("Summary");
        report.Line("Two agents talked; only the EmailAgent could send. It submitted " + Count(result.SubmittedEmailIds.Count, "email")
            + ", which MultiMail held for approval.");
        report.Line((result.AgentApprovalRefusal is { } refusal ? "The agent's key could not approve it (HTTP " + refusal.StatusCode + ")" : "The agent's key was NOT refused")
            + "; the human operator approved it with the oversight key.");
        report.Line("Delivered: " + Count(result.Delivered.Count, "message") + ", identity header "
            + (result.IdentityChecks.Count > 0 && result.IdentityChecks.All(c => c.IsValid) ? "verified" : "NOT verified") + ".");
        return result;
    }

    /// <summary>Runs the group chat and prints each agent's turn as it finishes; returns the whole conversation.</summary>
    private static async Task<IReadOnlyList<ChatMessage>> RunGroupChatAsync(
        AIAgent researcher, AIAgent emailAgent, string task, Report report, CancellationToken cancellationToken)
    {
        var workflow = AgentWorkflowBuilder
            .CreateGroupChatBuilderWith(agents => new RoundRobinGroupChatManager(agents, (_, history, _) => ValueTask.FromResult(SubmittedEmailIds(history).Count > 0))
            {
                MaximumIterationCount = MaximumTurns,
            })
            .AddParticipants(researcher, emailAgent)
            .Build();

        report.Labelled("User", task);
        await using var run = await InProcessExecution.RunStreamingAsync(workflow, new List<ChatMessage> { new(ChatRole.User, task) }, cancellationToken: cancellationToken);
        await run.TrySendMessageAsync(new TurnToken(emitEvents: true));

        IReadOnlyList<ChatMessage>? conversation = null;
        var turn = new List<AgentResponseUpdate>();
        await foreach (var workflowEvent in run.WatchStreamAsync(cancellationToken))
        {
            switch (workflowEvent)
            {
                case AgentResponseUpdateEvent update:          // a piece of the current speaker's turn
                    turn.Add(update.Update);
                    break;
                case ExecutorCompletedEvent when turn.Count > 0:  // the speaker finished its turn
                    report.Transcript(turn.ToAgentResponse().Messages);
                    turn.Clear();
                    break;
                case WorkflowOutputEvent output when output.Is(out List<ChatMessage>? messages):   // the chat ended
                    conversation = messages;
                    break;
                case ExecutorFailedEvent failed:
                    throw new InvalidOperationException("A group chat participant failed: " + failed.Data?.Message, failed.Data as Exception);
                case WorkflowErrorEvent error:
                    throw new InvalidOperationException("The group chat failed.", error.Exception);
            }
        }

        return conversation ?? throw new InvalidOperationException("The group chat ended without an output.");
    }

    /// <summary>The ids of the emails send_email accepted in <paramref name="conversation"/> (the answer's first line is the API's JSON).</summary>
    internal static List<string> SubmittedEmailIds(IEnumerable<ChatMessage> conversation)
    {
        var messages = conversation.ToList();
        var sendCalls = messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Where(c => c.Name == "send_email").Select(c => c.CallId).ToHashSet();
        var ids = new List<string>();
        foreach (var answer in messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Where(r => sendCalls.Contains(r.CallId)))
        {
            var firstLine = (answer.Result?.ToString() ?? string.Empty).Split('\n')[0];
            if (!firstLine.StartsWith('{'))
            {
                continue;   // an error text, not an accepted email
            }

            try
            {
                using var json = JsonDocument.Parse(firstLine);
                if (json.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && !ids.Contains(id.GetString()!))
                {
                    ids.Add(id.GetString()!);
                }
            }
            catch (JsonException)
            {
                // not the API's JSON: nothing was accepted
            }
        }

        return ids;
    }

    private static async Task<(string Jwk, string KeyId)> FetchSigningKeyAsync(Uri baseAddress, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = baseAddress };
        var jwk = await http.GetStringAsync(".well-known/multimail-signing-key", cancellationToken);
        using var json = JsonDocument.Parse(jwk);
        return (jwk, json.RootElement.TryGetProperty("kid", out var kid) ? kid.GetString() ?? "?" : "?");
    }

    private static List<string> ToolNames(AIAgent agent) => agent.GetService<ChatOptions>()?.Tools?.Select(t => t.Name).ToList() ?? new List<string>();

    private static string Count(int count, string noun) => count + " " + noun + (count == 1 ? string.Empty : "s");

    private static string Names(IReadOnlyList<string> names) => names.Count == 0 ? "none" : string.Join(", ", names);
}

/// <summary>What <see cref="GroupChatDemo.RunAsync"/> saw, step by step.</summary>
public sealed class GroupChatResult
{
    /// <summary>The tools the Researcher was given (none).</summary>
    public IReadOnlyList<string> ResearcherTools { get; set; } = [];

    /// <summary>The tools the EmailAgent was given.</summary>
    public IReadOnlyList<string> EmailAgentTools { get; set; } = [];

    /// <summary>The group chat: the task, each agent's messages, tool calls and tool results.</summary>
    public IReadOnlyList<ChatMessage> Conversation { get; set; } = [];

    /// <summary>The ids of the emails the chat submitted.</summary>
    public IReadOnlyList<string> SubmittedEmailIds { get; set; } = [];

    /// <summary>Those emails in the approval queue after the chat; <see langword="null"/> without an oversight key.</summary>
    public IReadOnlyList<PendingEmail>? PendingAfterChat { get; set; }

    /// <summary>MultiMail's refusal when the agent's key tried to approve.</summary>
    public MultiMailApiException? AgentApprovalRefusal { get; set; }

    /// <summary>The operator's decisions.</summary>
    public List<Decision> Decisions { get; } = [];

    /// <summary>The delivered messages (sandbox outbox).</summary>
    public IReadOnlyList<MultiMail.Sandbox.SandboxOutboxMessage> Delivered { get; set; } = [];

    /// <summary>The identity-header checks of the delivered messages.</summary>
    public List<MultiMailIdentityVerificationResult> IdentityChecks { get; } = [];
}
