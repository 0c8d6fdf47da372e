using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using static MultiMail.Generators.Tests.Analysis.AgentAnalyzerVerifier;

namespace MultiMail.Generators.Tests.Analysis;

/// <summary>
/// MMG1001/MMG1002 are about one conversation: agents an Agent Framework workflow joins (or, without a workflow, agents
/// of one setup scope). Independent setups, however many, are silent; the same mistake inside one conversation is
/// reported through every way agents reach a workflow. Runs against the real Microsoft.Agents.AI.Workflows 1.28.
/// </summary>
public sealed class ConversationScopeTests
{
    private static DiagnosticResult Sends(int location, string others, string conversation) =>
        new DiagnosticResult(DiagnosticDescriptors.EmailToolOnSeveralAgents).WithLocation(location).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("send_email", others, conversation);

    private static DiagnosticResult[] AllEmailTools(int location, string others, string conversation) => new[]
    {
        new DiagnosticResult(DiagnosticDescriptors.EmailToolOnSeveralAgents).WithLocation(location).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("reply_email", others, conversation),
        Sends(location, others, conversation),
        new DiagnosticResult(DiagnosticDescriptors.ToolOnSeveralAgents).WithLocation(location).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("check_inbox", others, conversation),
    };

    /// <summary>The seed guide's group chat: a Researcher without email tools and an EmailAgent with them.</summary>
    private static string SeedChat(string name, string tools = "email.AsAITools()", string researcherTools = "") => $$"""
        public static class {{name}}
        {
            public static Workflow Create(IChatClient chat, EmailTools email)
            {
                var researcher = new ChatClientAgent(chat, "You research topics and provide summaries. You do not send emails directly.", "Researcher"{{researcherTools}});
                var emailAgent = new ChatClientAgent(chat, "You handle email communications via MultiMail.", "EmailAgent", tools: {{tools}});
                return AgentWorkflowBuilder
                    .CreateGroupChatBuilderWith(agents => new RoundRobinGroupChatManager(agents) { MaximumIterationCount = 6 })
                    .AddParticipants([researcher, emailAgent])
                    .Build();
            }
        }
        """;

    [Fact]
    public Task Two_group_chats_in_one_file_each_with_its_own_email_agent_are_silent() =>
        VerifyAsync(SeedChat("SupportChat") + "\n" + SeedChat("SalesChat"));

    [Fact]
    public Task Two_group_chats_in_two_files_each_with_its_own_email_agent_are_silent() =>
        VerifyFilesAsync(new[] { SeedChat("SupportChat"), SeedChat("SalesChat") }, new DiagnosticResult[0]);

    [Fact]
    public Task Two_group_chats_built_in_one_method_are_two_conversations() => VerifyAsync("""
        public static class Desks
        {
            public static Workflow[] Create(IChatClient chat, EmailTools email)
            {
                var supportEmail = new ChatClientAgent(chat, "Support mail.", "SupportEmail", tools: email.AsAITools());
                var salesEmail = new ChatClientAgent(chat, "Sales mail.", "SalesEmail", tools: email.AsAITools());
                var support = AgentWorkflowBuilder.CreateGroupChatBuilderWith(a => new RoundRobinGroupChatManager(a))
                    .AddParticipants([new ChatClientAgent(chat, "Triage.", "Triage"), supportEmail]).Build();
                var sales = AgentWorkflowBuilder.BuildSequential([new ChatClientAgent(chat, "Qualify.", "Qualifier"), salesEmail]);
                return [support, sales];
            }
        }
        """);

    [Fact]
    public Task The_seed_group_chat_next_to_its_faulty_variant_reports_only_the_variant() => VerifyFilesAsync(
        new[]
        {
            SeedChat("SeedChat"),
            """
            public static class VariantChat
            {
                public static Workflow Create(IChatClient chat, EmailTools email)
                {
                    var researcher = new ChatClientAgent(chat, "You research.", "Researcher", tools: email.AsAITools());
                    var emailAgent = new ChatClientAgent(chat, "You handle email.", "EmailAgent", tools: {|#0:email.AsAITools()|});
                    return AgentWorkflowBuilder
                        .CreateGroupChatBuilderWith(agents => new RoundRobinGroupChatManager(agents) { MaximumIterationCount = 6 })
                        .AddParticipants([researcher, emailAgent])
                        .Build();
                }
            }
            """,
        },
        AllEmailTools(0, "agent 'Researcher' (Test1.cs, line 6)", "the group chat built at Test1.cs, line 8"));

    [Fact]
    public Task A_test_project_with_many_small_independent_setups_is_silent() => VerifyAsync("""
        public static class AgentTests
        {
            private static ChatClientAgent EmailAgent(IChatClient chat, EmailTools email) => new(chat, "Email.", "EmailAgent", tools: email.AsAITools());

            public static void Sends_a_summary(IChatClient chat, EmailTools email)
            {
                var agent = new ChatClientAgent(chat, "Email.", "EmailAgent", tools: email.AsAITools());
            }

            public static void Replies_in_thread(IChatClient chat, EmailTools email)
            {
                var agent = chat.AsAIAgent("Email.", "EmailAgent", tools: [email.ReplyEmailAIFunction, email.CheckInboxAIFunction]);
            }

            public static void Group_chat(IChatClient chat, EmailTools email)
            {
                var workflow = AgentWorkflowBuilder.BuildSequential([new ChatClientAgent(chat, "Research.", "Researcher"), EmailAgent(chat, email)]);
            }

            public static void Helper_made(IChatClient chat, EmailTools email)
            {
                var agent = EmailAgent(chat, email);
            }

            public static void In_a_lambda(IChatClient chat, EmailTools email)
            {
                Func<AIAgent> make = () => new ChatClientAgent(chat, "Email.", "EmailAgent", tools: email.AsAITools());
                Func<AIAgent> other = () => new ChatClientAgent(chat, "Email.", "OtherEmailAgent", tools: email.AsAITools());
            }

            public static void In_local_functions(IChatClient chat, EmailTools email)
            {
                AIAgent First() => new ChatClientAgent(chat, "Email.", "First", tools: email.AsAITools());
                AIAgent Second() => new ChatClientAgent(chat, "Email.", "Second", tools: email.AsAITools());
            }
        }
        """);

    [Fact]
    public Task A_workflow_whose_participants_come_from_helpers_in_other_files_is_reported() => VerifyFilesAsync(
        new[]
        {
            """
            public static class Researchers
            {
                public static AIAgent Create(IChatClient chat, EmailTools email) => new ChatClientAgent(chat, "Research.", "Researcher", tools: [email.CheckInboxAIFunction, email.SendEmailAIFunction]);
            }
            """,
            """
            public static class Mailers
            {
                public static AIAgent Create(IChatClient chat, EmailTools email) => new ChatClientAgent(chat, "Email.", "EmailAgent", tools: [{|#0:email.SendEmailAIFunction|}]);
            }
            """,
            """
            public static class Pipeline
            {
                public static Workflow Build(IChatClient chat, EmailTools email)
                {
                    var participants = new List<AIAgent> { Researchers.Create(chat, email) };
                    participants.Add(Mailers.Create(chat, email));
                    return AgentWorkflowBuilder.BuildSequential(participants);
                }
            }
            """,
        },
        new[] { Sends(0, "agent 'Researcher' (Test0.cs, line 4)", "the sequential workflow built at Test2.cs, line 8") });

    [Fact]
    public Task Agents_created_in_two_scopes_and_joined_in_a_third_are_reported() => VerifyAsync("""
        public sealed class Office
        {
            public AIAgent Support(IChatClient chat, EmailTools email) => new ChatClientAgent(chat, "Support.", "Support", tools: [email.SendEmailAIFunction]);

            public AIAgent Sales(IChatClient chat, EmailTools email)
            {
                var agent = new ChatClientAgent(chat, "Sales.", "Sales", tools: [{|#0:email.SendEmailAIFunction|}]);
                return agent;
            }

            public Workflow FrontDesk(IChatClient chat, EmailTools email)
            {
                var support = Support(chat, email);
                var sales = Sales(chat, email);
                return AgentWorkflowBuilder.BuildConcurrent([support, sales]);
            }
        }
        """,
        Sends(0, "agent 'Support' (Test0.cs, line 4)", "the concurrent workflow built at Test0.cs, line 16"));

    [Fact]
    public Task A_handoff_workflow_where_two_agents_can_send_is_reported() => VerifyAsync("""
        public static class Handoffs
        {
            public static Workflow Create(IChatClient chat, EmailTools email)
            {
                var triage = new ChatClientAgent(chat, "Route the request.", "Triage");
                var billing = new ChatClientAgent(chat, "Billing.", "Billing", tools: [email.ReplyEmailAIFunction]);
                var support = new ChatClientAgent(chat, "Support.", "Support", tools: [{|#0:email.ReplyEmailAIFunction|}]);
                return AgentWorkflowBuilder.CreateHandoffBuilderWith(triage)
                    .WithHandoffs(triage, [billing, support])
                    .WithHandoff(support, triage)
                    .Build();
            }
        }
        """,
        new DiagnosticResult(DiagnosticDescriptors.EmailToolOnSeveralAgents).WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)
            .WithArguments("reply_email", "agent 'Billing' (Test0.cs, line 7)", "the handoff workflow built at Test0.cs, line 9"));

    [Fact]
    public Task WorkflowBuilder_edges_join_agents_and_their_executor_bindings() => VerifyAsync("""
        public static class Graph
        {
            public static Workflow Create(IChatClient chat, EmailTools email)
            {
                AIAgent writer = new ChatClientAgent(chat, "Write.", "Writer", tools: [email.SendEmailAIFunction]);
                AIAgent reviewer = new ChatClientAgent(chat, "Review.", "Reviewer", tools: [{|#0:email.SendEmailAIFunction|}]);
                var reviewerBinding = reviewer.BindAsExecutor(emitEvents: true);
                var builder = new WorkflowBuilder(writer);
                builder.AddEdge(writer, reviewerBinding);
                return builder.WithOutputFrom(reviewerBinding).Build();
            }
        }
        """,
        Sends(0, "agent 'Writer' (Test0.cs, line 6)", "the workflow built at Test0.cs, line 9"));

    [Fact]
    public Task A_workflow_used_as_an_agent_in_another_joins_both_conversations() => VerifyAsync("""
        public static class Nested
        {
            public static Workflow Create(IChatClient chat, EmailTools email)
            {
                var drafter = new ChatClientAgent(chat, "Draft.", "Drafter", tools: [email.SendEmailAIFunction]);
                var inner = AgentWorkflowBuilder.BuildSequential([new ChatClientAgent(chat, "Research.", "Researcher"), drafter]);
                var emailAgent = new ChatClientAgent(chat, "Email.", "EmailAgent", tools: [{|#0:email.SendEmailAIFunction|}]);
                return AgentWorkflowBuilder.BuildSequential([inner.AsAIAgent(name: "Research team"), emailAgent]);
            }
        }
        """,
        Sends(0, "agent 'Drafter' (Test0.cs, line 6)", "the sequential workflow built at Test0.cs, line 9"));

    [Fact]
    public Task Agents_of_one_method_joined_into_two_workflows_are_silent_and_the_same_agent_twice_is_one() => VerifyAsync("""
        public static class Split
        {
            public static Workflow[] Create(IChatClient chat, EmailTools email)
            {
                var first = new ChatClientAgent(chat, "First.", "First", tools: email.AsAITools());
                var second = new ChatClientAgent(chat, "Second.", "Second", tools: email.AsAITools());
                var reviewer = new ChatClientAgent(chat, "Review.", "Reviewer");
                return
                [
                    AgentWorkflowBuilder.BuildSequential([first, reviewer, first]),
                    AgentWorkflowBuilder.CreateGroupChatBuilderWith(a => new RoundRobinGroupChatManager(a)).AddParticipants([reviewer, second]).Build(),
                ];
            }
        }
        """);

    [Fact]
    public Task Deconstructed_agents_joined_into_separate_workflows_are_silent() => VerifyFilesAsync(
        new[]
        {
            """
            public static class Mailers
            {
                public static (AIAgent Support, AIAgent Sales) Create(IChatClient chat, EmailTools email)
                {
                    var support = new ChatClientAgent(chat, "Support.", "Support", tools: [email.SendEmailAIFunction]);
                    var sales = new ChatClientAgent(chat, "Sales.", "Sales", tools: [email.SendEmailAIFunction]);
                    return (support, sales);
                }
            }
            """,
            """
            public static class Desks
            {
                public static Workflow[] Create(IChatClient chat, EmailTools email)
                {
                    var (support, sales) = Mailers.Create(chat, email);
                    return [AgentWorkflowBuilder.BuildSequential([support]), AgentWorkflowBuilder.BuildSequential([sales])];
                }
            }
            """,
        },
        new DiagnosticResult[0]);

    [Fact]
    public Task The_message_names_only_the_holders_of_the_same_conversation() => VerifyAsync("""
        public static class Three
        {
            public static Workflow[] Create(IChatClient chat, EmailTools email)
            {
                var a = new ChatClientAgent(chat, "A.", "A", tools: [email.SendEmailAIFunction]);
                var b = new ChatClientAgent(chat, "B.", "B", tools: [{|#0:email.SendEmailAIFunction|}]);
                var c = new ChatClientAgent(chat, "C.", "C", tools: [email.SendEmailAIFunction]);
                return [AgentWorkflowBuilder.BuildSequential([a, b]), AgentWorkflowBuilder.BuildSequential([c])];
            }
        }
        """,
        Sends(0, "agent 'A' (Test0.cs, line 6)", "the sequential workflow built at Test0.cs, line 9"));

    [Fact]
    public Task A_loop_that_builds_one_workflow_per_team_is_silent_and_one_that_adds_email_agents_to_one_workflow_is_reported() => VerifyAsync("""
        public static class Teams
        {
            public static List<Workflow> PerTeam(IChatClient chat, EmailTools email, string[] teams)
            {
                var workflows = new List<Workflow>();
                foreach (var team in teams)
                {
                    var emailAgent = new ChatClientAgent(chat, "Email.", team + "Email", tools: email.AsAITools());
                    workflows.Add(AgentWorkflowBuilder.BuildSequential([new ChatClientAgent(chat, "Research.", team), emailAgent]));
                }

                return workflows;
            }

            public static Workflow OneChat(IChatClient chat, EmailTools email, string[] teams)
            {
                var members = teams.Select(t => (AIAgent)new ChatClientAgent(chat, "Email.", t, tools: [{|#0:email.SendEmailAIFunction|}])).ToList();
                return AgentWorkflowBuilder.BuildConcurrent(members);
            }
        }
        """,
        Sends(0, "every other agent this loop creates", "the concurrent workflow built at Test0.cs, line 19"));

    [Fact]
    public Task A_helper_that_builds_the_whole_chat_is_one_conversation_per_call() => VerifyAsync("""
        public static class Chats
        {
            private static Workflow Chat(IChatClient chat, AIAgent researcher, AIAgent mailer) =>
                AgentWorkflowBuilder.CreateGroupChatBuilderWith(a => new RoundRobinGroupChatManager(a)).AddParticipants([researcher, mailer]).Build();

            public static Workflow[] Create(IChatClient chat, EmailTools email)
            {
                var supportMail = new ChatClientAgent(chat, "Support mail.", "SupportMail", tools: [email.SendEmailAIFunction]);
                var salesMail = new ChatClientAgent(chat, "Sales mail.", "SalesMail", tools: [email.SendEmailAIFunction]);
                var support = Chat(chat, new ChatClientAgent(chat, "Research.", "SupportResearch"), supportMail);
                var sales = Chat(chat, new ChatClientAgent(chat, "Research.", "SalesResearch"), salesMail);
                var careless = Chat(chat, new ChatClientAgent(chat, "Research.", "Careless", tools: [email.SendEmailAIFunction]), new ChatClientAgent(chat, "Mail.", "Mail", tools: [{|#0:email.SendEmailAIFunction|}]));
                return [support, sales, careless];
            }
        }
        """,
        Sends(0, "agent 'Careless' (Test0.cs, line 13)", "the group chat built at Test0.cs, line 5"));

    [Fact]
    public Task Conversation_builders_named_in_editorconfig_join_their_agents() => VerifyFilesAsync(
        new[]
        {
            """
            public sealed class Orchestrator
            {
                public Orchestrator Add(AIAgent agent) => this;
            }
            public static class Setup
            {
                public static AIAgent Support(IChatClient chat, EmailTools email) => new ChatClientAgent(chat, "Support.", "Support", tools: [email.SendEmailAIFunction]);

                public static AIAgent Sales(IChatClient chat, EmailTools email) => new ChatClientAgent(chat, "Sales.", "Sales", tools: [{|#0:email.SendEmailAIFunction|}]);

                public static Orchestrator Wire(IChatClient chat, EmailTools email)
                {
                    var orchestrator = new Orchestrator();
                    orchestrator.Add(Support(chat, email));
                    orchestrator.Add(Sales(chat, email));
                    return orchestrator;
                }
            }
            """,
        },
        new[] { Sends(0, "agent 'Support' (Test0.cs, line 8)", "the conversation of 'Orchestrator.Add' in 'orchestrator'") },
        editorConfig: "multimail_conversation_builders = Orchestrator.Add");

    [Fact]
    public Task Without_the_editorconfig_entry_agents_handed_to_one_setup_share_it() => VerifyAsync("""
        public sealed class Orchestrator
        {
            public Orchestrator Add(AIAgent agent) => this;
        }
        public static class Setup
        {
            public static AIAgent Support(IChatClient chat, EmailTools email) => new ChatClientAgent(chat, "Support.", "Support", tools: [email.SendEmailAIFunction]);

            public static AIAgent Sales(IChatClient chat, EmailTools email) => new ChatClientAgent(chat, "Sales.", "Sales", tools: [{|#0:email.SendEmailAIFunction|}]);

            public static Orchestrator Wire(IChatClient chat, EmailTools email)
            {
                var orchestrator = new Orchestrator();
                orchestrator.Add(Support(chat, email));
                orchestrator.Add(Sales(chat, email));
                return orchestrator;
            }
        }
        """,
        // Nothing the analyzer knows joins them, but both helpers hand their agents to Wire: one setup scope holds both.
        Sends(0, "agent 'Support' (Test0.cs, line 8)", "the setup in Setup.Wire"));

    [Fact]
    public Task Agents_registered_in_separate_lambdas_are_separate_conversations() => VerifyAsync("""
        public static class Registrations
        {
            public static void Register(List<Func<AIAgent>> factories, IChatClient chat, EmailTools email)
            {
                factories.Add(() => new ChatClientAgent(chat, "Support.", "Support", tools: email.AsAITools()));
                factories.Add(() => new ChatClientAgent(chat, "Sales.", "Sales", tools: email.AsAITools()));
            }
        }
        """);

    [Fact]
    public Task Switches_fan_out_edges_Magentic_sequential_builders_and_bound_subworkflows_join_their_agents() => VerifyAsync("""
        public static class Shapes
        {
            public static Workflow Switch(IChatClient chat, EmailTools email)
            {
                AIAgent router = new ChatClientAgent(chat, "Route.", "Router");
                AIAgent a = new ChatClientAgent(chat, "A.", "A", tools: [email.SendEmailAIFunction]);
                AIAgent b = new ChatClientAgent(chat, "B.", "B", tools: [{|#0:email.SendEmailAIFunction|}]);
                var builder = new WorkflowBuilder(router);
                builder.AddSwitch(router, s => s.AddCase<string>(text => text.Length > 3, [a]).WithDefault([b]));
                return builder.Build();
            }

            public static Workflow FanOut(IChatClient chat, EmailTools email)
            {
                AIAgent source = new ChatClientAgent(chat, "Start.", "Start", tools: [email.SendEmailAIFunction]);
                AIAgent c = new ChatClientAgent(chat, "C.", "C", tools: [{|#1:email.SendEmailAIFunction|}]);
                return new WorkflowBuilder(source).AddFanOutEdge(source, [c, new ChatClientAgent(chat, "D.", "D")]).Build();
            }

            public static Workflow Magentic(IChatClient chat, EmailTools email)
            {
                var manager = new ChatClientAgent(chat, "Plan.", "Manager");
                var e = new ChatClientAgent(chat, "E.", "E", tools: [email.SendEmailAIFunction]);
                var f = new ChatClientAgent(chat, "F.", "F", tools: [{|#2:email.SendEmailAIFunction|}]);
                return AgentWorkflowBuilder.CreateMagenticBuilderWith(manager).AddParticipants([e, f]).Build();
            }

            public static Workflow SequentialBuilder(IChatClient chat, EmailTools email)
            {
                var g = new ChatClientAgent(chat, "G.", "G", tools: [email.SendEmailAIFunction]);
                var h = new ChatClientAgent(chat, "H.", "H", tools: [{|#3:email.SendEmailAIFunction|}]);
                return AgentWorkflowBuilder.CreateSequentialBuilderWith([g, h]).Build();
            }

            public static Workflow BoundSubworkflow(IChatClient chat, EmailTools email)
            {
                var inner = AgentWorkflowBuilder.BuildSequential([new ChatClientAgent(chat, "I.", "I", tools: [email.SendEmailAIFunction])]);
                AIAgent j = new ChatClientAgent(chat, "J.", "J", tools: [{|#4:email.SendEmailAIFunction|}]);
                var builder = new WorkflowBuilder(j);
                builder.AddEdge(j, inner.BindAsExecutor("inner"));
                return builder.Build();
            }
        }
        """,
        Sends(0, "agent 'A' (Test0.cs, line 7)", "the workflow built at Test0.cs, line 9"),
        Sends(1, "agent 'Start' (Test0.cs, line 16)", "the workflow built at Test0.cs, line 18"),
        Sends(2, "agent 'E' (Test0.cs, line 24)", "the Magentic workflow built at Test0.cs, line 26"),
        Sends(3, "agent 'G' (Test0.cs, line 31)", "the sequential workflow built at Test0.cs, line 33"),
        Sends(4, "agent 'I' (Test0.cs, line 38)", "the workflow built at Test0.cs, line 40"));

    [Fact]
    public Task An_agent_in_two_conversations_gets_one_diagnostic_naming_both() => VerifyAsync("""
        public static class Shared
        {
            public static Workflow[] Create(IChatClient chat, EmailTools email)
            {
                var support = new ChatClientAgent(chat, "Support.", "Support", tools: [email.SendEmailAIFunction]);
                var sales = new ChatClientAgent(chat, "Sales.", "Sales", tools: [email.SendEmailAIFunction]);
                var both = new ChatClientAgent(chat, "Both.", "Both", tools: [{|#0:email.SendEmailAIFunction|}]);
                return [AgentWorkflowBuilder.BuildSequential([support, both]), AgentWorkflowBuilder.BuildConcurrent([sales, both])];
            }
        }
        """,
        Sends(0, "agent 'Support' (Test0.cs, line 6) and agent 'Sales' (Test0.cs, line 7)", "the sequential workflow built at Test0.cs, line 9 and the concurrent workflow built at Test0.cs, line 9"));
}

