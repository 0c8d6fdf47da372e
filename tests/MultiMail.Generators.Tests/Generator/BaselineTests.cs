using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Microsoft.CodeAnalysis;
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

        var generated = result.Results.Single().GeneratedSources.Single(s => s.HintName == hintName);
        var actual = generated.SourceText.ToString().Replace("\"" + ToolGenerator.Version + "\"", "\"%VERSION%\"");
        var path = RepositoryFiles.Path("tests", "MultiMail.Generators.Tests", "Baselines", scenario + "." + hintName.Replace(".MultiMailTools.g.cs", string.Empty) + ".g.cs.txt");
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
