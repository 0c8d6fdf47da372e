using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using MultiMail.Generators.Tests.Analysis;
using MultiMail.Generators.Tests.Infrastructure;

namespace MultiMail.Generators.Tests.Generator;

/// <summary>
/// The adapters' shared function type is written once per compilation, in a namespace named after the assembly, so an
/// assembly that sees another's internals (InternalsVisibleTo, as test projects do) never gets two definitions of one
/// type (CS0436, an error under TreatWarningsAsErrors).
/// </summary>
public sealed class AdapterSharingTests
{
    private const string Tools = """
        using System.Threading.Tasks;
        using MultiMail;

        namespace {0};

        public partial class InboxTools
        {{
            private readonly MultiMailClient _client;
            public InboxTools(MultiMailClient client) => _client = client;

            /// <summary>Check the inbox.</summary>
            [MultiMailTool] public partial Task<string> CheckInbox(int limit = 10);
        }}
        """;

    [Fact]
    public async Task Two_assemblies_that_share_internals_both_get_adapters_without_conflicts()
    {
        var references = (await AgentAnalyzerVerifier.Net80WithAgents.ResolveAsync(LanguageNames.CSharp, CancellationToken.None)).Add(TestCompiler.MultiMailReference);
        var first = Build("First.App", references, string.Format(Tools, "First").Replace("using MultiMail;", "using MultiMail;\n[assembly: System.Runtime.CompilerServices.InternalsVisibleTo(\"Second.App\")]"));
        using var image = new MemoryStream();
        var emitted = first.Emit(image);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));

        var second = Build("Second.App", references.Add(MetadataReference.CreateFromImage(image.ToArray())),
            string.Format(Tools, "Second") + "\npublic static class Use { public static object Both(MultiMail.MultiMailClient c) => new object[] { new First.InboxTools(c).AsAITools(), new InboxTools(c).AsAITools() }; }");

        var problems = second.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.Contains(second.SyntaxTrees, t => t.ToString().Contains("namespace MultiMail.Generated.Second_App", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Demo.App", "MultiMail.Generated.Demo_App")]
    [InlineData("My-App 2.Tests", "MultiMail.Generated.My_App_2_Tests")]
    [InlineData("2fast", "MultiMail.Generated._2fast")]
    [InlineData("class", "MultiMail.Generated.@class")]
    [InlineData("Écoles", "MultiMail.Generated._coles")]
    [InlineData("", "MultiMail.Generated._")]
    [InlineData(null, "MultiMail.Generated._")]
    public void The_adapter_namespace_is_a_valid_name_for_any_assembly_name(string? assemblyName, string expected)
    {
        var ns = ToolGenerator.AdapterNamespaceFor(assemblyName);
        Assert.Equal(expected, ns);
        Assert.Empty(CSharpSyntaxTree.ParseText("namespace " + ns + " { class C { } }").GetDiagnostics());
    }

    private static Compilation Build(string name, ImmutableArray<MetadataReference> references, string source)
    {
        var compilation = CSharpCompilation.Create(
            name,
            new[] { CSharpSyntaxTree.ParseText(source, TestCompiler.ParseOptions(), path: name + ".cs") },
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable,
                specificDiagnosticOptions: ImmutableDictionary<string, ReportDiagnostic>.Empty.Add("CS1701", ReportDiagnostic.Suppress).Add("CS1702", ReportDiagnostic.Suppress)));
        var (output, diagnostics, _) = TestCompiler.Generate(compilation);
        Assert.Empty(diagnostics);
        return output;
    }
}
