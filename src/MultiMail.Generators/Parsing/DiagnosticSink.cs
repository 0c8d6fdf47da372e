using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace MultiMail.Generators.Parsing;

/// <summary>
/// Where the shared parser reports problems. The analyzer and the generator's <see cref="Analysis.Refusals"/> pass a
/// collecting sink; the generator's transform passes <see cref="Silent"/>, so it only learns whether the method is valid.
/// </summary>
/// <remarks>
/// Type-level problems (a containing type that is not partial) make the method invalid like any other error. The
/// analyzer reports them from its per-file pass, once per type (it de-duplicates what each tool of the type reports);
/// a sink made with <c>typeLevel: false</c> leaves them out (see <see cref="ToolParser.CheckContainingType"/> for the
/// per-type check on its own).
/// </remarks>
internal class DiagnosticSink
{
    private readonly bool _collectTypeLevel;

    protected DiagnosticSink()
    {
    }

    private DiagnosticSink(List<Diagnostic> diagnostics, bool collectTypeLevel)
    {
        Diagnostics = diagnostics;
        _collectTypeLevel = collectTypeLevel;
    }

    public static DiagnosticSink Silent => new();

    public bool HasErrors { get; private set; }

    public List<Diagnostic>? Diagnostics { get; }

    /// <summary>A sink that keeps every diagnostic; without <paramref name="typeLevel"/>, type-level ones are left out.</summary>
    public static DiagnosticSink Collecting(bool typeLevel = true) => new(new List<Diagnostic>(), typeLevel);

    public void Report(DiagnosticDescriptor descriptor, Location? location, params object?[] arguments)
    {
        if (descriptor.DefaultSeverity == DiagnosticSeverity.Error)
        {
            HasErrors = true;
        }

        Diagnostics?.Add(Diagnostic.Create(descriptor, location ?? Location.None, arguments));
    }

    /// <summary>Reports a problem of a containing type rather than of the method being parsed.</summary>
    public void ReportTypeLevel(DiagnosticDescriptor descriptor, Location? location, params object?[] arguments)
    {
        if (descriptor.DefaultSeverity == DiagnosticSeverity.Error)
        {
            HasErrors = true;
        }

        if (_collectTypeLevel)
        {
            Diagnostics?.Add(Diagnostic.Create(descriptor, location ?? Location.None, arguments));
        }
    }
}
