using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using MultiMail.Generators.Tests.Analysis;
using MultiMail.Generators.Tests.Infrastructure;

namespace MultiMail.Generators.Tests.Generator;

/// <summary>
/// Generated files compared with checked-in baselines (tests/…/Baselines/*.g.cs.txt, version scrubbed to %VERSION%).
/// Set MMG_UPDATE_BASELINES=1 to rewrite them, then review the diff like any code change.
/// </summary>
public sealed class BaselineTests
{
    [Theory]
    [InlineData("QuickStart", "Demo.EmailTools.MultiMailTools.g.cs")]
    [InlineData("Containers", "GlobalTools.MultiMailTools.g.cs")]
    [InlineData("Containers", "Demo.Nested.Outer_1.Inner_1.MultiMailTools.g.cs")]
    [InlineData("Dtos", "Demo.NoteTools.MultiMailTools.g.cs")]
    public async Task Generated_file_matches_its_baseline(string scenario, string hintName)
    {
        var input = File.ReadAllText(RepositoryFiles.Path("tests", "MultiMail.Generators.Tests", "Baselines", scenario + ".input.cs.txt"));
        var compilation = await TestCompiler.CreateAsync(new[] { input });
        var (output, diagnostics, result) = TestCompiler.Generate(compilation);
        Assert.Empty(diagnostics);
        var errors = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));

        AssertMatchesBaseline(scenario, result, hintName);
    }

    private static void AssertMatchesBaseline(string scenario, GeneratorDriverRunResult result, string hintName)
    {
        var generated = result.Results.Single().GeneratedSources.Single(s => s.HintName == hintName);
        var actual = generated.SourceText.ToString().Replace("\"" + ToolGenerator.Version + "\"", "\"%VERSION%\"");
        var name = hintName.Replace(".MultiMailTools.g.cs", string.Empty).Replace(".g.cs", string.Empty);
        var path = RepositoryFiles.Path("tests", "MultiMail.Generators.Tests", "Baselines", scenario + "." + name + ".g.cs.txt");
        if (Environment.GetEnvironmentVariable("MMG_UPDATE_BASELINES") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), "No baseline at " + path + "; run with MMG_UPDATE_BASELINES=1 to create it.");
        var expected = File.ReadAllText(path).Replace("\r\n", "\n");
        if (expected != actual)
        {
            Assert.Fail("The generated " + hintName + " differs from " + path + " (MMG_UPDATE_BASELINES=1 rewrites it):" + Environment.NewLine + Diff(expected, actual));
        }
    }

    /// <summary>
    /// The Microsoft.Extensions.AI and MCP adapters: per type (AsAITools, …AIFunction, AsMcpServerTools) and the function
    /// type they share, written once per compilation. Compiled against the real packages (Agent Framework brings
    /// Microsoft.Extensions.AI; ModelContextProtocol.Core brings McpServerTool), with a fixed assembly name because the
    /// shared code's namespace is named after the assembly.
    /// </summary>
    [Theory]
    [InlineData("Demo.EmailTools.MultiMailTools.g.cs")]
    [InlineData("Demo.OperatorTools.MultiMailTools.g.cs")]
    [InlineData("MultiMail.AIFunctions.g.cs")]
    public async Task Adapter_file_matches_its_baseline(string hintName)
    {
        var input = File.ReadAllText(RepositoryFiles.Path("tests", "MultiMail.Generators.Tests", "Baselines", "Adapters.input.cs.txt"));
        var references = (await AdapterReferences.ResolveAsync(LanguageNames.CSharp, CancellationToken.None)).Add(TestCompiler.MultiMailReference);
        var compilation = CSharpCompilation.Create(
            "Demo.App",
            new[] { CSharpSyntaxTree.ParseText(input, TestCompiler.ParseOptions(), path: "Source0.cs") },
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, generalDiagnosticOption: ReportDiagnostic.Error));
        var (output, diagnostics, result) = TestCompiler.Generate(compilation);
        Assert.Empty(diagnostics);
        var errors = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Id != "CS1701" && d.Id != "CS1702").ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        AssertMatchesBaseline("Adapters", result, hintName);
    }

    /// <summary>Net 8 plus Microsoft.Extensions.AI (through Agent Framework) and the MCP SDK's core package.</summary>
    private static ReferenceAssemblies AdapterReferences { get; } = AgentAnalyzerVerifier.Net80WithAgents.AddPackages(ImmutableArray.Create(
        new PackageIdentity("ModelContextProtocol.Core", "2.4.0")));

    [Fact]
    public async Task Output_is_byte_identical_across_runs()
    {
        var input = File.ReadAllText(RepositoryFiles.Path("tests", "MultiMail.Generators.Tests", "Baselines", "Dtos.input.cs.txt"));
        var first = TestCompiler.Generate(await TestCompiler.CreateAsync(new[] { input })).Result.Results.Single().GeneratedSources.Single().SourceText.ToString();
        var second = TestCompiler.Generate(await TestCompiler.CreateAsync(new[] { input })).Result.Results.Single().GeneratedSources.Single().SourceText.ToString();
        Assert.Equal(first, second);
    }

    private static string Diff(string expected, string actual)
    {
        var diff = InlineDiffBuilder.Diff(expected, actual);
        var text = new StringBuilder();
        foreach (var line in diff.Lines.Where(l => l.Type != ChangeType.Unchanged).Take(60))
        {
            text.Append(line.Type == ChangeType.Inserted ? "+ " : "- ").AppendLine(line.Text);
        }

        return text.ToString();
    }
}
