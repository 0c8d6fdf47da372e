using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using MultiMail.Generators.Tests.Infrastructure;

namespace MultiMail.Generators.Tests.CodeFixes;

/// <summary>
/// Runs a code fix on markup sources ({|MMG0001:…|}) with the runtime library referenced, and checks the fixed text,
/// the fix-all result (document, project, solution) and that the fixed code no longer has the diagnostic.
/// </summary>
internal static class CodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public const string Usings = "using System; using System.Collections.Generic; using System.Threading; using System.Threading.Tasks; using MultiMail;\n";

    /// <summary>Both texts get <see cref="Usings"/> prepended.</summary>
    public static Task VerifyAsync(string source, string fixedSource, string? equivalenceKey = null) =>
        VerifyAsync(new[] { Usings + source }, new[] { Usings + fixedSource }, equivalenceKey);

    public static Task VerifyAsync(string[] sources, string[] fixedSources, string? equivalenceKey = null, ReferenceAssemblies? references = null, int? iterations = null)
    {
        var test = new Test { CodeActionEquivalenceKey = equivalenceKey };
        if (references is not null)
        {
            test.ReferenceAssemblies = references;
        }

        for (var i = 0; i < sources.Length; i++)
        {
            test.TestState.Sources.Add(("/0/Test" + i + ".cs", sources[i]));
        }

        for (var i = 0; i < fixedSources.Length; i++)
        {
            test.FixedState.Sources.Add(("/0/Test" + i + ".cs", fixedSources[i]));
        }

        if (iterations is not null)
        {
            test.NumberOfIncrementalIterations = iterations;
            test.NumberOfFixAllIterations = iterations;
        }

        return test.RunAsync(CancellationToken.None);
    }

    public sealed class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = TestCompiler.ReferenceAssemblies;
            TestState.AdditionalReferences.Add(TestCompiler.MultiMailReference);
            // The generator does not run here, so "partial method must have an implementation" is expected noise.
            CompilerDiagnostics = CompilerDiagnostics.None;
        }

        /// <summary>The C# version of the test code (12 unless a test sets another).</summary>
        public LanguageVersion LanguageVersion { get; set; } = LanguageVersion.CSharp12;

        protected override ParseOptions CreateParseOptions() =>
            ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion).WithDocumentationMode(DocumentationMode.None);

        protected override CompilationOptions CreateCompilationOptions() =>
            ((CSharpCompilationOptions)base.CreateCompilationOptions()).WithNullableContextOptions(NullableContextOptions.Enable);
    }
}
