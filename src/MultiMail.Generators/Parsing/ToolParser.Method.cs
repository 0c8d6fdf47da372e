using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using MultiMail.Generators.Model;

namespace MultiMail.Generators.Parsing;

// The method itself: its shape, its return type and the modifiers the implementation repeats.
internal sealed partial class ToolParser
{
    private void CheckMethodShape()
    {
        if (_method.IsGenericMethod)
        {
            ReportShape("generic methods are not supported");
        }

        if (_method.IsExtensionMethod)
        {
            ReportShape("extension methods are not supported");
        }

        if (_method.MethodKind != MethodKind.Ordinary)
        {
            ReportShape("only ordinary methods can be tools");
        }

        // The analyzers run after the generator: the implementation part it wrote is not a body the user wrote.
        var hasBody = (_method.PartialImplementationPart is { } implementation && !Analysis.GeneratedImplementation.IsOurs(implementation))
            || (_syntax is not null && (_syntax.Body is not null || _syntax.ExpressionBody is not null));
        if (hasBody)
        {
            ReportShape("it already has a body; declare it partial without a body so the generator writes it");
        }

        if (_method.IsAbstract)
        {
            ReportShape("abstract methods cannot be tools");
        }

        foreach (var parameter in _method.Parameters)
        {
            if (parameter.RefKind != RefKind.None)
            {
                _sink.Report(DiagnosticDescriptors.UnsupportedMethodShape, parameter.Locations.FirstOrDefault() ?? _methodLocation, _method.Name, "parameter '" + parameter.Name + "' is ref, out or in");
            }
        }

        var isPartial = _syntax is not null
            ? _syntax.Modifiers.Any(SyntaxKind.PartialKeyword)
            : _method.IsPartialDefinition;
        if (!isPartial && !hasBody)
        {
            _sink.Report(DiagnosticDescriptors.MustBePartial, _methodLocation, _method.Name, string.Empty);
        }
    }

    private void ReportShape(string problem) =>
        _sink.Report(DiagnosticDescriptors.UnsupportedMethodShape, _methodLocation, _method.Name, problem);

    private ReturnSpec? ParseReturn()
    {
        var returnType = _method.ReturnType;
        var display = returnType.ToDisplayString(ShapeBuilder.TypeFormat);
        if (returnType is INamedTypeSymbol { IsGenericType: false })
        {
            if (KnownTypes.Is(returnType, _known.Task))
            {
                return new ReturnSpec { Kind = ReturnKind.Task, TypeDisplay = display };
            }

            if (KnownTypes.Is(returnType, _known.ValueTask))
            {
                return new ReturnSpec { Kind = ReturnKind.ValueTask, TypeDisplay = display };
            }
        }

        if (returnType is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } generic
            && (KnownTypes.Is(generic.OriginalDefinition, _known.TaskOfT) || KnownTypes.Is(generic.OriginalDefinition, _known.ValueTaskOfT)))
        {
            var isValueTask = KnownTypes.Is(generic.OriginalDefinition, _known.ValueTaskOfT);
            var result = generic.TypeArguments[0];
            if (result.SpecialType == SpecialType.System_String)
            {
                return new ReturnSpec { Kind = isValueTask ? ReturnKind.ValueTaskOfString : ReturnKind.TaskOfString, TypeDisplay = display };
            }

            var shapes = new ShapeBuilder(_known, _type, forArguments: false, _cancellationToken);
            var shape = shapes.Build(result);
            if (shape is null)
            {
                _sink.Report(DiagnosticDescriptors.UnsupportedReturnType, _methodLocation, _method.Name, returnType.ToDisplayString(), " (" + shapes.Error + ")");
                return null;
            }

            return new ReturnSpec { Kind = isValueTask ? ReturnKind.ValueTaskOfT : ReturnKind.TaskOfT, TypeDisplay = display, Result = shape };
        }

        _sink.Report(DiagnosticDescriptors.UnsupportedReturnType, _methodLocation, _method.Name, returnType.ToDisplayString(), string.Empty);
        return null;
    }

    /// <summary>The declaration's modifiers, without <c>partial</c>, <c>async</c> and <c>extern</c>.</summary>
    private string Modifiers()
    {
        if (_syntax is not null)
        {
            var kept = _syntax.Modifiers
                .Where(m => !m.IsKind(SyntaxKind.PartialKeyword) && !m.IsKind(SyntaxKind.AsyncKeyword) && !m.IsKind(SyntaxKind.ExternKeyword))
                .Select(m => m.Text);
            return string.Join(" ", kept);
        }

        var accessibility = _method.DeclaredAccessibility switch
        {
            Accessibility.Public => "public",
            Accessibility.Internal => "internal",
            Accessibility.Protected => "protected",
            Accessibility.ProtectedOrInternal => "protected internal",
            Accessibility.ProtectedAndInternal => "private protected",
            Accessibility.Private => "private",
            _ => string.Empty,
        };
        return _method.IsStatic ? (accessibility + " static").Trim() : accessibility;
    }
}
