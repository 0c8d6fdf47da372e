using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using CsCheck;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using MultiMail.Generators.Analysis;

namespace MultiMail.Generators.Tests.Analysis;

/// <summary>
/// Model-based: random projects built from setups whose verdict is known (correct ones: one email agent per
/// conversation; faulty ones: a second sender in the same conversation, through each flow shape), spread over random
/// files in random order. MMG1001 must be reported exactly at the seeded faults (no false positive, none missed), the
/// live one-file pass must never report anything else, and the analyzer never throws. Iterations: 12 by default,
/// MULTIMAIL_PBT_ITERATIONS for a longer run.
/// </summary>
public sealed class ConversationPropertyTests
{
    private const string Marker = "/*FAULT*/";

    private static readonly int Iterations = int.TryParse(Environment.GetEnvironmentVariable("MULTIMAIL_PBT_ITERATIONS"), out var n) ? n : 12;

    /// <summary>Each setup: its parts (which may land in different files); faults carry <see cref="Marker"/> before the reported expression.</summary>
    private static readonly Func<int, string[]>[] Correct =
    {
        i => new[]
        {
            $$"""
            public static class SeedChat{{i}}
            {
                public static Workflow Create(IChatClient chat, EmailTools email)
                {
                    var researcher = new ChatClientAgent(chat, "Research.", "Researcher");
                    var emailAgent = new ChatClientAgent(chat, "Email.", "EmailAgent", tools: email.AsAITools());
                    return AgentWorkflowBuilder.CreateGroupChatBuilderWith(a => new RoundRobinGroupChatManager(a)).AddParticipants([researcher, emailAgent]).Build();
                }
            }
            """,
        },
        i => new[]
        {
            $$"""
            public static class Mail{{i}}
            {
                public static AIAgent Create(IChatClient chat, EmailTools email) => new ChatClientAgent(chat, "Email.", "Mail{{i}}", tools: [email.SendEmailAIFunction, email.CheckInboxAIFunction]);
            }
            """,
            $$"""
            public static class Pipeline{{i}}
            {
                public static Workflow Build(IChatClient chat, EmailTools email) => AgentWorkflowBuilder.BuildSequential([new ChatClientAgent(chat, "Research.", "R{{i}}"), Mail{{i}}.Create(chat, email)]);
            }
            """,
        },
        i => new[]
        {
            $$"""
            public static class Desks{{i}}
            {
                public static Workflow[] Create(IChatClient chat, EmailTools email)
                {
                    var support = new ChatClientAgent(chat, "Support mail.", "SupportMail", tools: email.AsAITools());
                    var sales = new ChatClientAgent(chat, "Sales mail.", "SalesMail", tools: email.AsAITools());
                    return [AgentWorkflowBuilder.BuildSequential([new ChatClientAgent(chat, "Triage.", "Triage"), support]), AgentWorkflowBuilder.BuildConcurrent([sales])];
                }
            }
            """,
        },
        i => new[]
        {
            $$"""
            public static class Teams{{i}}
            {
                public static List<Workflow> Create(IChatClient chat, EmailTools email, string[] teams)
                {
                    var result = new List<Workflow>();
                    foreach (var team in teams)
                    {
                        var mail = new ChatClientAgent(chat, "Email.", team, tools: [email.SendEmailAIFunction]);
                        result.Add(AgentWorkflowBuilder.BuildSequential([new ChatClientAgent(chat, "Research.", "R"), mail]));
                    }

                    return result;
                }
            }
            """,
        },
        i => new[]
        {
            $$"""
            public static class Factories{{i}}
            {
                public static void Register(List<Func<AIAgent>> factories, IChatClient chat, EmailTools email)
                {
                    factories.Add(() => new ChatClientAgent(chat, "Support.", "Support", tools: email.AsAITools()));
                    factories.Add(() => new ChatClientAgent(chat, "Sales.", "Sales", tools: email.AsAITools()));
                }
            }
            """,
        },
        i => new[]
        {
            $$"""
            public static class Graph{{i}}
            {
                public static Workflow Create(IChatClient chat, EmailTools email)
                {
                    AIAgent writer = new ChatClientAgent(chat, "Write.", "Writer");
                    AIAgent sender = new ChatClientAgent(chat, "Send.", "Sender", tools: [email.SendEmailAIFunction]);
                    return new WorkflowBuilder(writer).AddEdge(writer, sender.BindAsExecutor(emitEvents: true)).Build();
                }
            }
            """,
        },
        i => new[]
        {
            $$"""
            public static class Handoffs{{i}}
            {
                public static Workflow Create(IChatClient chat, EmailTools email)
                {
                    var triage = new ChatClientAgent(chat, "Route.", "Triage");
                    var support = new ChatClientAgent(chat, "Support.", "Support", tools: [email.ReplyEmailAIFunction]);
                    return AgentWorkflowBuilder.CreateHandoffBuilderWith(triage).WithHandoffs(triage, [support, new ChatClientAgent(chat, "Billing.", "Billing")]).Build();
                }
            }
            """,
        },
        i => new[]
        {
            $$"""
            public static class Pairs{{i}}
            {
                public static (AIAgent, AIAgent) Create(IChatClient chat, EmailTools email) =>
                    (new ChatClientAgent(chat, "One.", "One", tools: [email.SendEmailAIFunction]), new ChatClientAgent(chat, "Two.", "Two", tools: [email.SendEmailAIFunction]));
            }
            """,
            $$"""
            public static class PairChats{{i}}
            {
                public static Workflow[] Create(IChatClient chat, EmailTools email)
                {
                    var (one, two) = Pairs{{i}}.Create(chat, email);
                    return [AgentWorkflowBuilder.BuildSequential([one]), AgentWorkflowBuilder.BuildSequential([two])];
                }
            }
            """,
        },
    };

    private static readonly Func<int, string[]>[] Faulty =
    {
        i => new[]
        {
            $$"""
            public static class BadChat{{i}}
            {
                public static Workflow Create(IChatClient chat, EmailTools email)
                {
                    var researcher = new ChatClientAgent(chat, "Research.", "Researcher", tools: [email.SendEmailAIFunction]);
                    var emailAgent = new ChatClientAgent(chat, "Email.", "EmailAgent", tools: [{{Marker}}email.SendEmailAIFunction]);
                    return AgentWorkflowBuilder.CreateGroupChatBuilderWith(a => new RoundRobinGroupChatManager(a)).AddParticipants([researcher, emailAgent]).Build();
                }
            }
            """,
        },
        i => new[]
        {
            $$"""
            public static class BadHelpers{{i}}
            {
                public static AIAgent Researcher(IChatClient chat, EmailTools email) => new ChatClientAgent(chat, "Research.", "Researcher", tools: [email.SendEmailAIFunction]);

                public static AIAgent Mailer(IChatClient chat, EmailTools email) => new ChatClientAgent(chat, "Email.", "Mailer", tools: [{{Marker}}email.SendEmailAIFunction]);
            }
            """,
            $$"""
            public static class BadPipeline{{i}}
            {
                public static Workflow Build(IChatClient chat, EmailTools email)
                {
                    var members = new List<AIAgent> { BadHelpers{{i}}.Researcher(chat, email) };
                    members.Add(BadHelpers{{i}}.Mailer(chat, email));
                    return AgentWorkflowBuilder.BuildSequential(members);
                }
            }
            """,
        },
        i => new[]
        {
            $$"""
            public static class BadHandoff{{i}}
            {
                public static Workflow Create(IChatClient chat, EmailTools email)
                {
                    var triage = new ChatClientAgent(chat, "Route.", "Triage");
                    var billing = new ChatClientAgent(chat, "Billing.", "Billing", tools: [email.SendEmailAIFunction]);
                    var support = new ChatClientAgent(chat, "Support.", "Support", tools: [{{Marker}}email.SendEmailAIFunction]);
                    return AgentWorkflowBuilder.CreateHandoffBuilderWith(triage).WithHandoffs(triage, [billing, support]).Build();
                }
            }
            """,
        },
        i => new[]
        {
            $$"""
            public static class BadGraph{{i}}
            {
                public static Workflow Create(IChatClient chat, EmailTools email)
                {
                    AIAgent writer = new ChatClientAgent(chat, "Write.", "Writer", tools: [email.SendEmailAIFunction]);
                    AIAgent reviewer = new ChatClientAgent(chat, "Review.", "Reviewer", tools: [{{Marker}}email.SendEmailAIFunction]);
                    var builder = new WorkflowBuilder(writer);
                    builder.AddEdge(writer, reviewer.BindAsExecutor(emitEvents: true));
                    return builder.Build();
                }
            }
            """,
        },
        i => new[]
        {
            $$"""
            public static class BadScope{{i}}
            {
                public static void Create(IChatClient chat, EmailTools email)
                {
                    var a = new ChatClientAgent(chat, "A.", "A", tools: [email.SendEmailAIFunction]);
                    var b = chat.AsAIAgent("B.", "B", tools: [{{Marker}}email.SendEmailAIFunction]);
                }
            }
            """,
        },
        i => new[]
        {
            $$"""
            public static class BadLoop{{i}}
            {
                public static Workflow Create(IChatClient chat, EmailTools email, string[] names) =>
                    AgentWorkflowBuilder.BuildConcurrent(names.Select(n => (AIAgent)new ChatClientAgent(chat, "Mail.", n, tools: [{{Marker}}email.SendEmailAIFunction])).ToList());
            }
            """,
        },
        i => new[]
        {
            $$"""
            public static class BadNested{{i}}
            {
                public static Workflow Create(IChatClient chat, EmailTools email)
                {
                    var drafter = new ChatClientAgent(chat, "Draft.", "Drafter", tools: [email.SendEmailAIFunction]);
                    var inner = AgentWorkflowBuilder.BuildSequential([new ChatClientAgent(chat, "Research.", "Researcher"), drafter]);
                    var emailAgent = new ChatClientAgent(chat, "Email.", "EmailAgent", tools: [{{Marker}}email.SendEmailAIFunction]);
                    return AgentWorkflowBuilder.BuildSequential([inner.AsAIAgent(name: "Team"), emailAgent]);
                }
            }
            """,
        },
        i => new[]
        {
            $$"""
            public sealed class BadOffice{{i}}
            {
                public AIAgent Support(IChatClient chat, EmailTools email) => new ChatClientAgent(chat, "Support.", "Support", tools: [email.SendEmailAIFunction]);

                public AIAgent Sales(IChatClient chat, EmailTools email) => new ChatClientAgent(chat, "Sales.", "Sales", tools: [{{Marker}}email.SendEmailAIFunction]);

                public Workflow FrontDesk(IChatClient chat, EmailTools email) => AgentWorkflowBuilder.BuildConcurrent([Support(chat, email), Sales(chat, email)]);
            }
            """,
        },
    };

    /// <summary>A random project: which setups (correct or faulty, by index), and which file each part goes to.</summary>
    private static readonly Gen<(int[] Setups, int Files, int Seed)> Projects =
        Gen.Select(Gen.Int[0, Correct.Length + Faulty.Length - 1].Array[1, 7], Gen.Int[1, 3], Gen.Int[0, 1000]);

    [Fact]
    public void MMG1001_is_reported_exactly_at_the_seeded_faults()
    {
        Projects.Sample(
            project =>
            {
                var files = Build(project.Setups, project.Files, project.Seed);
                var compilation = Compile(files);
                var exceptions = new List<Exception>();
                var analyzers = compilation.WithAnalyzers(
                    ImmutableArray.Create<DiagnosticAnalyzer>(new AgentToolAnalyzer()),
                    new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), (e, _, _) => exceptions.Add(e), false, false, false));
                var reported = analyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
                Assert.Empty(exceptions);
                Assert.DoesNotContain(reported, d => d.Id == "AD0001");

                var expected = files.SelectMany(f => Positions(f.Text).Select(p => f.Path + "@" + p.ToString(CultureInfo.InvariantCulture))).OrderBy(k => k, StringComparer.Ordinal).ToList();
                var actual = reported.Where(d => d.Id is "MMG1001" or "MMG1002").Select(Key).OrderBy(k => k, StringComparer.Ordinal).ToList();
                Assert.Equal(expected, actual);

                // The live pass (one document, no compilation end) reports nothing the whole compilation would not.
                foreach (var tree in compilation.SyntaxTrees.Where(t => t.FilePath.StartsWith("/0/Setup", StringComparison.Ordinal)))
                {
                    var live = analyzers.GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(tree), null, CancellationToken.None).GetAwaiter().GetResult();
                    Assert.All(live.Select(Key), key => Assert.Contains(key, expected));
                }
            },
            iter: Iterations,
            threads: 1,
            print: p => "setups [" + string.Join(", ", p.Setups) + "] in " + p.Files + " file(s), seed " + p.Seed);
    }

    private static string Key(Diagnostic diagnostic) =>
        diagnostic.Location.SourceTree!.FilePath + "@" + diagnostic.Location.SourceSpan.Start.ToString(CultureInfo.InvariantCulture);

    private static IEnumerable<int> Positions(string text)
    {
        for (var at = text.IndexOf(Marker, StringComparison.Ordinal); at >= 0; at = text.IndexOf(Marker, at + 1, StringComparison.Ordinal))
        {
            yield return at + Marker.Length;
        }
    }

    private static List<(string Path, string Text)> Build(int[] setups, int fileCount, int seed)
    {
        var random = new Random(seed);
        var files = Enumerable.Range(0, fileCount).Select(_ => new List<string>()).ToList();
        for (var i = 0; i < setups.Length; i++)
        {
            var parts = setups[i] < Correct.Length ? Correct[setups[i]](i) : Faulty[setups[i] - Correct.Length](i);
            foreach (var part in parts)
            {
                var file = files[random.Next(fileCount)];
                file.Insert(random.Next(file.Count + 1), part);
            }
        }

        return files.Select((parts, i) => ("/0/Setup" + i + ".cs", AgentAnalyzerVerifier.Usings + string.Join("\n", parts))).ToList();
    }

    private static Compilation Compile(List<(string Path, string Text)> files)
    {
        var parse = new CSharpParseOptions(LanguageVersion.CSharp12);
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(f.Text, parse, f.Path))
            .Append(CSharpSyntaxTree.ParseText(AgentAnalyzerVerifier.Usings + AgentAnalyzerVerifier.ToolTypes, parse, "/0/Tools.cs"));
        var compilation = CSharpCompilation.Create("Random", trees, AgentAnalyzerVerifier.Libraries, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        CSharpGeneratorDriver.Create(new[] { new ToolGenerator().AsSourceGenerator() }, parseOptions: parse).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(5)));
        return output;
    }
}
