using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace MultiMail.Generators.Parsing;

/// <summary>
/// Where the shared parser reports problems. The analyzer passes a collecting sink; the generator passes
/// <see cref="Silent"/>, so it only learns whether the method is valid (invalid methods are skipped, never reported).
/// </summary>
internal class DiagnosticSink
{
    public static DiagnosticSink Silent => new();

    public bool HasErrors { get; private set; }

    public List<Diagnostic>? Diagnostics { get; }

    protected DiagnosticSink()
    {
    }

    private DiagnosticSink(List<Diagnostic> diagnostics) => Diagnostics = diagnostics;

    public static DiagnosticSink Collecting() => new(new List<Diagnostic>());

    public void Report(DiagnosticDescriptor descriptor, Location? location, params object?[] arguments)
    {
        if (descriptor.DefaultSeverity == DiagnosticSeverity.Error)
        {
            HasErrors = true;
        }

        Diagnostics?.Add(Diagnostic.Create(descriptor, location ?? Location.None, arguments));
    }
}
