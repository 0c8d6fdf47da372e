using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MultiMail.Generators.Catalog;
using MultiMail.Generators.Helpers;
using MultiMail.Generators.Model;

namespace MultiMail.Generators.Parsing;

/// <summary>
/// Turns a <c>[MultiMailTool]</c> method into a <see cref="ToolMethodModel"/>. Shared by the generator (silent sink:
/// an invalid method yields <see langword="null"/> and is skipped) and the analyzer (collecting sink). Never throws on
/// half-typed code: every symbol it reads may be an error symbol.
/// </summary>
/// <remarks>
/// One instance parses one method and keeps what every step needs (the method, its type, the well-known symbols, the
/// sink, the resolved endpoint) as state, as System.Text.Json's generator does. The steps live in files by concern:
/// <list type="bullet">
/// <item><c>ToolParser.Endpoint.cs</c>: the endpoint and its effect (one lookup, also used by <see cref="EffectOf"/>) and the route;</item>
/// <item><c>ToolParser.Method.cs</c>: the method's shape, return type and modifiers;</item>
/// <item><c>ToolParser.Parameters.cs</c>: each parameter's wire name, role, facets and binding;</item>
/// <item><c>ToolParser.Contract.cs</c>: the MultiMail contract's rules for catalog operations;</item>
/// <item><c>ToolParser.Client.cs</c>: the <c>MultiMailClient</c> members the tools call through;</item>
/// <item><c>ToolParser.Types.cs</c>: the containing types: the type-level rules (one home for the analyzer too) and the type spec.</item>
/// </list>
/// </remarks>
internal sealed partial class ToolParser
{
    private readonly IMethodSymbol _method;
    private readonly MethodDeclarationSyntax? _syntax;
    private readonly INamedTypeSymbol _type;
    private readonly AttributeData _attribute;
    private readonly KnownTypes _known;
    private readonly DiagnosticSink _sink;
    private readonly CancellationToken _cancellationToken;
    private readonly Location? _methodLocation;
    private readonly Location? _attributeLocation;

    private ToolParser(IMethodSymbol method, MethodDeclarationSyntax? syntax, INamedTypeSymbol type, AttributeData attribute, KnownTypes known, DiagnosticSink sink, CancellationToken cancellationToken)
    {
        _method = method;
        _syntax = syntax;
        _type = type;
        _attribute = attribute;
        _known = known;
        _sink = sink;
        _cancellationToken = cancellationToken;
        _methodLocation = syntax?.Identifier.GetLocation() ?? method.Locations.FirstOrDefault();
        _attributeLocation = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? _methodLocation;
    }

    public static AttributeData? FindToolAttribute(IMethodSymbol method, KnownTypes known)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (KnownTypes.Is(attribute.AttributeClass, known.ToolAttribute))
            {
                return attribute;
            }
        }

        return null;
    }

    /// <summary>The tool name a method gets: the attribute's Name, or snake_case of the method name.</summary>
    public static string ToolNameOf(IMethodSymbol method, AttributeData attribute) =>
        NamedString(attribute, "Name") ?? Naming.DefaultToolName(method.Name);

    /// <summary>
    /// Whether a tool reads, changes state or sends email, the way <see cref="Parse"/> decides it, without the rest of
    /// the parse.
    /// </summary>
    public static MultiMailToolEffectValue EffectOf(IMethodSymbol method, AttributeData attribute) =>
        Endpoint.Resolve(attribute, ToolNameOf(method, attribute)).Effect;

    public static ToolMethodModel? Parse(IMethodSymbol method, MethodDeclarationSyntax? syntax, KnownTypes known, DiagnosticSink sink, CancellationToken cancellationToken)
    {
        var attribute = FindToolAttribute(method, known);
        var type = method.ContainingType;
        if (attribute is null || type is null)
        {
            return null;
        }

        return new ToolParser(method, syntax, type, attribute, known, sink, cancellationToken).Parse();
    }

    private ToolMethodModel? Parse()
    {
        // A container that can never hold tools is the one problem worth reporting.
        if (ContainerProblem(_type) is { } problem)
        {
            _sink.Report(DiagnosticDescriptors.UnsupportedMethodShape, _methodLocation, _method.Name, problem);
            return null;
        }

        CheckMethodShape();
        CheckContainingTypesArePartial();

        var toolName = ToolNameOf(_method, _attribute);
        if (!Naming.IsValidToolName(toolName))
        {
            _sink.Report(DiagnosticDescriptors.InvalidToolName, _attributeLocation, toolName, Naming.SuggestToolName(toolName));
        }

        var endpoint = ResolveEndpoint(toolName);
        if (endpoint is null)
        {
            return null;
        }

        var returnSpec = ParseReturn();
        var docs = DocComments.Read(_syntax, WireNameOf);
        // The user's words win; the catalog's summary fills in only when there are none; its guidance always follows.
        var description = WithGuidance(
            DocComments.Normalize(NamedString(_attribute, "Description"))
                ?? Annotations.Description(_method.GetAttributes())
                ?? docs.Summary
                ?? endpoint.Operation?.Description,
            endpoint.Operation?.Guidance);
        if (description is null)
        {
            _sink.Report(DiagnosticDescriptors.MissingDescription, _methodLocation, toolName);
        }

        var parameters = ParseParameters(endpoint, docs);
        var path = BuildPath(endpoint, parameters);
        CheckRequiredFields(endpoint);
        var client = FindClient(toolName, hasClientParameter: parameters.Any(p => p.Role == ParameterRole.Client));

        if (_sink.HasErrors || returnSpec is null || path is null)
        {
            return null;
        }

        var methodSpec = new ToolMethodSpec
        {
            MethodName = Naming.EscapeIdentifier(_method.Name),
            Modifiers = Modifiers(),
            Return = returnSpec,
            Parameters = parameters.ToEquatableArray(),
            ToolName = toolName,
            Description = description ?? string.Empty,
            HttpMethod = endpoint.HttpMethod!,
            Path = path.ToEquatableArray(),
            RuntimeOperation = endpoint.IsExplicit ? null : endpoint.Operation?.Runtime,
            Effect = endpoint.Effect,
            IsIdempotent = endpoint.Idempotent,
            IsDestructive = endpoint.Destructive,
            IsOpenWorld = endpoint.OpenWorld,
            ReturnsMail = endpoint.ReturnsMail,
            IsStatic = _method.IsStatic,
        };

        return new ToolMethodModel(BuildTypeSpec(client), methodSpec);
    }

    /// <summary>A description followed by the catalog's guidance (once: not when the text already says it).</summary>
    private static string? WithGuidance(string? description, string? guidance)
    {
        if (description is null || guidance is null || description.IndexOf(guidance, StringComparison.Ordinal) >= 0)
        {
            return description;
        }

        var trimmed = description.TrimEnd();
        var last = trimmed.Length == 0 ? '.' : trimmed[trimmed.Length - 1];
        return trimmed + (last is '.' or '!' or '?' ? " " : ". ") + guidance;
    }

    private static string? NamedString(AttributeData attribute, string name)
    {
        foreach (var named in attribute.NamedArguments)
        {
            if (named.Key == name && named.Value.Value is string text)
            {
                return text;
            }
        }

        return null;
    }
}
