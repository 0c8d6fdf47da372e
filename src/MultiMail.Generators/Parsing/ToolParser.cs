using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
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
internal static class ToolParser
{
    private static readonly string[] HttpMethods = { "GET", "POST", "PUT", "PATCH", "DELETE" };

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
    /// Whether a tool reads, changes state or sends email, the way <see cref="Parse"/> decides it (catalog operation by
    /// endpoint or name; otherwise GET reads and anything else changes state), without the rest of the parse.
    /// </summary>
    public static MultiMailToolEffectValue EffectOf(IMethodSymbol method, AttributeData attribute)
    {
        if (attribute.ConstructorArguments.Length == 2)
        {
            var httpMethod = (attribute.ConstructorArguments[0].Value as string)?.Trim().ToUpperInvariant();
            var template = (attribute.ConstructorArguments[1].Value as string)?.Trim();
            if (httpMethod is null || template is null)
            {
                return MultiMailToolEffectValue.ChangesState;
            }

            return ContractCatalog.FindByEndpoint(httpMethod, template)?.Effect
                ?? (httpMethod == "GET" ? MultiMailToolEffectValue.Reads : MultiMailToolEffectValue.ChangesState);
        }

        return ContractCatalog.Find(ToolNameOf(method, attribute))?.Effect ?? MultiMailToolEffectValue.ChangesState;
    }

    public static ToolMethodModel? Parse(IMethodSymbol method, MethodDeclarationSyntax? syntax, KnownTypes known, DiagnosticSink sink, CancellationToken cancellationToken)
    {
        var attribute = FindToolAttribute(method, known);
        var type = method.ContainingType;
        if (attribute is null || type is null)
        {
            return null;
        }

        var methodLocation = syntax?.Identifier.GetLocation() ?? method.Locations.FirstOrDefault();
        var attributeLocation = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? methodLocation;

        // A container that can never hold tools is the one problem worth reporting.
        for (var current = type; current is not null; current = current.ContainingType)
        {
            var problem = current.TypeKind == TypeKind.Interface
                ? "tools cannot be declared in an interface; use a partial class"
                : current.IsRefLikeType ? "tools cannot be declared in a ref struct (their dispatcher is asynchronous); use a partial class" : null;
            if (problem is not null)
            {
                sink.Report(DiagnosticDescriptors.UnsupportedMethodShape, methodLocation, method.Name, problem);
                return null;
            }
        }

        CheckShape(method, syntax, type, sink, methodLocation);

        var toolName = ToolNameOf(method, attribute);
        if (!Naming.IsValidToolName(toolName))
        {
            sink.Report(DiagnosticDescriptors.InvalidToolName, attributeLocation, toolName, Naming.SuggestToolName(toolName));
        }

        // Endpoint: explicit, or from the catalog by tool name.
        string? httpMethod;
        string? template;
        CatalogOperation? operation;
        var explicitEndpoint = attribute.ConstructorArguments.Length == 2;
        if (explicitEndpoint)
        {
            httpMethod = (attribute.ConstructorArguments[0].Value as string)?.Trim().ToUpperInvariant();
            template = (attribute.ConstructorArguments[1].Value as string)?.Trim();
            var problem = EndpointProblem(httpMethod, template);
            if (problem is not null)
            {
                sink.Report(DiagnosticDescriptors.InvalidEndpoint, attributeLocation, httpMethod ?? "(null)", template ?? "(null)", problem);
                return null;
            }

            operation = ContractCatalog.FindByEndpoint(httpMethod!, template!);
        }
        else
        {
            operation = ContractCatalog.Find(toolName);
            if (operation is null)
            {
                sink.Report(DiagnosticDescriptors.UnknownOperation, attributeLocation, toolName, string.Join(", ", ContractCatalog.Operations.Select(o => o.Name)));
                return null;
            }

            httpMethod = operation.Method;
            template = operation.Path;
        }

        var effect = operation?.Effect ?? (httpMethod == "GET" ? MultiMailToolEffectValue.Reads : MultiMailToolEffectValue.ChangesState);
        var idempotent = operation?.Idempotent ?? httpMethod is "GET" or "PUT" or "DELETE";
        var destructive = operation?.Destructive ?? httpMethod == "DELETE";
        var openWorld = operation?.OpenWorld ?? false;

        // Return type.
        var returnSpec = ParseReturn(method, known, type, sink, methodLocation, cancellationToken);

        // Descriptions.
        var docs = DocComments.Read(syntax, name => WireNameOfParameter(method, name, known));
        var description = DocComments.Normalize(NamedString(attribute, "Description"))
            ?? Annotations.Description(method.GetAttributes())
            ?? docs.Summary
            ?? operation?.Description;
        if (description is null)
        {
            sink.Report(DiagnosticDescriptors.MissingDescription, methodLocation, toolName);
        }

        // Parameters.
        var placeholders = Placeholders(template!);
        var parameters = new List<ParameterSpec>(method.Parameters.Length);
        var shapes = new ShapeBuilder(known, type, forArguments: true, cancellationToken);
        var hasClientParameter = false;
        var wireNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in method.Parameters)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var spec = ParseParameter(parameter, method, type, known, shapes, operation, explicitEndpoint, placeholders, httpMethod!, effect, docs, sink, cancellationToken);
            if (spec is null)
            {
                continue;
            }

            if (spec.Role == ParameterRole.Client)
            {
                if (hasClientParameter)
                {
                    sink.Report(DiagnosticDescriptors.UnsupportedMethodShape, methodLocation, method.Name, "it has more than one MultiMailClient parameter");
                }

                hasClientParameter = true;
            }

            if (spec.IsRequestPart)
            {
                if (wireNames.TryGetValue(spec.WireName, out var other))
                {
                    sink.Report(DiagnosticDescriptors.DuplicateWireName, parameter.Locations.FirstOrDefault(), other, parameter.Name, spec.WireName);
                }
                else
                {
                    wireNames.Add(spec.WireName, parameter.Name);
                }
            }

            parameters.Add(spec);
        }

        if (parameters.Count(p => p.Role == ParameterRole.CancellationToken) > 1)
        {
            sink.Report(DiagnosticDescriptors.UnsupportedMethodShape, methodLocation, method.Name, "it has more than one CancellationToken parameter");
        }

        // Every parameter's wire name, parsed or not, so a mistyped parameter is not also reported as missing.
        var declaredWireNames = new HashSet<string>(method.Parameters.Select(p => WireNameOfParameter(method, p.Name, known)), StringComparer.Ordinal);

        // Route.
        var path = BuildPath(template!, parameters, operation, explicitEndpoint, sink, methodLocation);

        // Contract: required fields must have parameters.
        if (operation is not null)
        {
            foreach (var field in operation.Fields)
            {
                if (!field.Required || field.IsMailbox || (field.Location == FieldLocation.Path && explicitEndpoint))
                {
                    continue;
                }

                if (!declaredWireNames.Contains(field.WireName))
                {
                    sink.Report(DiagnosticDescriptors.RequiredFieldMissing, methodLocation, operation.Name, field.WireName, Describe(field));
                }
            }
        }

        // Client.
        var (clientMember, clientIsStatic, clientCount, clientNames) = FindClientMembers(type, known);
        if (!hasClientParameter)
        {
            if (method.IsStatic)
            {
                var staticCount = CountStaticClients(type, known);
                if (staticCount == 0)
                {
                    sink.Report(DiagnosticDescriptors.MissingClient, methodLocation, type.Name, toolName);
                }
                else if (clientCount > 1)
                {
                    sink.Report(DiagnosticDescriptors.MultipleClients, methodLocation, type.Name, clientCount, clientNames);
                }
            }
            else if (clientCount == 0)
            {
                sink.Report(DiagnosticDescriptors.MissingClient, methodLocation, type.Name, toolName);
            }
            else if (clientCount > 1)
            {
                sink.Report(DiagnosticDescriptors.MultipleClients, methodLocation, type.Name, clientCount, clientNames);
            }
        }

        if (sink.HasErrors || returnSpec is null || path is null)
        {
            return null;
        }

        var methodSpec = new ToolMethodSpec(
            ShapeBuilder.EscapeIdentifier(method.Name),
            Modifiers(method, syntax),
            returnSpec,
            parameters.ToEquatableArray(),
            toolName,
            description ?? string.Empty,
            httpMethod!,
            path.ToEquatableArray(),
            (int)effect,
            idempotent,
            destructive,
            openWorld,
            method.IsStatic);

        var typeSpec = BuildTypeSpec(type, known, clientCount == 1 ? clientMember : null, clientIsStatic);
        return new ToolMethodModel(typeSpec, methodSpec);
    }

    private static void CheckShape(IMethodSymbol method, MethodDeclarationSyntax? syntax, INamedTypeSymbol type, DiagnosticSink sink, Location? location)
    {
        if (method.IsGenericMethod)
        {
            sink.Report(DiagnosticDescriptors.UnsupportedMethodShape, location, method.Name, "generic methods are not supported");
        }

        if (method.IsExtensionMethod)
        {
            sink.Report(DiagnosticDescriptors.UnsupportedMethodShape, location, method.Name, "extension methods are not supported");
        }

        if (method.MethodKind != MethodKind.Ordinary)
        {
            sink.Report(DiagnosticDescriptors.UnsupportedMethodShape, location, method.Name, "only ordinary methods can be tools");
        }

        // The analyzers run after the generator: the implementation part it wrote is not a body the user wrote.
        var hasBody = (method.PartialImplementationPart is { } implementation && !Analysis.GeneratedImplementation.IsOurs(implementation))
            || (syntax is not null && (syntax.Body is not null || syntax.ExpressionBody is not null));
        if (hasBody)
        {
            sink.Report(DiagnosticDescriptors.UnsupportedMethodShape, location, method.Name, "it already has a body; declare it partial without a body so the generator writes it");
        }

        if (method.IsAbstract)
        {
            sink.Report(DiagnosticDescriptors.UnsupportedMethodShape, location, method.Name, "abstract methods cannot be tools");
        }

        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind != RefKind.None)
            {
                sink.Report(DiagnosticDescriptors.UnsupportedMethodShape, parameter.Locations.FirstOrDefault() ?? location, method.Name, "parameter '" + parameter.Name + "' is ref, out or in");
            }
        }

        var isPartial = syntax is not null
            ? syntax.Modifiers.Any(SyntaxKind.PartialKeyword)
            : method.IsPartialDefinition;
        if (!isPartial && !hasBody)
        {
            sink.Report(DiagnosticDescriptors.MustBePartial, location, method.Name, string.Empty);
        }

        for (var current = type; current is not null; current = current.ContainingType)
        {
            var partial = false;
            foreach (var reference in current.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is TypeDeclarationSyntax declaration && declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    partial = true;
                    break;
                }
            }

            if (!partial)
            {
                var typeLocation = current.Locations.FirstOrDefault();
                sink.Report(DiagnosticDescriptors.MustBePartial, typeLocation ?? location, current.Name, " (every type that contains a tool must be partial)");
            }
        }
    }

    private static string? EndpointProblem(string? method, string? template)
    {
        if (method is null || Array.IndexOf(HttpMethods, method) < 0)
        {
            return "the method must be GET, POST, PUT, PATCH or DELETE";
        }

        if (string.IsNullOrEmpty(template) || template![0] != '/')
        {
            return "the path must start with '/'";
        }

        if (template.IndexOfAny(new[] { '?', '#', ' ', '\\', '\t', '\r', '\n' }) >= 0 || template.Contains("//"))
        {
            return "the path must not contain a query, fragment, spaces, backslashes or empty segments; parameters of GET and DELETE go to the query by themselves";
        }

        foreach (var segment in template.Substring(1).Split('/'))
        {
            if (segment is "." or "..")
            {
                return "the path must not contain '.' or '..' segments";
            }

            var open = segment.IndexOf('{');
            var close = segment.IndexOf('}');
            if (open < 0 && close < 0)
            {
                continue;
            }

            if (open != 0 || close != segment.Length - 1 || segment.Length < 3 || segment.IndexOf('{', 1) >= 0)
            {
                return "a placeholder must be a whole path segment such as '{email_id}'";
            }

            foreach (var c in segment.Substring(1, segment.Length - 2))
            {
                if (!(char.IsLetterOrDigit(c) || c == '_'))
                {
                    return "placeholder names may contain only letters, digits and '_'";
                }
            }
        }

        return null;
    }

    private static List<string> Placeholders(string template)
    {
        var names = new List<string>();
        foreach (var segment in template.Split('/'))
        {
            if (segment.Length > 2 && segment[0] == '{' && segment[segment.Length - 1] == '}')
            {
                names.Add(Naming.ToSnakeCase(segment.Substring(1, segment.Length - 2)));
            }
        }

        return names;
    }

    private static ReturnSpec? ParseReturn(IMethodSymbol method, KnownTypes known, INamedTypeSymbol type, DiagnosticSink sink, Location? location, CancellationToken cancellationToken)
    {
        var returnType = method.ReturnType;
        var display = returnType.ToDisplayString(ShapeBuilder.TypeFormat);
        if (KnownTypes.Is(returnType, known.Task) && returnType is INamedTypeSymbol { IsGenericType: false })
        {
            return new ReturnSpec(ReturnKind.Task, display, null);
        }

        if (KnownTypes.Is(returnType, known.ValueTask) && returnType is INamedTypeSymbol { IsGenericType: false })
        {
            return new ReturnSpec(ReturnKind.ValueTask, display, null);
        }

        if (returnType is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } generic
            && (KnownTypes.Is(generic.OriginalDefinition, known.TaskOfT) || KnownTypes.Is(generic.OriginalDefinition, known.ValueTaskOfT)))
        {
            var isValueTask = KnownTypes.Is(generic.OriginalDefinition, known.ValueTaskOfT);
            var result = generic.TypeArguments[0];
            if (result.SpecialType == SpecialType.System_String)
            {
                return new ReturnSpec(isValueTask ? ReturnKind.ValueTaskOfString : ReturnKind.TaskOfString, display, null);
            }

            var shapes = new ShapeBuilder(known, type, forArguments: false, cancellationToken);
            var shape = shapes.Build(result);
            if (shape is null)
            {
                sink.Report(DiagnosticDescriptors.UnsupportedReturnType, location, method.Name, returnType.ToDisplayString(), " (" + shapes.Error + ")");
                return null;
            }

            return new ReturnSpec(isValueTask ? ReturnKind.ValueTaskOfT : ReturnKind.TaskOfT, display, shape);
        }

        sink.Report(DiagnosticDescriptors.UnsupportedReturnType, location, method.Name, returnType.ToDisplayString(), string.Empty);
        return null;
    }

    private static ParameterSpec? ParseParameter(
        IParameterSymbol parameter,
        IMethodSymbol method,
        INamedTypeSymbol type,
        KnownTypes known,
        ShapeBuilder shapes,
        CatalogOperation? operation,
        bool explicitEndpoint,
        List<string> placeholders,
        string httpMethod,
        MultiMailToolEffectValue effect,
        DocComments docs,
        DiagnosticSink sink,
        CancellationToken cancellationToken)
    {
        var location = parameter.Locations.FirstOrDefault();
        var name = ShapeBuilder.EscapeIdentifier(parameter.Name);
        var typeDisplay = parameter.Type.ToDisplayString(ShapeBuilder.TypeFormat);
        if (parameter.Type.TypeKind == TypeKind.Error)
        {
            sink.Report(DiagnosticDescriptors.UnsupportedParameterType, location, parameter.Name, parameter.Type.ToDisplayString(), "the type could not be resolved");
            return null;
        }

        if (KnownTypes.Is(parameter.Type, known.CancellationToken))
        {
            return Special(ParameterRole.CancellationToken);
        }

        if (KnownTypes.Is(parameter.Type, known.Client))
        {
            return Special(ParameterRole.Client);
        }

        var attributes = parameter.GetAttributes();
        string? wireOverride = null;
        string? descriptionOverride = null;
        AttributeData? bound = null;
        foreach (var attribute in attributes)
        {
            if (KnownTypes.Is(attribute.AttributeClass, known.ParameterAttribute))
            {
                wireOverride = (attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null) ?? NamedString(attribute, "Name");
                descriptionOverride = NamedString(attribute, "Description");
            }
            else if (KnownTypes.Is(attribute.AttributeClass, known.BoundAttribute))
            {
                bound = attribute;
            }
        }

        var wireName = string.IsNullOrWhiteSpace(wireOverride) ? Naming.ToSnakeCase(parameter.Name) : wireOverride!.Trim();
        if (!IsValidWireName(wireName))
        {
            sink.Report(DiagnosticDescriptors.UnsupportedParameterType, location, parameter.Name, parameter.Type.ToDisplayString(), "its wire name '" + wireName + "' must be 1-64 letters, digits, '_', '-' or '.'");
            return null;
        }

        var shape = shapes.Build(parameter.Type);
        if (shape is null)
        {
            sink.Report(DiagnosticDescriptors.UnsupportedParameterType, location, parameter.Name, parameter.Type.ToDisplayString(), shapes.Error ?? "it is not supported");
            return null;
        }

        var field = operation?.FindField(wireName);
        if (explicitEndpoint && field is not null && field.Location == FieldLocation.Path && !placeholders.Contains(wireName))
        {
            field = null;
        }

        // The HTTP role.
        ParameterRole role;
        var isPlaceholder = placeholders.Contains(wireName);
        if (isPlaceholder)
        {
            role = wireName == "mailbox_id" && (field?.IsMailbox ?? true) ? ParameterRole.Mailbox : ParameterRole.Path;
            if (!IsScalar(shape) || shape.Kind == ShapeKind.Boolean)
            {
                sink.Report(DiagnosticDescriptors.UnsupportedParameterType, location, parameter.Name, parameter.Type.ToDisplayString(), "a route value must be a string, number, GUID or enum");
                return null;
            }
        }
        else if ((field?.IsIdempotencyKey ?? false) || (field is null && wireName == "idempotency_key" && effect == MultiMailToolEffectValue.SendsEmail))
        {
            role = ParameterRole.IdempotencyKey;
            if (shape.Kind != ShapeKind.String)
            {
                sink.Report(DiagnosticDescriptors.FieldTypeMismatch, location, parameter.Name, parameter.Type.ToDisplayString(), "idempotency_key", operation?.Name ?? method.Name, "a string");
                return null;
            }
        }
        else if (httpMethod is "GET" or "DELETE")
        {
            role = ParameterRole.Query;
            if (!(IsScalar(shape) || (shape.Kind == ShapeKind.Array && shape.Element is { } element && IsScalar(element))))
            {
                sink.Report(DiagnosticDescriptors.UnsupportedParameterType, location, parameter.Name, parameter.Type.ToDisplayString(), "a " + httpMethod + " request sends arguments in the query, which takes only strings, numbers, booleans, dates, enums and arrays of them");
                return null;
            }
        }
        else
        {
            role = ParameterRole.Body;
        }

        var isNullable = shape.IsNullable;
        var hasDefault = parameter.HasExplicitDefaultValue;
        var required = !hasDefault && !isNullable && !parameter.IsOptional && !parameter.IsParams;
        if (role == ParameterRole.Mailbox)
        {
            required = false;
        }

        var (defaultLiteral, defaultJson) = hasDefault ? Defaults.Of(parameter, shape) : (null, null);
        Annotations.ReadConstraints(attributes, shape, out var constraints, out var itemConstraints);
        var description = DocComments.Normalize(descriptionOverride)
            ?? Annotations.Description(attributes)
            ?? docs.Parameter(parameter.Name)
            ?? field?.Description;

        // The MultiMail contract.
        if (operation is not null && role is ParameterRole.Query or ParameterRole.Body or ParameterRole.IdempotencyKey)
        {
            if (field is null || field.Location == FieldLocation.Path)
            {
                var fields = string.Join(", ", operation.Fields.Where(f => f.Location != FieldLocation.Path).Select(f => f.WireName));
                sink.Report(DiagnosticDescriptors.UnknownField, location, parameter.Name, wireName, operation.Name, fields.Length == 0 ? "(none)" : fields);
                return null;
            }
            else
            {
                var mismatch = TypeMismatch(field, shape);
                if (mismatch is not null)
                {
                    sink.Report(DiagnosticDescriptors.FieldTypeMismatch, location, parameter.Name, parameter.Type.ToDisplayString(), wireName, operation.Name, mismatch);
                    return null;
                }

                if (field.Required && !required)
                {
                    sink.Report(DiagnosticDescriptors.OptionalRequiredField, location, operation.Name, wireName, parameter.Name);
                }

                Merge(field, shape, ref constraints, ref itemConstraints);
            }
        }

        // [MultiMailBound].
        string? boundFrom = null;
        if (bound is not null)
        {
            var from = bound.ConstructorArguments.Length == 1 ? bound.ConstructorArguments[0].Value as string : null;
            if (!(role is ParameterRole.Path or ParameterRole.Mailbox or ParameterRole.Query or ParameterRole.Body or ParameterRole.IdempotencyKey))
            {
                sink.Report(DiagnosticDescriptors.InvalidBinding, location, parameter.Name, "only request parameters can be bound");
                return null;
            }

            if (from is null)
            {
                if (!hasDefault && !isNullable)
                {
                    sink.Report(DiagnosticDescriptors.InvalidBinding, location, parameter.Name, "it has no default value and no member to read: give it a default (null for the client's default mailbox) or name a member, [MultiMailBound(nameof(Mailbox))]");
                    return null;
                }
            }
            else
            {
                boundFrom = BoundMember(from, parameter, method, type, known, sink, location);
                if (boundFrom is null)
                {
                    return null;
                }
            }
        }

        return new ParameterSpec(name, wireName, typeDisplay, role, shape, required, defaultLiteral, defaultJson, description,
            constraints, itemConstraints, bound is not null, boundFrom, parameter.IsParams);

        ParameterSpec Special(ParameterRole specialRole) =>
            new(name, parameter.Name, typeDisplay, specialRole, null, false, null, null, null, Constraints.None, Constraints.None, false, null, parameter.IsParams);
    }

    private static string? BoundMember(string from, IParameterSymbol parameter, IMethodSymbol method, INamedTypeSymbol type, KnownTypes known, DiagnosticSink sink, Location? location)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers(from))
            {
                ITypeSymbol? memberType = member switch
                {
                    IFieldSymbol field => field.Type,
                    IPropertySymbol { IsIndexer: false, GetMethod: not null } property => property.Type,
                    _ => null,
                };
                if (memberType is null || !known.Compilation.IsSymbolAccessibleWithin(member, type))
                {
                    continue;
                }

                if (method.IsStatic && !member.IsStatic)
                {
                    sink.Report(DiagnosticDescriptors.InvalidBinding, location, parameter.Name, "the static tool method cannot read the instance member '" + from + "'");
                    return null;
                }

                var conversion = known.Compilation.ClassifyConversion(memberType, parameter.Type);
                if (!conversion.IsImplicit)
                {
                    sink.Report(DiagnosticDescriptors.InvalidBinding, location, parameter.Name, "the member '" + from + "' has type '" + memberType.ToDisplayString() + "', which does not convert to '" + parameter.Type.ToDisplayString() + "'");
                    return null;
                }

                var escaped = ShapeBuilder.EscapeIdentifier(member.Name);
                return member.IsStatic
                    ? type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + escaped
                    : "__mm_self." + escaped;
            }
        }

        sink.Report(DiagnosticDescriptors.InvalidBinding, location, parameter.Name, "the containing type has no readable field or property named '" + from + "'");
        return null;
    }

    private static List<PathSegment>? BuildPath(string template, List<ParameterSpec> parameters, CatalogOperation? operation, bool explicitEndpoint, DiagnosticSink sink, Location? location)
    {
        var segments = new List<PathSegment>();
        var literal = new StringBuilder();
        var ok = true;
        foreach (var part in template.Split('/'))
        {
            if (part.Length == 0)
            {
                continue;
            }

            literal.Append('/');
            if (part.Length > 2 && part[0] == '{' && part[part.Length - 1] == '}')
            {
                var wire = Naming.ToSnakeCase(part.Substring(1, part.Length - 2));
                var parameter = parameters.FirstOrDefault(p => p.WireName == wire && p.Role is ParameterRole.Path or ParameterRole.Mailbox);
                var isMailbox = wire == "mailbox_id";
                if (parameter is null && !isMailbox)
                {
                    if (explicitEndpoint || operation is null)
                    {
                        sink.Report(DiagnosticDescriptors.UnboundRoutePlaceholder, location, wire, ToCamelCase(wire));
                    }

                    // (a catalog operation's required path field is reported as MMG0008)
                    ok = false;
                    continue;
                }

                segments.Add(new PathSegment(literal.ToString(), null, null, false));
                literal.Clear();
                segments.Add(new PathSegment(string.Empty, parameter?.Name, wire, isMailbox));
            }
            else
            {
                literal.Append(part);
            }
        }

        if (literal.Length > 0)
        {
            segments.Add(new PathSegment(literal.ToString(), null, null, false));
        }

        return ok ? segments.Where(s => s.Literal.Length > 0 || s.WireName is not null).ToList() : null;
    }

    private static (string? Member, bool IsStatic, int Count, string Names) FindClientMembers(INamedTypeSymbol type, KnownTypes known)
    {
        string? member = null;
        var isStatic = false;
        var names = new List<string>();
        foreach (var candidate in ClientMembers(type, known))
        {
            member ??= ShapeBuilder.EscapeIdentifier(candidate.Name);
            if (names.Count == 0)
            {
                isStatic = candidate.IsStatic;
            }

            names.Add(candidate.Name);
        }

        return (member, isStatic, names.Count, string.Join(", ", names));
    }

    private static int CountStaticClients(INamedTypeSymbol type, KnownTypes known) => ClientMembers(type, known).Count(m => m.IsStatic);

    private static IEnumerable<ISymbol> ClientMembers(INamedTypeSymbol type, KnownTypes known)
    {
        if (known.Client is null)
        {
            yield break;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                var memberType = member switch
                {
                    IFieldSymbol { IsImplicitlyDeclared: false } field => field.Type,
                    IPropertySymbol { IsIndexer: false, GetMethod: not null } property => property.Type,
                    _ => null,
                };
                if (memberType is not null
                    && KnownTypes.Is(memberType, known.Client)
                    && (ReferenceEquals(current, type) || known.Compilation.IsSymbolAccessibleWithin(member, type))
                    && seen.Add(member.Name))
                {
                    yield return member;
                }
            }
        }
    }

    private static ToolTypeSpec BuildTypeSpec(INamedTypeSymbol type, KnownTypes known, string? clientMember, bool clientIsStatic)
    {
        var declarations = new List<TypeDeclarationSpec>();
        for (var current = type; current is not null; current = current.ContainingType)
        {
            var keyword = current.IsRecord
                ? current.IsValueType ? "record struct" : "record"
                : current.TypeKind == TypeKind.Struct ? "struct" : "class";
            var typeParameters = current.TypeParameters.Length == 0
                ? string.Empty
                : "<" + string.Join(", ", current.TypeParameters.Select(t => ShapeBuilder.EscapeIdentifier(t.Name))) + ">";
            declarations.Insert(0, new TypeDeclarationSpec(keyword, ShapeBuilder.EscapeIdentifier(current.Name), typeParameters));
        }

        var ns = type.ContainingNamespace is null || type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString();
        var hint = new StringBuilder();
        if (ns is not null)
        {
            hint.Append(ns).Append('.');
        }

        var chain = new List<string>();
        for (var current = type; current is not null; current = current.ContainingType)
        {
            chain.Insert(0, Naming.SafeIdentifier(current.Name) + (current.Arity > 0 ? "_" + current.Arity.ToString(CultureInfo.InvariantCulture) : string.Empty));
        }

        hint.Append(string.Join(".", chain)).Append(".MultiMailTools.g.cs");

        return new ToolTypeSpec(
            ns,
            declarations.ToEquatableArray(),
            type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            hint.ToString(),
            clientMember,
            clientIsStatic,
            type.IsStatic,
            type.Name == "Tools" || HasMember(type, "Tools"),
            type.Name == "InvokeAsync" || HasMember(type, "InvokeAsync"),
            type.Name is "MultiMailTools" or "CreateToolSet" || HasMember(type, "MultiMailTools") || HasMember(type, "CreateToolSet"),
            type.Name is "AsAITools" or "AsMcpServerTools" || type.Name.EndsWith("AIFunction", StringComparison.Ordinal)
                || HasMember(type, "AsAITools") || HasMember(type, "AsMcpServerTools") || HasMemberEndingWith(type, "AIFunction"));
    }

    private static bool HasMember(INamedTypeSymbol type, string name)
    {
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            if (!current.GetMembers(name).IsEmpty)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasMemberEndingWith(INamedTypeSymbol type, string suffix)
    {
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var name in current.MemberNames)
            {
                if (name.EndsWith(suffix, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static string Modifiers(IMethodSymbol method, MethodDeclarationSyntax? syntax)
    {
        if (syntax is not null)
        {
            var kept = syntax.Modifiers
                .Where(m => !m.IsKind(SyntaxKind.PartialKeyword) && !m.IsKind(SyntaxKind.AsyncKeyword) && !m.IsKind(SyntaxKind.ExternKeyword))
                .Select(m => m.Text);
            return string.Join(" ", kept);
        }

        var accessibility = method.DeclaredAccessibility switch
        {
            Accessibility.Public => "public",
            Accessibility.Internal => "internal",
            Accessibility.Protected => "protected",
            Accessibility.ProtectedOrInternal => "protected internal",
            Accessibility.ProtectedAndInternal => "private protected",
            Accessibility.Private => "private",
            _ => string.Empty,
        };
        return method.IsStatic ? (accessibility + " static").Trim() : accessibility;
    }

    private static bool IsScalar(TypeShape shape) => shape.Kind is ShapeKind.String or ShapeKind.Boolean or ShapeKind.Integer or ShapeKind.Number
        or ShapeKind.Enum or ShapeKind.DateTime or ShapeKind.DateTimeOffset or ShapeKind.Guid or ShapeKind.Uri;

    private static bool IsValidWireName(string name)
    {
        if (name.Length is 0 or > 64)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c is '_' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Why a parameter shape does not fit a contract field, or null when it fits.</summary>
    private static string? TypeMismatch(CatalogField field, TypeShape shape)
    {
        switch (field.Type)
        {
            case FieldType.String:
                if (shape.Kind == ShapeKind.Boolean && field.Enum.Length == 2 && field.Enum.Contains("true") && field.Enum.Contains("false"))
                {
                    return null;
                }

                if (shape.Kind is ShapeKind.String or ShapeKind.Guid or ShapeKind.Uri)
                {
                    return null;
                }

                if (shape.Kind is ShapeKind.DateTime or ShapeKind.DateTimeOffset)
                {
                    return field.Format == "date-time" ? null : "a string (not a date)";
                }

                if (shape.Kind == ShapeKind.Enum)
                {
                    if (field.Enum.IsEmpty)
                    {
                        return null;
                    }

                    var unknown = shape.EnumMembers.Where(m => !field.Enum.Contains(m.WireName)).Select(m => m.WireName).ToList();
                    return unknown.Count == 0 ? null : "one of " + string.Join(", ", field.Enum) + " (the enum also has " + string.Join(", ", unknown) + ")";
                }

                return field.Enum.IsEmpty ? "a string" : "a string, one of " + string.Join(", ", field.Enum);
            case FieldType.Integer:
                return shape.Kind == ShapeKind.Integer ? null : "an integer";
            case FieldType.Boolean:
                return shape.Kind == ShapeKind.Boolean ? null : "a boolean";
            case FieldType.StringArray:
                return shape.Kind == ShapeKind.Array && shape.Element is { Kind: ShapeKind.String or ShapeKind.Enum or ShapeKind.Guid or ShapeKind.Uri }
                    ? null
                    : "an array of strings";
            case FieldType.StringMap:
                return shape.Kind == ShapeKind.Map ? null : "an object of string values (Dictionary<string, string>)";
            case FieldType.ObjectArray:
                if (shape.Kind != ShapeKind.Array || shape.Element is not { Kind: ShapeKind.Object, Object: { } item })
                {
                    return "an array of objects with " + string.Join(", ", field.ItemFields.Select(f => f.WireName));
                }

                foreach (var property in item.Properties)
                {
                    if (!field.ItemFields.Any(f => f.WireName == property.WireName))
                    {
                        return "an array of objects with " + string.Join(", ", field.ItemFields.Select(f => f.WireName)) + " ('" + property.WireName + "' is not one of them)";
                    }
                }

                foreach (var itemField in field.ItemFields)
                {
                    if (itemField.Required && !item.Properties.Any(p => p.WireName == itemField.WireName))
                    {
                        return "an array of objects with " + string.Join(", ", field.ItemFields.Select(f => f.WireName)) + " ('" + itemField.WireName + "' is missing)";
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>Carries the contract's limits, enums and formats into the parameter's facets (annotations win).</summary>
    private static void Merge(CatalogField field, TypeShape shape, ref Constraints value, ref Constraints items)
    {
        if (field.MaxLength >= 0 && value.MaxLength < 0 && shape.Kind == ShapeKind.String)
        {
            value = value with { MaxLength = field.MaxLength };
        }

        if (field.MaxItems >= 0 && value.MaxItems < 0)
        {
            value = value with { MaxItems = field.MaxItems };
        }

        if (field.MinItems > 0 && value.MinItems < 0)
        {
            value = value with { MinItems = field.MinItems };
        }

        if (field.Minimum is { } min && value.Minimum is null)
        {
            value = value with { Minimum = min.ToString(CultureInfo.InvariantCulture) };
        }

        if (field.Maximum is { } max && value.Maximum is null)
        {
            value = value with { Maximum = max.ToString(CultureInfo.InvariantCulture) };
        }

        if (shape.Kind == ShapeKind.String)
        {
            if (field.Format is not null && value.Format is null)
            {
                value = value with { Format = field.Format };
            }

            if (field.Pattern is not null && value.Pattern is null)
            {
                value = value with { Pattern = field.Pattern };
            }

            if (!field.Enum.IsEmpty && value.AllowedValues.IsEmpty)
            {
                value = value with { AllowedValues = field.Enum.ToEquatableArray() };
            }
        }

        if (field.ItemFormat is not null && items.Format is null && shape.Element is { Kind: ShapeKind.String })
        {
            items = items with { Format = field.ItemFormat };
        }
    }

    private static string Describe(CatalogField field) => field.Type switch
    {
        FieldType.String => field.Enum.IsEmpty ? "a string" : "one of " + string.Join(", ", field.Enum),
        FieldType.Integer => "an integer",
        FieldType.Boolean => "a boolean",
        FieldType.StringArray => "an array of strings",
        FieldType.ObjectArray => "an array of objects",
        FieldType.StringMap => "an object of string values",
        _ => "a value",
    } + (field.Location == FieldLocation.Path ? ", in the route" : string.Empty);

    private static string WireNameOfParameter(IMethodSymbol method, string name, KnownTypes known)
    {
        foreach (var parameter in method.Parameters)
        {
            if (parameter.Name == name)
            {
                foreach (var attribute in parameter.GetAttributes())
                {
                    if (KnownTypes.Is(attribute.AttributeClass, known.ParameterAttribute)
                        && ((attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null) ?? NamedString(attribute, "Name")) is { Length: > 0 } wire)
                    {
                        return wire;
                    }
                }

                return Naming.ToSnakeCase(name);
            }
        }

        return name;
    }

    private static string ToCamelCase(string snake)
    {
        var builder = new StringBuilder(snake.Length);
        var upper = false;
        foreach (var c in snake)
        {
            if (c == '_')
            {
                upper = builder.Length > 0;
                continue;
            }

            builder.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return builder.ToString();
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
