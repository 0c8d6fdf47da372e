using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
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

    private sealed class Test : Test<ToolDeclarationAnalyzer>
    {
        public Test()
        {
            // The generator does not run here, so the compiler's "partial method must have an implementation" is expected noise.
            CompilerDiagnostics = CompilerDiagnostics.None;
        }
    }

    /// <summary>
    /// The analyzer test every analyzer's tests start from: .NET 8 reference assemblies plus the MultiMail runtime,
    /// C# 12, nullable enabled, the compiler's errors checked (set <c>CompilerDiagnostics</c> to change that).
    /// </summary>
    public class Test<TAnalyzer> : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        public Test()
        {
            ReferenceAssemblies = TestCompiler.ReferenceAssemblies;
            TestState.AdditionalReferences.Add(TestCompiler.MultiMailReference);
            CompilerDiagnostics = CompilerDiagnostics.Errors;
        }

        protected override ParseOptions CreateParseOptions() =>
            ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion.CSharp12).WithDocumentationMode(DocumentationMode.None);

        protected override CompilationOptions CreateCompilationOptions() =>
            ((CSharpCompilationOptions)base.CreateCompilationOptions()).WithNullableContextOptions(NullableContextOptions.Enable);
    }
}
