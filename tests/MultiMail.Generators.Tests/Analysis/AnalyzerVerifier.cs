using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using MultiMail.Generators.Analysis;
using MultiMail.Generators.Tests.Infrastructure;

namespace MultiMail.Generators.Tests.Analysis;

/// <summary>Runs <see cref="ToolDeclarationAnalyzer"/> on markup sources ({|MMG0001:…|}) with the runtime library referenced.</summary>
internal static class AnalyzerVerifier
{
    public const string Usings = "using System; using System.Collections.Generic; using System.Threading; using System.Threading.Tasks; using MultiMail;\n";

    public static Task VerifyAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = Usings + source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    private sealed class Test : CSharpAnalyzerTest<ToolDeclarationAnalyzer, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = TestCompiler.ReferenceAssemblies;
            TestState.AdditionalReferences.Add(TestCompiler.MultiMailReference);
            // The generator does not run here, so the compiler's "partial method must have an implementation" is expected noise.
            CompilerDiagnostics = CompilerDiagnostics.None;
        }

        protected override ParseOptions CreateParseOptions() =>
            ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion.CSharp12).WithDocumentationMode(DocumentationMode.None);

        protected override CompilationOptions CreateCompilationOptions() =>
            ((CSharpCompilationOptions)base.CreateCompilationOptions()).WithNullableContextOptions(NullableContextOptions.Enable);
    }
}
