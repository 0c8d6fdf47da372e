using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using MultiMail.Generators.Analysis;
using MultiMail.Generators.Tests.Infrastructure;

namespace MultiMail.Generators.Tests.Analysis;

/// <summary>
/// Half-typed agent setup code never makes <see cref="AgentToolAnalyzer"/> throw (AD0001): every prefix of a file that
/// uses each way of handing tools to agents, and the file with one line removed at a time, with the generator's output
/// and the real Agent Framework referenced.
/// </summary>
public sealed class AgentToolAnalyzerRobustnessTests
{
    private const string Setup = """
        public sealed class Team
        {
            private readonly List<AITool> _shared = new();
            private readonly IChatClient _chat;

            public Team(IChatClient chat, EmailTools email)
            {
                _chat = chat;
                _shared.AddRange(email.AsAITools());
            }

            private static AIAgent Create(IChatClient chat, string name, IList<AITool>? tools = null) => new ChatClientAgent(chat, name, name, tools: tools);

            private static IList<AITool> Tools(EmailTools email) => [..email.AsAITools(), email.SendEmailAIFunction];

            public IEnumerable<AIAgent> Build(EmailTools email, string[] names, bool send)
            {
                var options = new ChatClientAgentOptions { Name = "Mailer", ChatOptions = new() { Tools = [email.CheckInboxAIFunction] } };
                options.ChatOptions.Tools!.Add(email.ReplyEmailAIFunction);
                yield return new ChatClientAgent(_chat, options);
                yield return new ChatClientAgent(_chat, options);
                yield return Create(_chat, "Researcher", send ? Tools(email) : _shared);
                yield return _chat.AsAIAgent("Write.", "Writer", tools: new AITool[] { email.SendEmailAIFunction });
                foreach (var name in names)
                {
                    yield return new ChatClientAgent(_chat, "Help.", name, tools: [.. _shared.Where(t => t.Name != "send_email")]);
                }

                var list = names.Select(n => _chat.AsAIAgent(n, n, tools: email.AsAITools().ToList())).ToList();
                var (left, right) = Pair(email);
                var chat = AgentWorkflowBuilder.CreateGroupChatBuilderWith(a => new RoundRobinGroupChatManager(a)).AddParticipants([left, right, .. list]).Build();
                var graph = new WorkflowBuilder(left).AddEdge(left, right.BindAsExecutor(emitEvents: true));
                graph.AddFanOutEdge(right, [.. list.Select(a => (ExecutorBinding)a)]);
                var nested = AgentWorkflowBuilder.BuildSequential([chat.AsAIAgent(name: "Chat"), left]);
                var handoff = AgentWorkflowBuilder.CreateHandoffBuilderWith(left).WithHandoffs(left, [right]).WithHandoff(right, left).Build();
            }

            private (AIAgent, AIAgent) Pair(EmailTools email) =>
                (new ChatClientAgent(_chat, "L.", "Left", tools: [email.SendEmailAIFunction]), _chat.AsAIAgent("R.", "Right", tools: email.AsAITools()));
        }
        """;

    [Fact]
    public async Task Truncated_and_damaged_agent_code_never_throws()
    {
        var references = AgentAnalyzerVerifier.Libraries;
        var parse = new CSharpParseOptions(LanguageVersion.CSharp12);
        var tools = CSharpSyntaxTree.ParseText(AgentAnalyzerVerifier.Usings + AgentAnalyzerVerifier.ToolTypes, parse, "/0/Tools.cs");
        var variants = new List<string>();
        for (var length = 0; length < Setup.Length; length += 19)
        {
            variants.Add(Setup.Substring(0, length));
        }

        var lines = Setup.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            variants.Add(string.Join('\n', lines.Where((_, index) => index != i)));
        }

        var failures = new List<string>();
        var reported = 0;
        foreach (var variant in variants)
        {
            var compilation = CSharpCompilation.Create(
                "Robust",
                new[] { tools, CSharpSyntaxTree.ParseText(AgentAnalyzerVerifier.Usings + variant, parse, "/0/Setup.cs") },
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            CSharpGeneratorDriver.Create(new[] { new ToolGenerator().AsSourceGenerator() }, parseOptions: parse)
                .RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
            var exceptions = new List<Exception>();
            var diagnostics = await output.WithAnalyzers(
                    ImmutableArray.Create<DiagnosticAnalyzer>(new AgentToolAnalyzer()),
                    new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), (e, _, _) => exceptions.Add(e), false, false, false))
                .GetAnalyzerDiagnosticsAsync();
            if (exceptions.Count > 0 || diagnostics.Any(d => d.Id == "AD0001"))
            {
                failures.Add(string.Join(", ", exceptions.Select(e => e.GetType().Name + ": " + e.Message)) + " on:\n" + variant);
            }

            reported += diagnostics.Count(d => d.Id is "MMG1001" or "MMG1002");
        }

        Assert.True(failures.Count == 0, string.Join("\n-----\n", failures.Take(3)));
        // The whole file and most damaged variants still hand tools to several agents: the analyzer kept working.
        Assert.True(reported > variants.Count, reported + " diagnostics over " + variants.Count + " variants");
    }

    [Fact]
    public async Task One_file_is_reported_live_and_cross_file_flows_only_over_the_compilation()
    {
        // Live: what the IDE computes for one open document (semantic-model actions only, no compilation end).
        var sameFile = await AgentAnalyzerVerifier.CompileAsync("""
            public static class Team
            {
                public static void Create(IChatClient chat, EmailTools email)
                {
                    var a = new ChatClientAgent(chat, "A.", "A", tools: [email.SendEmailAIFunction]);
                    var b = new ChatClientAgent(chat, "B.", "B", tools: [email.SendEmailAIFunction]);
                }
            }
            """);
        var live = await Analyzers(sameFile).GetAnalyzerSemanticDiagnosticsAsync(sameFile.GetSemanticModel(sameFile.SyntaxTrees.First()), null, CancellationToken.None);
        Assert.Equal("MMG1001", Assert.Single(live).Id);

        var crossFile = await AgentAnalyzerVerifier.CompileAsync(
            "public static class Shared { public static IList<AITool> Mail(EmailTools email) => email.AsAITools(); }",
            "public static class A { public static AIAgent Create(IChatClient chat, EmailTools email) => new ChatClientAgent(chat, \"A.\", \"A\", tools: Shared.Mail(email)); }",
            "public static class B { public static AIAgent Create(IChatClient chat, EmailTools email) => new ChatClientAgent(chat, \"B.\", \"B\", tools: Shared.Mail(email)); }",
            "public static class Chat { public static Workflow Build(IChatClient chat, EmailTools email) => AgentWorkflowBuilder.BuildSequential([A.Create(chat, email), B.Create(chat, email)]); }");
        foreach (var tree in crossFile.SyntaxTrees)
        {
            Assert.Empty(await Analyzers(crossFile).GetAnalyzerSemanticDiagnosticsAsync(crossFile.GetSemanticModel(tree), null, CancellationToken.None));
        }

        var build = await Analyzers(crossFile).GetAnalyzerDiagnosticsAsync();
        Assert.Equal(new[] { "MMG1001", "MMG1001", "MMG1002" }, build.Select(d => d.Id).OrderBy(id => id));
        Assert.All(build, d => Assert.EndsWith("Test2.cs", d.Location.SourceTree!.FilePath));
    }

    [Fact]
    public async Task A_workflow_in_one_file_is_live_and_a_setup_whose_agents_are_returned_waits_for_the_compilation()
    {
        // Joined in a workflow: more files can only add agents to it, so the one-file pass reports it.
        var workflow = await AgentAnalyzerVerifier.CompileAsync("""
            public static class Team
            {
                public static Workflow Create(IChatClient chat, EmailTools email)
                {
                    var a = new ChatClientAgent(chat, "A.", "A", tools: [email.SendEmailAIFunction]);
                    var b = new ChatClientAgent(chat, "B.", "B", tools: [email.SendEmailAIFunction]);
                    return AgentWorkflowBuilder.BuildSequential([a, b]);
                }
            }
            """);
        var live = await Analyzers(workflow).GetAnalyzerSemanticDiagnosticsAsync(workflow.GetSemanticModel(workflow.SyntaxTrees.First()), null, CancellationToken.None);
        Assert.Equal("MMG1001", Assert.Single(live).Id);

        // Returned to callers that another file could join into two separate workflows: only the whole compilation
        // can tell, so the one-file pass stays silent and the compilation pass reports it (nothing joins them here).
        var returned = await AgentAnalyzerVerifier.CompileAsync("""
            public static class Team
            {
                public static (AIAgent, AIAgent) Create(IChatClient chat, EmailTools email)
                {
                    var a = new ChatClientAgent(chat, "A.", "A", tools: [email.SendEmailAIFunction]);
                    var b = new ChatClientAgent(chat, "B.", "B", tools: [email.SendEmailAIFunction]);
                    return (a, b);
                }
            }
            """);
        Assert.Empty(await Analyzers(returned).GetAnalyzerSemanticDiagnosticsAsync(returned.GetSemanticModel(returned.SyntaxTrees.First()), null, CancellationToken.None));
        Assert.Equal("MMG1001", Assert.Single(await Analyzers(returned).GetAnalyzerDiagnosticsAsync()).Id);
    }

    private static CompilationWithAnalyzers Analyzers(Compilation compilation) =>
        compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new AgentToolAnalyzer()));
}
