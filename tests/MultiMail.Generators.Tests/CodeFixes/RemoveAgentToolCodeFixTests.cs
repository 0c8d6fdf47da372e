using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using MultiMail.CodeFixes;
using MultiMail.Generators.Analysis;
using MultiMail.Generators.Tests.Analysis;

namespace MultiMail.Generators.Tests.CodeFixes;

/// <summary>MMG1001/MMG1002's fix: the later agent loses the duplicated tool; the code still compiles.</summary>
public sealed class RemoveAgentToolCodeFixTests
{
    private static async Task VerifyAsync(string source, string fixedSource, DiagnosticResult[] expected, LanguageVersion version = LanguageVersion.CSharp12, string? equivalenceKey = null)
    {
        var usings = AgentAnalyzerVerifier.Usings;
        var tools = usings + AgentAnalyzerVerifier.ToolTypes;
        var generated = await AgentAnalyzerVerifier.GenerateAsync(
            new[] { ("/0/Test0.cs", AgentAnalyzerVerifier.ParseMarkup(usings + source)), ("/0/Tools.cs", tools) }, version);
        var test = new CodeFixVerifier<AgentToolAnalyzer, RemoveAgentToolCodeFixProvider>.Test
        {
            ReferenceAssemblies = AgentAnalyzerVerifier.References,
            LanguageVersion = version,
            CodeActionEquivalenceKey = equivalenceKey ?? RemoveAgentToolCodeFixProvider.EquivalenceKey,
            // The fixed code must compile: the generator's output is part of the test.
            CompilerDiagnostics = CompilerDiagnostics.Errors,
        };
        test.TestState.AdditionalReferences.Clear();
        test.TestState.AdditionalReferences.AddRange(AgentAnalyzerVerifier.Libraries);
        test.TestState.Sources.Add(("/0/Test0.cs", usings + source));
        test.FixedState.Sources.Add(("/0/Test0.cs", usings + fixedSource));
        foreach (var state in new[] { test.TestState, test.FixedState })
        {
            state.Sources.Add(("/0/Tools.cs", tools));
            foreach (var file in generated)
            {
                state.Sources.Add(file);
            }
        }

        test.ExpectedDiagnostics.AddRange(expected);
        if (equivalenceKey is not null)
        {
            // "Keep it here" edits another agent, one diagnostic at a time: no fix-all.
            test.CodeFixTestBehaviors = CodeFixTestBehaviors.SkipFixAllCheck;
        }

        if (source == fixedSource)
        {
            test.FixedState.ExpectedDiagnostics.AddRange(expected);
        }

        await test.RunAsync(CancellationToken.None);
    }

    private const string TeamSetup = "the setup in Team.Create";

    private static DiagnosticResult Sends(string tool, string others, string conversation = TeamSetup) =>
        new DiagnosticResult(DiagnosticDescriptors.EmailToolOnSeveralAgents).WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments(tool, others, conversation);

    private static DiagnosticResult Shares(string tool, string others, string conversation = TeamSetup) =>
        new DiagnosticResult(DiagnosticDescriptors.ToolOnSeveralAgents).WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments(tool, others, conversation);

    private static DiagnosticResult[] All(string others, string conversation = TeamSetup) => new[]
    {
        Sends("reply_email", others, conversation),
        Sends("send_email", others, conversation),
        Shares("check_inbox", others, conversation),
    };

    private const string Prefix = """
        public static class Team
        {
            public static void Create(IChatClient chat, EmailTools email)
            {

        """;

    private const string Suffix = """

            }
        }
        """;

    [Fact]
    public Task Removes_the_duplicated_element() => VerifyAsync(
        Prefix + """
                var sender = new ChatClientAgent(chat, "Send.", "Sender", tools: [email.SendEmailAIFunction]);
                var second = new ChatClientAgent(chat, "Read.", "Reader", tools: [email.CheckInboxAIFunction, {|#0:email.SendEmailAIFunction|}]);
        """ + Suffix,
        Prefix + """
                var sender = new ChatClientAgent(chat, "Send.", "Sender", tools: [email.SendEmailAIFunction]);
                var second = new ChatClientAgent(chat, "Read.", "Reader", tools: [email.CheckInboxAIFunction]);
        """ + Suffix,
        new[] { Sends("send_email", "agent 'Sender' (Test0.cs, line 6)") });

    [Fact]
    public Task Removes_the_first_element_of_an_array_initializer() => VerifyAsync(
        Prefix + """
                var sender = new ChatClientAgent(chat, "Send.", "Sender", tools: new AITool[] { email.ReplyEmailAIFunction });
                var second = new ChatClientAgent(chat, "Read.", "Reader", tools: new AITool[] { {|#0:email.ReplyEmailAIFunction|}, email.CheckInboxAIFunction });
        """ + Suffix,
        Prefix + """
                var sender = new ChatClientAgent(chat, "Send.", "Sender", tools: new AITool[] { email.ReplyEmailAIFunction });
                var second = new ChatClientAgent(chat, "Read.", "Reader", tools: new AITool[] { email.CheckInboxAIFunction });
        """ + Suffix,
        new[] { Sends("reply_email", "agent 'Sender' (Test0.cs, line 6)") });

    [Fact]
    public Task AsAITools_argument_becomes_the_other_tools() => VerifyAsync(
        Prefix + """
                var sender = new ChatClientAgent(chat, "Send.", "Sender", tools: [email.SendEmailAIFunction]);
                var assistant = new ChatClientAgent(chat, "Assist.", "Assistant", tools: {|#0:email.AsAITools()|});
        """ + Suffix,
        Prefix + """
                var sender = new ChatClientAgent(chat, "Send.", "Sender", tools: [email.SendEmailAIFunction]);
                var assistant = new ChatClientAgent(chat, "Assist.", "Assistant", tools: [email.CheckInboxAIFunction, email.ReplyEmailAIFunction]);
        """ + Suffix,
        new[] { Sends("send_email", "agent 'Sender' (Test0.cs, line 6)") });

    [Fact]
    public Task Before_CSharp_12_an_array_is_written() => VerifyAsync(
        Prefix + """
                var sender = new ChatClientAgent(chat, "Send.", "Sender", tools: new AITool[] { email.SendEmailAIFunction });
                var assistant = new ChatClientAgent(chat, "Assist.", "Assistant", tools: {|#0:email.AsAITools()|});
        """ + Suffix,
        Prefix + """
                var sender = new ChatClientAgent(chat, "Send.", "Sender", tools: new AITool[] { email.SendEmailAIFunction });
                var assistant = new ChatClientAgent(chat, "Assist.", "Assistant", tools: new global::Microsoft.Extensions.AI.AITool[] { email.CheckInboxAIFunction, email.ReplyEmailAIFunction });
        """ + Suffix,
        new[] { Sends("send_email", "agent 'Sender' (Test0.cs, line 6)") },
        LanguageVersion.CSharp11);

    [Fact]
    public Task Fix_all_removes_every_reported_tool_of_a_spread() => VerifyAsync(
        Prefix + """
                AITool clock = AIFunctionFactory.Create(() => DateTime.UtcNow.ToString("O"), "now");
                var sender = new ChatClientAgent(chat, "Send.", "Sender", tools: [email.SendEmailAIFunction, email.ReplyEmailAIFunction]);
                var researcher = new ChatClientAgent(chat, "Research.", "Researcher", tools: [clock, {|#0:..email.AsAITools()|}]);
        """ + Suffix,
        Prefix + """
                AITool clock = AIFunctionFactory.Create(() => DateTime.UtcNow.ToString("O"), "now");
                var sender = new ChatClientAgent(chat, "Send.", "Sender", tools: [email.SendEmailAIFunction, email.ReplyEmailAIFunction]);
                var researcher = new ChatClientAgent(chat, "Research.", "Researcher", tools: [clock, email.CheckInboxAIFunction]);
        """ + Suffix,
        new[] { Sends("reply_email", "agent 'Sender' (Test0.cs, line 7)"), Sends("send_email", "agent 'Sender' (Test0.cs, line 7)") });

    [Fact]
    public Task The_researcher_variant_leaves_the_later_agent_without_the_shared_tools() => VerifyAsync(
        Prefix + """
                var researcher = new ChatClientAgent(chat, "Research.", "Researcher", tools: email.AsAITools());
                var emailAgent = new ChatClientAgent(chat, "Email.", "EmailAgent", tools: {|#0:email.AsAITools()|});
        """ + Suffix,
        Prefix + """
                var researcher = new ChatClientAgent(chat, "Research.", "Researcher", tools: email.AsAITools());
                var emailAgent = new ChatClientAgent(chat, "Email.", "EmailAgent", tools: []);
        """ + Suffix,
        All("agent 'Researcher' (Test0.cs, line 6)"));

    [Fact]
    public Task Not_offered_when_the_tools_come_through_a_shared_local()
    {
        var source = Prefix + """
                IList<AITool> shared = email.AsAITools();
                var first = new ChatClientAgent(chat, "One.", "One", tools: shared);
                var second = new ChatClientAgent(chat, "Two.", "Two", tools: {|#0:shared|});
        """ + Suffix;
        return VerifyAsync(source, source, All("agent 'One' (Test0.cs, line 7)"));
    }

    [Fact]
    public Task Keep_here_removes_the_tool_from_the_first_agent_instead() => VerifyAsync(
        Prefix + """
                var researcher = new ChatClientAgent(chat, "Research.", "Researcher", tools: [email.CheckInboxAIFunction, email.SendEmailAIFunction]);
                var emailAgent = new ChatClientAgent(chat, "Email.", "EmailAgent", tools: [{|#0:email.SendEmailAIFunction|}]);
        """ + Suffix,
        Prefix + """
                var researcher = new ChatClientAgent(chat, "Research.", "Researcher", tools: [email.CheckInboxAIFunction]);
                var emailAgent = new ChatClientAgent(chat, "Email.", "EmailAgent", tools: [email.SendEmailAIFunction]);
        """ + Suffix,
        new[] { Sends("send_email", "agent 'Researcher' (Test0.cs, line 6)") },
        equivalenceKey: RemoveAgentToolCodeFixProvider.KeepHereEquivalenceKey + ".0");

    [Fact]
    public async Task The_keep_here_action_names_the_other_agent()
    {
        var compilation = await AgentAnalyzerVerifier.CompileAsync("""
            public static class Team
            {
                public static void Create(IChatClient chat, EmailTools email)
                {
                    var researcher = new ChatClientAgent(chat, "Research.", "Researcher", tools: email.AsAITools());
                    var emailAgent = new ChatClientAgent(chat, "Email.", "EmailAgent", tools: email.AsAITools());
                }
            }
            """);
        var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new AgentToolAnalyzer())).GetAnalyzerDiagnosticsAsync();
        var send = Assert.Single(diagnostics, d => d.GetMessage(CultureInfo.InvariantCulture).StartsWith("'send_email'", StringComparison.Ordinal));
        Assert.Equal("agent 'Researcher'", send.Properties["Holders"]);
        Assert.Equal("SendEmail", send.Properties["ToolMethod"]);
        Assert.Equal("SendEmail,CheckInbox,ReplyEmail", send.Properties["ToolMethods"]);
    }

    private const string TwoWorkflows = """
        public static class Team
        {
            public static Workflow[] Create(IChatClient chat, EmailTools email)
            {
                var a = new ChatClientAgent(chat, "A.", "A", tools: [email.CheckInboxAIFunction, email.SendEmailAIFunction]);
                var b = new ChatClientAgent(chat, "B.", "B", tools: [email.SendEmailAIFunction]);
                var c = new ChatClientAgent(chat, "C.", "C", tools: [email.SendEmailAIFunction]);
                return [AgentWorkflowBuilder.BuildSequential([a, b]), AgentWorkflowBuilder.BuildSequential([c])];
            }
        }
        """;

    [Fact]
    public async Task Additional_locations_and_keep_here_follow_the_conversation()
    {
        // C, in its own workflow, also has send_email: B's diagnostic names, points at and offers to edit A only.
        var compilation = await AgentAnalyzerVerifier.CompileAsync(TwoWorkflows);
        var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new AgentToolAnalyzer())).GetAnalyzerDiagnosticsAsync();
        var send = Assert.Single(diagnostics);
        Assert.Equal("agent 'A'", send.Properties["Holders"]);
        Assert.Equal("the sequential workflow built at Test0.cs, line 9", send.Properties["Conversation"]);
        var other = Assert.Single(send.AdditionalLocations);
        Assert.Equal(5, other.GetLineSpan().StartLinePosition.Line);
        Assert.DoesNotContain("'C'", send.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public Task Keep_here_in_a_workflow_removes_the_tool_from_the_other_participant_only() => VerifyAsync(
        TwoWorkflows.Replace("tools: [email.SendEmailAIFunction]);\n        var c", "tools: [{|#0:email.SendEmailAIFunction|}]);\n        var c", StringComparison.Ordinal),
        TwoWorkflows.Replace("tools: [email.CheckInboxAIFunction, email.SendEmailAIFunction]", "tools: [email.CheckInboxAIFunction]", StringComparison.Ordinal),
        new[] { Sends("send_email", "agent 'A' (Test0.cs, line 6)", "the sequential workflow built at Test0.cs, line 9") },
        equivalenceKey: RemoveAgentToolCodeFixProvider.KeepHereEquivalenceKey + ".0");

    [Fact]
    public Task Remove_in_a_workflow_edits_the_reported_participant() => VerifyAsync(
        TwoWorkflows.Replace("tools: [email.SendEmailAIFunction]);\n        var c", "tools: [{|#0:email.SendEmailAIFunction|}]);\n        var c", StringComparison.Ordinal),
        TwoWorkflows.Replace("tools: [email.SendEmailAIFunction]);\n        var c", "tools: []);\n        var c", StringComparison.Ordinal),
        new[] { Sends("send_email", "agent 'A' (Test0.cs, line 6)", "the sequential workflow built at Test0.cs, line 9") });
}
