using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static MultiMail.Generators.Tests.Analysis.AgentAnalyzerVerifier;

namespace MultiMail.Generators.Tests.Analysis;

/// <summary>
/// MMG1001/MMG1002 against the real Agent Framework: the seed guide's group chat and its variants, every way tools reach
/// an agent (locals, fields, collections, spreads, options objects, helpers, loops, other files), and what must stay silent.
/// </summary>
public sealed class AgentToolAnalyzerTests
{
    private static DiagnosticResult Sends(int location) =>
        new DiagnosticResult(DiagnosticDescriptors.EmailToolOnSeveralAgents).WithLocation(location).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    private static DiagnosticResult Shares(int location) =>
        new DiagnosticResult(DiagnosticDescriptors.ToolOnSeveralAgents).WithLocation(location).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    /// <summary>Everything EmailTools.AsAITools() holds, reported at one location, naming the same other agents and conversation.</summary>
    private static DiagnosticResult[] AllEmailTools(int location, string others, string conversation) => new[]
    {
        Sends(location).WithArguments("reply_email", others, conversation),
        Sends(location).WithArguments("send_email", others, conversation),
        Shares(location).WithArguments("check_inbox", others, conversation),
    };

    /// <summary>How the message names a setup scope.</summary>
    private static string Setup(string scope) => "the setup in " + scope;

    private const string Loop = "every other agent this loop creates";

    [Fact]
    public Task Seed_group_chat_with_one_email_agent_is_silent() => VerifyAsync("""
        public static class GroupChat
        {
            public static (AIAgent, AIAgent) Create(IChatClient chat, MultiMailClient client)
            {
                var emailTools = new EmailTools(client);
                var researcher = new ChatClientAgent(chat, "You research topics and provide summaries. You do not send emails directly.", "Researcher");
                var emailAgent = new ChatClientAgent(chat, "You handle email communications via MultiMail.", "EmailAgent", tools: emailTools.AsAITools());
                return (researcher, emailAgent);
            }
        }
        """);

    [Fact]
    public async Task Researcher_also_given_the_email_tools_is_MMG1001_at_the_later_agent_naming_the_first()
    {
        var source = """
            public static class GroupChat
            {
                public static (AIAgent, AIAgent) Create(IChatClient chat, MultiMailClient client)
                {
                    var emailTools = new EmailTools(client);
                    var researcher = new ChatClientAgent(chat, "You research.", "Researcher", tools: {|#1:emailTools.AsAITools()|});
                    var emailAgent = new ChatClientAgent(chat, "You handle email.", "EmailAgent", tools: {|#0:emailTools.AsAITools()|});
                    return (researcher, emailAgent);
                }
            }
            """;
        var first = "agent 'Researcher' (Test0.cs, line 7)";
        var setup = Setup("GroupChat.Create");
        await VerifyAsync(
            source,
            new DiagnosticResult(DiagnosticDescriptors.EmailToolOnSeveralAgents).WithLocation(0).WithLocation(1).WithArguments("reply_email", first, setup),
            new DiagnosticResult(DiagnosticDescriptors.EmailToolOnSeveralAgents).WithLocation(0).WithLocation(1).WithArguments("send_email", first, setup),
            new DiagnosticResult(DiagnosticDescriptors.ToolOnSeveralAgents).WithLocation(0).WithLocation(1).WithArguments("check_inbox", first, setup));
    }

    [Fact]
    public Task Only_send_email_given_twice_through_the_per_tool_property() => VerifyAsync("""
        public static class GroupChat
        {
            public static AIAgent[] Create(IChatClient chat, EmailTools email) => new AIAgent[]
            {
                new ChatClientAgent(chat, "Draft.", "Drafter", tools: [email.CheckInboxAIFunction]),
                new ChatClientAgent(chat, "Send.", "Sender", tools: [email.SendEmailAIFunction]),
                new ChatClientAgent(chat, "Also send.", "Second", tools: [{|#1:email.CheckInboxAIFunction|}, {|#0:email.SendEmailAIFunction|}]),
            };
        }
        """,
        Sends(0).WithArguments("send_email", "agent 'Sender' (Test0.cs, line 7)", Setup("GroupChat.Create")),
        Shares(1).WithArguments("check_inbox", "agent 'Drafter' (Test0.cs, line 6)", Setup("GroupChat.Create")));

    [Fact]
    public Task Read_only_tools_shared_are_MMG1002_only() => VerifyAsync("""
        public static class Team
        {
            public static void Create(IChatClient chat, InboxTools inbox)
            {
                var triage = new ChatClientAgent(chat, "Triage.", "Triage", tools: inbox.AsAITools());
                var summarizer = new ChatClientAgent(chat, "Summarize.", "Summarizer", tools: {|#0:inbox.AsAITools()|});
            }
        }
        """,
        Shares(0).WithArguments("check_inbox", "agent 'Triage' (Test0.cs, line 6)", Setup("Team.Create")));

    [Fact]
    public Task AsAIAgent_extension_counts_like_the_constructor() => VerifyAsync("""
        public static class Team
        {
            public static void Create(IChatClient chat, EmailTools email)
            {
                AIAgent sender = chat.AsAIAgent("Send mail.", "Sender", tools: email.AsAITools());
                AIAgent researcher = chat.AsAIAgent(instructions: "Research.", name: "Researcher", tools: [{|#0:..email.AsAITools()|}]);
            }
        }
        """,
        AllEmailTools(0, "agent 'Sender' (Test0.cs, line 6)", Setup("Team.Create")));

    [Fact]
    public Task Helper_factory_forwarding_the_tools_reports_at_the_call() => VerifyAsync("""
        public static class Team
        {
            private static AIAgent CreateAgent(IChatClient chat, string name, IList<AITool>? tools = null) =>
                new ChatClientAgent(chat, "You are " + name + ".", name, tools: tools);

            public static void Create(IChatClient chat, EmailTools emailTools)
            {
                var researcher = CreateAgent(chat, "Researcher", emailTools.AsAITools());
                var writer = CreateAgent(chat, "Writer");
                var emailAgent = CreateAgent(chat, "EmailAgent", {|#0:emailTools.AsAITools()|});
            }
        }
        """,
        AllEmailTools(0, "agent 'Researcher' (Test0.cs, line 9)", Setup("Team.Create")));

    [Fact]
    public Task Helper_that_adds_the_email_tools_itself_makes_every_call_an_email_agent() => VerifyAsync("""
        public static class Team
        {
            private static ChatClientAgent CreateAgent(IChatClient chat, string name, EmailTools email) =>
                new(chat, "You are " + name + ".", name, tools: [email.SendEmailAIFunction]);

            public static void Create(IChatClient chat, EmailTools email)
            {
                var a = CreateAgent(chat, "A", email);
                var b = {|#0:CreateAgent(chat, "B", email)|};
            }
        }
        """,
        Sends(0).WithArguments("send_email", "agent 'A' (Test0.cs, line 9)", Setup("Team.Create")));

    [Fact]
    public Task Class_whose_constructor_creates_an_email_agent_is_one_agent_per_instance() => VerifyAsync("""
        public sealed class EmailDesk
        {
            public EmailDesk(IChatClient chat, string name, EmailTools email) =>
                Agent = new ChatClientAgent(chat, "You are " + name + ".", name, tools: [email.SendEmailAIFunction]);

            public AIAgent Agent { get; }
        }
        public static class Team
        {
            public static void Create(IChatClient chat, EmailTools email)
            {
                var support = new EmailDesk(chat, "Support", email);
                var sales = {|#0:new EmailDesk(chat, "Sales", email)|};
            }
        }
        """,
        Sends(0).WithArguments("send_email", "agent 'Support' (Test0.cs, line 13)", Setup("Team.Create")));

    [Fact]
    public Task Agent_created_in_a_loop_counts_as_several() => VerifyAsync("""
        public static class Team
        {
            public static List<AIAgent> Create(IChatClient chat, EmailTools email, string[] names)
            {
                var agents = new List<AIAgent>();
                foreach (var name in names)
                {
                    agents.Add(new ChatClientAgent(chat, "Help.", name, tools: {|#0:email.AsAITools()|}));
                }

                return agents;
            }
        }
        """,
        AllEmailTools(0, Loop, Setup("Team.Create")));

    [Fact]
    public Task Agents_created_by_a_Select_lambda_count_as_several() => VerifyAsync("""
        public static class Team
        {
            public static AIAgent[] Create(IChatClient chat, EmailTools email, string[] names) =>
                names.Select(n => (AIAgent)new ChatClientAgent(chat, "Help.", n, tools: [{|#0:email.SendEmailAIFunction|}])).ToArray();
        }
        """,
        Sends(0).WithArguments("send_email", Loop, Setup("Team.Create")));

    [Fact]
    public Task Spread_of_a_local_collection_expression() => VerifyAsync("""
        public static class Team
        {
            public static void Create(IChatClient chat, EmailTools email)
            {
                List<AITool> emailTools = [..email.AsAITools()];
                AITool clock = AIFunctionFactory.Create(() => DateTime.UtcNow.ToString("O"), "now");
                var emailAgent = new ChatClientAgent(chat, "Email.", "EmailAgent", tools: emailTools);
                var researcher = new ChatClientAgent(chat, "Research.", "Researcher", tools: [clock, {|#0:..emailTools|}]);
            }
        }
        """,
        AllEmailTools(0, "agent 'EmailAgent' (Test0.cs, line 8)", Setup("Team.Create")));

    [Fact]
    public Task Shared_options_object_gives_both_agents_the_tools() => VerifyAsync("""
        public static class Team
        {
            public static void Create(IChatClient chat, EmailTools email)
            {
                var options = new ChatClientAgentOptions { Name = "Mailer", ChatOptions = new() { Tools = email.AsAITools() } };
                var first = new ChatClientAgent(chat, options);
                var second = new ChatClientAgent(chat, {|#0:options|});
            }
        }
        """,
        AllEmailTools(0, "agent 'first' (Test0.cs, line 7)", Setup("Team.Create")));

    [Fact]
    public Task Shared_chat_options_with_tools_added_later() => VerifyAsync("""
        public static class Team
        {
            public static void Create(IChatClient chat, EmailTools email)
            {
                var chatOptions = new ChatOptions { Tools = new List<AITool>() };
                chatOptions.Tools.Add(email.SendEmailAIFunction);
                var first = new ChatClientAgent(chat, new ChatClientAgentOptions { Name = "One", ChatOptions = chatOptions });
                var second = new ChatClientAgent(chat, new ChatClientAgentOptions { Name = "Two", ChatOptions = {|#0:chatOptions|} });
            }
        }
        """,
        Sends(0).WithArguments("send_email", "agent 'One' (Test0.cs, line 8)", Setup("Team.Create")));

    [Fact]
    public Task Agents_made_by_two_methods_and_never_joined_are_separate_conversations() => VerifyAsync("""
        public sealed class Team
        {
            private readonly List<AITool> _emailTools = new();
            private readonly IChatClient _chat;

            public Team(IChatClient chat, EmailTools email)
            {
                _chat = chat;
                _emailTools.AddRange(email.AsAITools());
            }

            public AIAgent EmailAgent() => new ChatClientAgent(_chat, "Email.", "EmailAgent", tools: _emailTools);

            public AIAgent Researcher() => new ChatClientAgent(_chat, "Research.", "Researcher", tools: _emailTools);
        }
        """);

    [Fact]
    public Task Tools_stored_in_a_field_reach_two_agents_a_workflow_joins() => VerifyAsync("""
        public sealed class Team
        {
            private readonly List<AITool> _emailTools = new();
            private readonly IChatClient _chat;

            public Team(IChatClient chat, EmailTools email)
            {
                _chat = chat;
                _emailTools.AddRange(email.AsAITools());
            }

            public AIAgent EmailAgent() => new ChatClientAgent(_chat, "Email.", "EmailAgent", tools: _emailTools);

            public AIAgent Researcher() => new ChatClientAgent(_chat, "Research.", "Researcher", tools: {|#0:_emailTools|});

            public Workflow Build() => AgentWorkflowBuilder.BuildSequential([EmailAgent(), Researcher()]);
        }
        """,
        AllEmailTools(0, "agent 'EmailAgent' (Test0.cs, line 13)", "the sequential workflow built at Test0.cs, line 17"));

    [Fact]
    public Task Cross_file_helper_and_agents_are_reported_over_the_compilation_when_a_workflow_joins_them() => VerifyFilesAsync(
        new[]
        {
            """
            public static class Shared
            {
                public static IList<AITool> EmailTools(MultiMailClient client) => new EmailTools(client).AsAITools();
            }
            """,
            """
            public static class EmailDesk
            {
                public static AIAgent Create(IChatClient chat, MultiMailClient client) => new ChatClientAgent(chat, "Email.", "EmailAgent", tools: Shared.EmailTools(client));
            }
            """,
            """
            public static class ResearchDesk
            {
                public static AIAgent Create(IChatClient chat, MultiMailClient client) => new ChatClientAgent(chat, "Research.", "Researcher", tools: {|#0:Shared.EmailTools(client)|});
            }
            """,
            """
            public static class Office
            {
                public static Workflow Build(IChatClient chat, MultiMailClient client) => AgentWorkflowBuilder
                    .CreateGroupChatBuilderWith(agents => new RoundRobinGroupChatManager(agents))
                    .AddParticipants([EmailDesk.Create(chat, client), ResearchDesk.Create(chat, client)])
                    .Build();
            }
            """,
        },
        AllEmailTools(0, "agent 'EmailAgent' (Test1.cs, line 4)", "the group chat built at Test3.cs, line 4"));

    [Fact]
    public Task Cross_file_agents_never_joined_are_separate_conversations() => VerifyFilesAsync(
        new[]
        {
            """
            public static class Shared
            {
                public static IList<AITool> EmailTools(MultiMailClient client) => new EmailTools(client).AsAITools();
            }
            """,
            """
            public static class EmailDesk
            {
                public static AIAgent Create(IChatClient chat, MultiMailClient client) => new ChatClientAgent(chat, "Email.", "EmailAgent", tools: Shared.EmailTools(client));
            }
            """,
            """
            public static class ResearchDesk
            {
                public static AIAgent Create(IChatClient chat, MultiMailClient client) => new ChatClientAgent(chat, "Research.", "Researcher", tools: Shared.EmailTools(client));
            }
            """,
        },
        new DiagnosticResult[0]);

    [Fact]
    public Task Cross_file_calls_that_name_nothing_agent_related_still_count() => VerifyFilesAsync(
        new[]
        {
            """
            public static class Desk
            {
                public static object Open(IChatClient chat, string name, EmailTools mail) => new ChatClientAgent(chat, name, name, tools: mail.AsAITools());
            }
            """,
            """
            public static class Office
            {
                public static void Start(IChatClient chat, MultiMailClient client)
                {
                    var mail = new EmailTools(client);
                    var front = Desk.Open(chat, "Front", mail);
                    var back = {|#0:Desk.Open(chat, "Back", mail)|};
                }
            }
            """,
        },
        AllEmailTools(0, "agent 'Front' (Test1.cs, line 7)", Setup("Office.Start")));

    [Fact]
    public Task Same_agent_registered_twice_is_one_agent() => VerifyFilesAsync(
        new[]
        {
            """
            public sealed class AgentBuilder
            {
                public AgentBuilder WithTools(IEnumerable<AITool> tools) => this;
            }
            public static class Team
            {
                public static void Create(EmailTools email)
                {
                    var builder = new AgentBuilder();
                    builder.WithTools(email.AsAITools());
                    builder.WithTools([email.SendEmailAIFunction]);
                }
            }
            """,
        },
        new DiagnosticResult[0],
        editorConfig: "multimail_agent_registration_methods = AgentBuilder.WithTools");

    [Fact]
    public Task One_agent_given_the_same_tool_twice_is_one_holder() => VerifyAsync("""
        public static class Team
        {
            public static AIAgent Create(IChatClient chat, EmailTools email)
            {
                IList<AITool> tools = [.. email.AsAITools(), email.SendEmailAIFunction];
                tools.Add(email.SendEmailAIFunction);
                return new ChatClientAgent(chat, "Email.", "EmailAgent", tools: [.. tools, email.ReplyEmailAIFunction]);
            }
        }
        """);

    [Fact]
    public Task Registration_methods_named_in_editorconfig_are_covered() => VerifyFilesAsync(
        new[]
        {
            """
            public sealed class MyAgent
            {
                public void RegisterForLlm(object toolSet) { }
                public void RegisterForExecution(object toolSet) { }
            }
            public static class Team
            {
                public static void Create(EmailTools email)
                {
                    var assistant = new MyAgent();
                    var researcher = new MyAgent();
                    var proxy = new MyAgent();
                    assistant.RegisterForLlm(email);
                    proxy.RegisterForExecution(email);
                    researcher.RegisterForLlm({|#0:email|});
                }
            }
            """,
        },
        AllEmailTools(0, "agent 'assistant' (Test0.cs, line 14)", Setup("Team.Create")),
        editorConfig: "multimail_agent_registration_methods = MyAgent.RegisterForLlm");

    [Fact]
    public Task Registration_methods_named_in_editorconfig_make_an_otherwise_plain_method_worth_analysing() => VerifyFilesAsync(
        new[]
        {
            """
            public sealed class Bot
            {
                public void Learn(object skills) { }
            }
            public static class Wiring
            {
                public static void Wire(MultiMailClient client)
                {
                    var front = new Bot();
                    front.Learn(new EmailTools(client));
                    var back = new Bot();
                    back.Learn({|#0:new EmailTools(client)|});
                }
            }
            """,
        },
        AllEmailTools(0, "agent 'front' (Test0.cs, line 11)", Setup("Wiring.Wire")),
        editorConfig: "multimail_agent_registration_methods = Bot.Learn, Bot..ctor");

    [Fact]
    public Task Without_the_editorconfig_entry_custom_methods_are_not_registrations() => VerifyFilesAsync(
        new[]
        {
            """
            public sealed class MyAgent
            {
                public void RegisterForLlm(object toolSet) { }
            }
            public static class Team
            {
                public static void Create(EmailTools email)
                {
                    new MyAgent().RegisterForLlm(email);
                    new MyAgent().RegisterForLlm(email);
                }
            }
            """,
        },
        new DiagnosticResult[0]);

    [Fact]
    public Task Unrelated_AITools_shared_by_agents_are_silent() => VerifyAsync("""
        public static class Team
        {
            public static void Create(IChatClient chat, EmailTools email)
            {
                AITool clock = AIFunctionFactory.Create(() => DateTime.UtcNow.ToString("O"), "now");
                IList<AITool> common = [clock, AIFunctionFactory.Create((string q) => q, "search")];
                var researcher = new ChatClientAgent(chat, "Research.", "Researcher", tools: common);
                var writer = new ChatClientAgent(chat, "Write.", "Writer", tools: [.. common]);
                var emailAgent = new ChatClientAgent(chat, "Email.", "EmailAgent", tools: [clock, .. email.AsAITools()]);
            }
        }
        """);

    [Fact]
    public Task Execution_only_registration_does_not_count() => VerifyAsync("""
        public static class Team
        {
            public static void Create(IChatClient inner, EmailTools email)
            {
                // The host may execute the email tools, but no model is offered them.
                var executing = new FunctionInvokingChatClient(inner) { AdditionalTools = email.AsAITools() };
                var researcher = new ChatClientAgent(executing, "Research.", "Researcher");
                var emailAgent = new ChatClientAgent(executing, "Email.", "EmailAgent", tools: email.AsAITools());
            }
        }
        """);

    [Fact]
    public Task Conditional_tools_count() => VerifyAsync("""
        public static class Team
        {
            public static void Create(IChatClient chat, EmailTools email, bool canSend)
            {
                var emailAgent = new ChatClientAgent(chat, "Email.", "EmailAgent", tools: [email.SendEmailAIFunction]);
                var researcher = new ChatClientAgent(chat, "Research.", "Researcher", tools: [{|#0:canSend ? email.SendEmailAIFunction : AIFunctionFactory.Create(() => "", "noop")|}]);
            }
        }
        """,
        Sends(0).WithArguments("send_email", "agent 'EmailAgent' (Test0.cs, line 6)", Setup("Team.Create")));

    [Fact]
    public Task Pragma_suppresses() => VerifyAsync("""
        public static class Team
        {
            public static void Create(IChatClient chat, InboxTools inbox)
            {
                var triage = new ChatClientAgent(chat, "Triage.", "Triage", tools: inbox.AsAITools());
        #pragma warning disable MMG1002 // both may read the inbox
                var summarizer = new ChatClientAgent(chat, "Summarize.", "Summarizer", tools: inbox.AsAITools());
        #pragma warning restore MMG1002
            }
        }
        """);

    [Fact]
    public Task Editorconfig_severity_none_turns_a_rule_off() => VerifyFilesAsync(
        new[]
        {
            """
            public static class Team
            {
                public static void Create(IChatClient chat, EmailTools email)
                {
                    var a = new ChatClientAgent(chat, "A.", "A", tools: email.AsAITools());
                    var b = new ChatClientAgent(chat, "B.", "B", tools: {|#0:email.AsAITools()|});
                }
            }
            """,
        },
        new[] { Sends(0).WithArguments("reply_email", "agent 'A' (Test0.cs, line 6)", Setup("Team.Create")), Sends(0).WithArguments("send_email", "agent 'A' (Test0.cs, line 6)", Setup("Team.Create")) },
        editorConfig: "dotnet_diagnostic.MMG1002.severity = none");

    [Fact]
    public Task Top_level_statements_are_analysed() => RunAsync(
        new[]
        {
            """
            var client = new MultiMailClient();
            var email = new EmailTools(client);
            IChatClient chat = null!;
            var researcher = new ChatClientAgent(chat, "Research.", "Researcher", tools: [email.CheckInboxAIFunction]);
            var emailAgent = new ChatClientAgent(chat, "Email.", "EmailAgent", tools: {|#0:email.AsAITools()|});
            """ + "\n" + ToolTypes,
        },
        new[] { Shares(0).WithArguments("check_inbox", "agent 'Researcher' (Test0.cs, line 5)", Setup("the top-level statements (Test0.cs)")) },
        editorConfig: null,
        includeToolTypes: false,
        outputKind: OutputKind.ConsoleApplication);

    [Fact]
    public Task The_samples_anti_pattern_variant_is_reported()
    {
        // The GroupChat sample with the Researcher also given the email tools (kept compiled in the samples' tests).
        var variant = File.ReadAllText(RepositoryFiles.Path("tests", "MultiMail.Samples.Tests", "Variants", "ResearcherAlsoGetsEmailTools.cs"));
        var shared = Directory.GetFiles(RepositoryFiles.Path("samples", "Shared"), "*.cs").OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllText);
        var lines = variant.Split('\n');
        var registrations = Enumerable.Range(0, lines.Length).Where(i => lines[i].Contains("tools: emailTools.AsAITools()", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, registrations.Length);
        var line = registrations[1] + 2; // 1-based, after the verifier's usings line
        var column = lines[registrations[1]].IndexOf("emailTools.AsAITools()", StringComparison.Ordinal) + 1;
        var first = "agent 'Researcher' (Test0.cs, line " + (registrations[0] + 2) + ")";
        // The variant joins the agents with AddParticipants(researcher, emailAgent), a C# 13 params collection that the
        // Roslyn 4.8 these tests run on cannot bind: the agents then count as one setup, which is still this conversation.
        // ConsumerBuildTests has the same call compiled by the SDK's compiler, reported as the group chat.
        var chat = "the setup in ResearcherAlsoGetsEmailTools.RunAsync";
        DiagnosticResult At(DiagnosticResult result) => result.WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithSpan("/0/Test0.cs", line, column, line, column + "emailTools.AsAITools()".Length);
        return RunAsync(
            new[] { variant }.Concat(shared).ToArray(),
            new[]
            {
                At(new DiagnosticResult(DiagnosticDescriptors.EmailToolOnSeveralAgents)).WithArguments("reply_email", first, chat),
                At(new DiagnosticResult(DiagnosticDescriptors.EmailToolOnSeveralAgents)).WithArguments("send_email", first, chat),
                At(new DiagnosticResult(DiagnosticDescriptors.ToolOnSeveralAgents)).WithArguments("check_inbox", first, chat),
            },
            editorConfig: null,
            includeToolTypes: false,
            compilerDiagnostics: CompilerDiagnostics.None);
    }
}
