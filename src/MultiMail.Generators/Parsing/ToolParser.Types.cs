using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MultiMail.Generators.Helpers;
using MultiMail.Generators.Model;

namespace MultiMail.Generators.Parsing;

// The types that contain a tool: the type-level rules (the one home for them; Parse applies them to each type around a
// method, CheckContainingType to one type) and the spec the emitter needs to reopen them.
internal sealed partial class ToolParser
{
    private const string MustBePartialReason = " (every type that contains a tool must be partial)";

    /// <summary>
    /// Reports MMG0001 on <paramref name="type"/> when it is not partial but declares a tool the parser checks, itself or
    /// in a nested type, for one type on its own; <see cref="Parse"/> applies the same rule to each type
    /// around a method through <see cref="DiagnosticSink.ReportTypeLevel"/>.
    /// </summary>
    public static void CheckContainingType(INamedTypeSymbol type, KnownTypes known, DiagnosticSink sink, CancellationToken cancellationToken)
    {
        if (!IsPartial(type, cancellationToken) && DeclaresTools(type, known))
        {
            sink.Report(DiagnosticDescriptors.MustBePartial, type.Locations.FirstOrDefault(), type.Name, MustBePartialReason);
        }
    }

    /// <summary>Why tools cannot be declared in <paramref name="type"/> or a type around it, or null when they can.</summary>
    private static string? ContainerProblem(INamedTypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.TypeKind == TypeKind.Interface)
            {
                return "tools cannot be declared in an interface; use a partial class";
            }

            if (current.IsRefLikeType)
            {
                return "tools cannot be declared in a ref struct (their dispatcher is asynchronous); use a partial class";
            }
        }

        return null;
    }

    private static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration && declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the type or a type nested in it declares a tool in a container that can hold tools.</summary>
    private static bool DeclaresTools(INamedTypeSymbol type, KnownTypes known)
    {
        foreach (var member in type.GetMembers())
        {
            if (member is IMethodSymbol { PartialDefinitionPart: null } method && FindToolAttribute(method, known) is not null && ContainerProblem(method.ContainingType) is null)
            {
                return true;
            }

            if (member is INamedTypeSymbol nested && DeclaresTools(nested, known))
            {
                return true;
            }
        }

        return false;
    }

    private void CheckContainingTypesArePartial()
    {
        for (var current = _type; current is not null; current = current.ContainingType)
        {
            if (!IsPartial(current, _cancellationToken))
            {
                _sink.ReportTypeLevel(DiagnosticDescriptors.MustBePartial, current.Locations.FirstOrDefault() ?? _methodLocation, current.Name, MustBePartialReason);
            }
        }
    }

    private ToolTypeSpec BuildTypeSpec(MemberReference? client)
    {
        var declarations = new List<TypeDeclarationSpec>();
        var hintChain = new List<string>();
        for (var current = _type; current is not null; current = current.ContainingType)
        {
            var keyword = current.IsRecord
                ? current.IsValueType ? "record struct" : "record"
                : current.TypeKind == TypeKind.Struct ? "struct" : "class";
            var typeParameters = current.TypeParameters.Length == 0
                ? string.Empty
                : "<" + string.Join(", ", current.TypeParameters.Select(t => Naming.EscapeIdentifier(t.Name))) + ">";
            declarations.Insert(0, new TypeDeclarationSpec(keyword, Naming.EscapeIdentifier(current.Name), typeParameters));
            hintChain.Insert(0, Naming.SafeIdentifier(current.Name) + (current.Arity > 0 ? "_" + current.Arity.ToString(CultureInfo.InvariantCulture) : string.Empty));
        }

        var ns = _type.ContainingNamespace is null || _type.ContainingNamespace.IsGlobalNamespace ? null : _type.ContainingNamespace.ToDisplayString();
        var hint = new StringBuilder();
        if (ns is not null)
        {
            // Each part as a plain identifier: `namespace Acme.@event` displays with its '@', which no hint name may hold.
            hint.Append(string.Join(".", ns.Split('.').Select(Naming.SafeIdentifier))).Append('.');
        }

        hint.Append(string.Join(".", hintChain)).Append(".MultiMailTools.g.cs");

        var name = _type.Name;
        var taken = TakenNames.None;
        if (name == "Tools" || HasMember("Tools"))
        {
            taken |= TakenNames.Tools;
        }

        if (name is "InvokeAsync" or "InvokeForResultAsync" || HasMember("InvokeAsync") || HasMember("InvokeForResultAsync"))
        {
            taken |= TakenNames.InvokeAsync;
        }

        if (name is "MultiMailTools" or "CreateToolSet" || HasMember("MultiMailTools") || HasMember("CreateToolSet"))
        {
            taken |= TakenNames.StaticMembers;
        }

        if (name is "AsAITools" or "AsMcpServerTools" || name.EndsWith("AIFunction", StringComparison.Ordinal)
            || HasMember("AsAITools") || HasMember("AsMcpServerTools") || HasMemberEndingWith("AIFunction"))
        {
            taken |= TakenNames.Adapters;
        }

        return new ToolTypeSpec
        {
            Namespace = ns,
            Declarations = declarations.ToEquatableArray(),
            FullName = _type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            HintName = hint.ToString(),
            Client = client,
            IsStatic = _type.IsStatic,
            TakenNames = taken,
        };
    }

    private bool HasMember(string name)
    {
        for (var current = _type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            if (!current.GetMembers(name).IsEmpty)
            {
                return true;
            }
        }

        return false;
    }

    private bool HasMemberEndingWith(string suffix)
    {
        for (var current = _type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var memberName in current.MemberNames)
            {
                if (memberName.EndsWith(suffix, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
