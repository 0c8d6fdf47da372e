using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using MultiMail.Generators.Tests.Infrastructure;

namespace MultiMail.Generators.Tests.Generator;

/// <summary>
/// The pipeline caches: unrelated edits leave every tracked step Cached/Unchanged and the output untouched; real edits
/// reach the output. Every tracked step's output is free of Roslyn objects (model purity).
/// </summary>
public sealed class IncrementalityTests
{
    private static readonly string[] Steps = { TrackingNames.Transform, TrackingNames.ValidTools, TrackingNames.ByType };

    private static async Task<(GeneratorDriver Driver, CSharpCompilation Compilation)> FirstRunAsync(params string[] sources)
    {
        var compilation = await TestCompiler.CreateAsync(sources);
        var driver = TestCompiler.CreateDriver(compilation).RunGenerators(compilation);
        return (driver, compilation);
    }

    private static string QuickStart => File.ReadAllText(RepositoryFiles.Path("tests", "MultiMail.Generators.Tests", "Baselines", "QuickStart.input.cs.txt"));

    private static IncrementalStepRunReason[] Reasons(GeneratorDriver driver, string step) =>
        driver.GetRunResult().Results.Single().TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();

    private static IncrementalStepRunReason[] OutputReasons(GeneratorDriver driver) =>
        driver.GetRunResult().Results.Single().TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();

    [Fact]
    public async Task Running_twice_on_the_same_input_is_fully_cached()
    {
        var (driver, compilation) = await FirstRunAsync(QuickStart);
        driver = driver.RunGenerators(compilation.Clone());

        foreach (var step in Steps)
        {
            Assert.All(Reasons(driver, step), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, step + ": " + r));
        }

        Assert.All(OutputReasons(driver), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
    }

    [Theory]
    [InlineData("added file")]
    [InlineData("edited unrelated method body")]
    [InlineData("edited whitespace in the tool file")]
    public async Task Unrelated_edits_do_not_regenerate(string edit)
    {
        var (driver, compilation) = await FirstRunAsync(QuickStart, "namespace Other { public class Helper { public int Value() => 1; } }");
        var options = (CSharpParseOptions)compilation.SyntaxTrees.First().Options;
        Compilation next = edit switch
        {
            "added file" => compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Other { public class More { } }", options)),
            "edited unrelated method body" => compilation.ReplaceSyntaxTree(
                compilation.SyntaxTrees.ElementAt(1),
                CSharpSyntaxTree.ParseText("namespace Other { public class Helper { public int Value() => 2 + 40; } }", options)),
            _ => compilation.ReplaceSyntaxTree(
                compilation.SyntaxTrees.First(),
                CSharpSyntaxTree.ParseText(QuickStart.Replace("public EmailTools(MultiMailClient client) => _client = client;", "public EmailTools(MultiMailClient client)   =>   _client = client; // edited"), options)),
        };

        driver = driver.RunGenerators(next);

        Assert.All(Reasons(driver, TrackingNames.ByType), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));
        Assert.All(OutputReasons(driver), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
    }

    [Fact]
    public async Task Editing_an_attribute_argument_modifies_the_output()
    {
        var (driver, compilation) = await FirstRunAsync(QuickStart);
        var options = (CSharpParseOptions)compilation.SyntaxTrees.First().Options;
        var edited = QuickStart.Replace("[MultiMailTool(\"GET\", \"/v1/mailboxes/{mailbox_id}/emails\")]", "[MultiMailTool(\"GET\", \"/v1/mailboxes/{mailbox_id}/emails\", Name = \"inbox\")]");
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.First(), CSharpSyntaxTree.ParseText(edited, options)));

        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(driver, TrackingNames.Transform));
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(driver, TrackingNames.ByType));
        Assert.Contains(IncrementalStepRunReason.Modified, OutputReasons(driver));
        Assert.Contains("\"inbox\"", driver.GetRunResult().GeneratedTrees.Single().ToString());
    }

    [Fact]
    public async Task A_new_tool_method_is_new_in_the_transform()
    {
        var (driver, compilation) = await FirstRunAsync(QuickStart);
        var options = (CSharpParseOptions)compilation.SyntaxTrees.First().Options;
        var edited = QuickStart.Replace("    /// <summary>List recent messages.</summary>", "    /// <summary>Mailboxes.</summary>\n    [MultiMailTool]\n    public partial Task<string> ListMailboxes();\n\n    /// <summary>List recent messages.</summary>");
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.First(), CSharpSyntaxTree.ParseText(edited, options)));

        Assert.Contains(IncrementalStepRunReason.New, Reasons(driver, TrackingNames.Transform));
        Assert.Contains("list_mailboxes", driver.GetRunResult().GeneratedTrees.Single().ToString());
    }

    [Fact]
    public async Task Equal_input_gives_equal_but_distinct_models()
    {
        var (first, _) = await FirstRunAsync(QuickStart);
        var (second, _) = await FirstRunAsync(QuickStart);
        var a = first.GetRunResult().Results.Single().TrackedSteps[TrackingNames.ByType].Single().Outputs.Single().Value;
        var b = second.GetRunResult().Results.Single().TrackedSteps[TrackingNames.ByType].Single().Outputs.Single().Value;

        Assert.NotSame(a, b);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public async Task Tracked_step_outputs_hold_no_roslyn_objects()
    {
        var input = File.ReadAllText(RepositoryFiles.Path("tests", "MultiMail.Generators.Tests", "Baselines", "Dtos.input.cs.txt"));
        var (driver, _) = await FirstRunAsync(QuickStart, input);
        var result = driver.GetRunResult().Results.Single();
        foreach (var step in Steps)
        {
            foreach (var output in result.TrackedSteps[step].SelectMany(s => s.Outputs))
            {
                AssertPure(output.Value, step, new HashSet<object>(ReferenceEqualityComparer.Instance));
            }
        }
    }

    private static readonly Type[] Banned = { typeof(ISymbol), typeof(SyntaxNode), typeof(SemanticModel), typeof(Compilation), typeof(Location), typeof(SyntaxTree) };

    private static void AssertPure(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
        {
            return;
        }

        var type = value.GetType();
        Assert.False(Banned.Any(b => b.IsAssignableFrom(type)), path + " holds a " + type.Name);
        if (value is IEnumerable items)
        {
            var i = 0;
            foreach (var item in items)
            {
                AssertPure(item, path + "[" + i++ + "]", seen);
            }

            return;
        }

        foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertPure(field.GetValue(value), path + "." + field.Name, seen);
        }
    }
}
