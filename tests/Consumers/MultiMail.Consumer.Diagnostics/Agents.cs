using Microsoft.Agents.AI;
using Microsoft.Agents.AI.Workflows;
using Microsoft.Extensions.AI;

namespace Consumer;

public static class Team
{
    // The seed guide's group chat, except that the Researcher was given the email tools too.
    public static Workflow Create(IChatClient chat, EmailTools email)
    {
        var researcher = new ChatClientAgent(chat, "You research.", "Researcher", tools: email.AsAITools());
        var emailAgent = new ChatClientAgent(chat, "You handle email.", "EmailAgent", tools: email.AsAITools());
        return AgentWorkflowBuilder
            .CreateGroupChatBuilderWith(agents => new RoundRobinGroupChatManager(agents) { MaximumIterationCount = 4 })
            .AddParticipants(researcher, emailAgent)
            .Build();
    }
}

public static class SalesTeam
{
    // The recommended pattern, next to the faulty one: its own EmailAgent, the only one with the email tools.
    public static Workflow Create(IChatClient chat, EmailTools email)
    {
        var researcher = new ChatClientAgent(chat, "You research.", "Researcher");
        var emailAgent = new ChatClientAgent(chat, "You handle email.", "EmailAgent", tools: email.AsAITools());
        return AgentWorkflowBuilder
            .CreateGroupChatBuilderWith(agents => new RoundRobinGroupChatManager(agents) { MaximumIterationCount = 4 })
            .AddParticipants(researcher, emailAgent)
            .Build();
    }
}
