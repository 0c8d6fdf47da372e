using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

// GeneratorSideBySide label=path/to/MultiMail.Generators.dll ... --repo <root> --runtime path/to/MultiMail.dll --nuget <packages>
//                     [--copies 20] [--iterations 15]
// Each generator runs on the same compilations, in a shuffled order each iteration:
//   cold        a fresh driver on a fresh clone of the compilation
//   edit-other  a warmed driver after a body edit in a file without tools
//   edit-tool   a warmed driver after a description edit in one tool file
// Time is wall-clock; allocations are GC.GetTotalAllocatedBytes around the run (the driver parses the generated
// sources, so their size counts too).
var generators = new List<(string Label, IIncrementalGenerator Generator)>();
string? repo = null, runtime = null, nuget = null;
int copies = 20, iterations = 15;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--repo": repo = args[++i]; break;
        case "--runtime": runtime = args[++i]; break;
        case "--nuget": nuget = args[++i]; break;
        case "--copies": copies = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
        case "--iterations": iterations = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
        default:
            var parts = args[i].Split('=', 2);
            generators.Add((parts[0], Load(parts[0], parts[1])));
            break;
    }
}

if (repo is null || runtime is null || nuget is null || generators.Count == 0)
{
    Console.Error.WriteLine("usage: label=generator.dll ... --repo <root> --runtime <MultiMail.dll> --nuget <packages folder>");
    return 2;
}

var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
    .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
    .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
    .Append(MetadataReference.CreateFromFile(runtime))
    .Append(MetadataReference.CreateFromFile(Path.Combine(nuget, "microsoft.extensions.ai.abstractions/10.11.0/lib/net9.0/Microsoft.Extensions.AI.Abstractions.dll")))
    .Append(MetadataReference.CreateFromFile(Path.Combine(nuget, "modelcontextprotocol.core/2.4.0/lib/net9.0/ModelContextProtocol.Core.dll")))
    .ToList();

// The corpus: the integration tests' tool types and two baseline inputs, copied into many namespaces, plus plain files.
var inputs = new[]
{
    Path.Combine(repo, "tests/MultiMail.IntegrationTests/Tools/MailTools.cs"),
    Path.Combine(repo, "tests/MultiMail.IntegrationTests/Tools/EdgeTools.cs"),
    Path.Combine(repo, "tests/MultiMail.Generators.Tests/Baselines/QuickStart.input.cs.txt"),
    Path.Combine(repo, "tests/MultiMail.Generators.Tests/Baselines/Dtos.input.cs.txt"),
};
var parse = new CSharpParseOptions(LanguageVersion.CSharp12);
var trees = new List<SyntaxTree>();
for (var c = 0; c < copies; c++)
{
    foreach (var input in inputs)
    {
        var name = Path.GetFileName(input).Split('.')[0];
        var text = Regex.Replace(File.ReadAllText(input), @"^namespace [\w.]+;", "namespace Bench" + c + "." + name + ";", RegexOptions.Multiline);
        trees.Add(CSharpSyntaxTree.ParseText("using MultiMail;\n" + text, parse, path: "Bench" + c + "/" + name + ".cs"));
    }
}

for (var p = 0; p < copies * 10; p++)
{
    trees.Add(CSharpSyntaxTree.ParseText("namespace Plain" + p + "; public class Service" + p + " { public int Work(int x) { return x * " + p + "; } }", parse, path: "Plain/" + p + ".cs"));
}

var compilation = CSharpCompilation.Create("Bench", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
var plain = trees.First(t => t.FilePath.StartsWith("Plain/", StringComparison.Ordinal));
var tool = trees.First(t => t.FilePath.EndsWith("QuickStart.cs", StringComparison.Ordinal));
Compilation EditOther(Compilation c) => c.ReplaceSyntaxTree(plain, plain.WithChangedText(plain.GetText().Replace(plain.GetText().ToString().IndexOf("x *", StringComparison.Ordinal), 0, "1 + ")));
Compilation EditTool(Compilation c) => c.ReplaceSyntaxTree(tool, tool.WithChangedText(tool.GetText().Replace(tool.GetText().ToString().IndexOf("List recent messages.", StringComparison.Ordinal), 4, "Show")));
GeneratorDriver Driver(IIncrementalGenerator generator) => CSharpGeneratorDriver.Create(new[] { generator.AsSourceGenerator() }, parseOptions: parse);

foreach (var (label, generator) in generators)
{
    var run = Driver(generator).RunGenerators(compilation).GetRunResult();
    var result = run.Results[0];
    var errors = compilation.AddSyntaxTrees(run.GeneratedTrees).GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
    Console.WriteLine(label + ": " + result.GeneratedSources.Length + " files, " + result.GeneratedSources.Sum(s => s.SourceText.Length) + " chars, exception: " + (result.Exception?.Message ?? "none") + ", errors compiling the output against --runtime: " + errors);
}

var samples = new Dictionary<(string Scenario, string Label), List<(double Milliseconds, long Bytes)>>();
var random = new Random(42);
const int WarmUp = 3;
for (var iteration = 0; iteration < iterations + WarmUp; iteration++)
{
    foreach (var (label, generator) in generators.OrderBy(_ => random.Next()).ToList())
    {
        void Measure(string scenario, Func<GeneratorDriver> setUp, Func<GeneratorDriver, GeneratorDriver> act)
        {
            var driver = setUp();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            act(driver);
            watch.Stop();
            var bytes = GC.GetTotalAllocatedBytes(precise: true) - before;
            if (iteration >= WarmUp)
            {
                if (!samples.TryGetValue((scenario, label), out var list))
                {
                    samples[(scenario, label)] = list = new List<(double, long)>();
                }

                list.Add((watch.Elapsed.TotalMilliseconds, bytes));
            }
        }

        Measure("cold", () => Driver(generator), d => d.RunGenerators(compilation.Clone()));
        var other = compilation.Clone();
        Measure("edit-other", () => Driver(generator).RunGenerators(other), d => d.RunGenerators(EditOther(other)));
        var edited = compilation.Clone();
        Measure("edit-tool", () => Driver(generator).RunGenerators(edited), d => d.RunGenerators(EditTool(edited)));
    }
}

Console.WriteLine("corpus: " + trees.Count + " files (" + copies + " copies of " + inputs.Length + " tool files + " + (copies * 10) + " plain), " + iterations + " interleaved iterations after " + WarmUp + " warm-ups");
Console.WriteLine("| scenario | generator | median ms | min ms | median allocated |");
Console.WriteLine("|---|---|---:|---:|---:|");
foreach (var ((scenario, label), list) in samples.OrderBy(s => s.Key.Scenario, StringComparer.Ordinal).ThenBy(s => s.Key.Label, StringComparer.Ordinal))
{
    var times = list.Select(s => s.Milliseconds).OrderBy(x => x).ToList();
    var bytes = list.Select(s => s.Bytes).OrderBy(x => x).ToList();
    Console.WriteLine(FormattableString.Invariant($"| {scenario} | {label} | {times[times.Count / 2]:F1} | {times[0]:F1} | {bytes[bytes.Count / 2] / 1048576.0:F2} MB |"));
}

return 0;

static IIncrementalGenerator Load(string label, string path)
{
    var full = Path.GetFullPath(path);
    var assembly = new GeneratorContext(label, full).LoadFromAssemblyPath(full);
    return (IIncrementalGenerator)Activator.CreateInstance(assembly.GetTypes().Single(t => t.Name == "ToolGenerator"))!;
}

/// <summary>Loads one generator build beside the others; Roslyn itself is shared with the host.</summary>
internal sealed class GeneratorContext : AssemblyLoadContext
{
    private readonly string _directory;

    public GeneratorContext(string name, string path)
        : base(name) => _directory = Path.GetDirectoryName(path)!;

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name!.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
        {
            return null;
        }

        var candidate = Path.Combine(_directory, assemblyName.Name + ".dll");
        return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
    }
}
