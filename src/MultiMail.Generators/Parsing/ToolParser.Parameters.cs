using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using MultiMail.Generators.Catalog;
using MultiMail.Generators.Helpers;
using MultiMail.Generators.Model;

namespace MultiMail.Generators.Parsing;

// Parameter binding: each parameter's wire name, its role in the request, its facets and its [MultiMailBound] source.
internal sealed partial class ToolParser
{
    private List<ParameterSpec> ParseParameters(Endpoint endpoint, DocComments docs)
    {
        var placeholders = Placeholders(endpoint.Template!);
        var parameters = new List<ParameterSpec>(_method.Parameters.Length);
        var shapes = new ShapeBuilder(_known, _type, forArguments: true, _cancellationToken);
        var hasClientParameter = false;
        var wireNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in _method.Parameters)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var spec = ParseParameter(parameter, endpoint, placeholders, shapes, docs);
            if (spec is null)
            {
                continue;
            }

            if (spec.Role == ParameterRole.Client)
            {
                if (hasClientParameter)
                {
                    ReportShape("it has more than one MultiMailClient parameter");
                }

                hasClientParameter = true;
            }

            if (spec.IsRequestPart)
            {
                // Two parameters may not share a name, in the model's arguments or in the request (an alias and its field).
                var requestName = spec.RequestName ?? spec.WireName;
                if (wireNames.TryGetValue(spec.WireName, out var other) || (requestName != spec.WireName && wireNames.TryGetValue(requestName, out other)))
                {
                    _sink.Report(DiagnosticDescriptors.DuplicateWireName, parameter.Locations.FirstOrDefault(), other, parameter.Name, requestName);
                }
                else
                {
                    wireNames.Add(spec.WireName, parameter.Name);
                    if (requestName != spec.WireName)
                    {
                        wireNames.Add(requestName, parameter.Name);
                    }
                }
            }

            parameters.Add(spec);
        }

        if (parameters.Count(p => p.Role == ParameterRole.CancellationToken) > 1)
        {
            ReportShape("it has more than one CancellationToken parameter");
        }

        return parameters;
    }

    private ParameterSpec? ParseParameter(IParameterSymbol parameter, Endpoint endpoint, List<string> placeholders, ShapeBuilder shapes, DocComments docs)
    {
        var location = parameter.Locations.FirstOrDefault();
        var name = Naming.EscapeIdentifier(parameter.Name);
        var typeDisplay = parameter.Type.ToDisplayString(ShapeBuilder.TypeFormat);
        if (parameter.Type.TypeKind == TypeKind.Error)
        {
            ReportParameterType(parameter, "the type could not be resolved");
            return null;
        }

        if (KnownTypes.Is(parameter.Type, _known.CancellationToken) || KnownTypes.Is(parameter.Type, _known.Client))
        {
            var special = KnownTypes.Is(parameter.Type, _known.Client) ? ParameterRole.Client : ParameterRole.CancellationToken;
            return new ParameterSpec { Name = name, WireName = parameter.Name, TypeDisplay = typeDisplay, Role = special, IsParams = parameter.IsParams };
        }

        var attributes = parameter.GetAttributes();
        var wireName = WireNameOf(parameter);
        if (!IsValidWireName(wireName))
        {
            ReportParameterType(parameter, "its wire name '" + wireName + "' must be 1-64 letters, digits, '_', '-' or '.'");
            return null;
        }

        var shape = shapes.Build(parameter.Type);
        if (shape is null)
        {
            ReportParameterType(parameter, shapes.Error ?? "it is not supported");
            return null;
        }

        var field = endpoint.Operation?.FindField(wireName);
        if (endpoint.IsExplicit && field is not null && field.Location == FieldLocation.Path && !placeholders.Contains(wireName))
        {
            field = null;
        }

        var role = RoleOf(parameter, wireName, shape, field, endpoint, placeholders);
        if (role is null)
        {
            return null;
        }

        var hasDefault = parameter.HasExplicitDefaultValue;
        var required = role != ParameterRole.Mailbox && !hasDefault && !shape.IsNullable && !parameter.IsOptional && !parameter.IsParams;
        var (defaultLiteral, defaultJson) = hasDefault ? Defaults.Of(parameter, shape) : (null, null);
        Annotations.ReadConstraints(attributes, shape, out var constraints, out var itemConstraints);
        var description = DocComments.Normalize(ParameterAttributeString(parameter, "Description"))
            ?? Annotations.Description(attributes)
            ?? docs.Parameter(parameter.Name)
            ?? field?.Description;

        if (endpoint.Operation is { } operation && role is ParameterRole.Query or ParameterRole.Body or ParameterRole.IdempotencyKey)
        {
            if (!ApplyContract(parameter, wireName, shape, required, field, operation, ref constraints, ref itemConstraints))
            {
                return null;
            }

            shape = WithItemDescriptions(field!, shape);
        }

        var bound = attributes.FirstOrDefault(a => KnownTypes.Is(a.AttributeClass, _known.BoundAttribute));
        MemberReference? boundMember = null;
        if (bound is not null && !TryBind(parameter, bound, role.Value, hasDefault || shape.IsNullable, out boundMember))
        {
            return null;
        }

        return new ParameterSpec
        {
            Name = name,
            WireName = wireName,
            RequestName = field is not null && field.WireName != wireName && role is ParameterRole.Query or ParameterRole.Body ? field.WireName : null,
            TypeDisplay = typeDisplay,
            Role = role.Value,
            Shape = shape,
            Required = required,
            DefaultLiteral = defaultLiteral,
            DefaultJson = defaultJson,
            Description = description,
            Constraints = constraints,
            ItemConstraints = itemConstraints,
            IsBound = bound is not null,
            BoundMember = boundMember,
            IsParams = parameter.IsParams,
        };
    }

    /// <summary>Where the parameter goes in the request, or <see langword="null"/> (reported) when its type cannot go there.</summary>
    private ParameterRole? RoleOf(IParameterSymbol parameter, string wireName, TypeShape shape, CatalogField? field, Endpoint endpoint, List<string> placeholders)
    {
        if (placeholders.Contains(wireName))
        {
            if (!IsScalar(shape) || shape.Kind == ShapeKind.Boolean)
            {
                ReportParameterType(parameter, "a route value must be a string, number, GUID or enum");
                return null;
            }

            return wireName == "mailbox_id" && (field?.IsMailbox ?? true) ? ParameterRole.Mailbox : ParameterRole.Path;
        }

        if ((field?.IsIdempotencyKey ?? false) || (field is null && wireName == "idempotency_key" && endpoint.Effect == MultiMailToolEffectValue.SendsEmail))
        {
            if (shape.Kind != ShapeKind.String)
            {
                _sink.Report(DiagnosticDescriptors.FieldTypeMismatch, parameter.Locations.FirstOrDefault(), parameter.Name, parameter.Type.ToDisplayString(), "idempotency_key", endpoint.Operation?.Name ?? _method.Name, "a string");
                return null;
            }

            return ParameterRole.IdempotencyKey;
        }

        // A catalog field goes where the contract puts it (DELETE /v1/account takes a body); otherwise GET and DELETE
        // send their arguments in the query and the other methods in the body.
        var inQuery = field is not null && field.Location != FieldLocation.Path ? field.Location == FieldLocation.Query : endpoint.HttpMethod is "GET" or "DELETE";
        if (inQuery)
        {
            if (!(IsScalar(shape) || (shape.Kind == ShapeKind.Array && shape.Element is { } element && IsScalar(element))))
            {
                ReportParameterType(parameter, "a " + endpoint.HttpMethod + " request sends arguments in the query, which takes only strings, numbers, booleans, dates, enums and arrays of them");
                return null;
            }

            return ParameterRole.Query;
        }

        return ParameterRole.Body;
    }

    /// <summary>Resolves <c>[MultiMailBound]</c>: the member the value is read from, or none (the default is used).</summary>
    private bool TryBind(IParameterSymbol parameter, AttributeData bound, ParameterRole role, bool hasFallback, out MemberReference? boundMember)
    {
        boundMember = null;
        var location = parameter.Locations.FirstOrDefault();
        if (!(role is ParameterRole.Path or ParameterRole.Mailbox or ParameterRole.Query or ParameterRole.Body or ParameterRole.IdempotencyKey))
        {
            _sink.Report(DiagnosticDescriptors.InvalidBinding, location, parameter.Name, "only request parameters can be bound");
            return false;
        }

        var from = bound.ConstructorArguments.Length == 1 ? bound.ConstructorArguments[0].Value as string : null;
        if (from is null)
        {
            if (!hasFallback)
            {
                _sink.Report(DiagnosticDescriptors.InvalidBinding, location, parameter.Name, "it has no default value and no member to read: give it a default (null for the client's default mailbox) or name a member, [MultiMailBound(nameof(Mailbox))]");
                return false;
            }

            return true;
        }

        boundMember = BoundMember(from, parameter);
        return boundMember is not null;
    }

    private MemberReference? BoundMember(string from, IParameterSymbol parameter)
    {
        var location = parameter.Locations.FirstOrDefault();
        for (var current = _type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers(from))
            {
                ITypeSymbol? memberType = member switch
                {
                    IFieldSymbol field => field.Type,
                    IPropertySymbol { IsIndexer: false, GetMethod: not null } property => property.Type,
                    _ => null,
                };
                if (memberType is null || !_known.Compilation.IsSymbolAccessibleWithin(member, _type))
                {
                    continue;
                }

                if (_method.IsStatic && !member.IsStatic)
                {
                    _sink.Report(DiagnosticDescriptors.InvalidBinding, location, parameter.Name, "the static tool method cannot read the instance member '" + from + "'");
                    return null;
                }

                if (!_known.Compilation.ClassifyConversion(memberType, parameter.Type).IsImplicit)
                {
                    _sink.Report(DiagnosticDescriptors.InvalidBinding, location, parameter.Name, "the member '" + from + "' has type '" + memberType.ToDisplayString() + "', which does not convert to '" + parameter.Type.ToDisplayString() + "'");
                    return null;
                }

                return new MemberReference(Naming.EscapeIdentifier(member.Name), member.IsStatic);
            }
        }

        _sink.Report(DiagnosticDescriptors.InvalidBinding, location, parameter.Name, "the containing type has no readable field or property named '" + from + "'");
        return null;
    }

    /// <summary>
    /// The name a parameter has on the wire: <c>[MultiMailParameter("name")]</c> (or its <c>Name</c>), else snake_case of
    /// the C# name. Also renders <c>&lt;paramref&gt;</c> in descriptions (an unknown name is kept as written).
    /// </summary>
    private string WireNameOf(string parameterName)
    {
        foreach (var parameter in _method.Parameters)
        {
            if (parameter.Name == parameterName)
            {
                return WireNameOf(parameter);
            }
        }

        return parameterName;
    }

    private string WireNameOf(IParameterSymbol parameter)
    {
        var wireOverride = ParameterAttributeString(parameter, "Name", constructorArgument: true);
        return string.IsNullOrWhiteSpace(wireOverride) ? Naming.ToSnakeCase(parameter.Name) : wireOverride!.Trim();
    }

    /// <summary>A string of the parameter's <c>[MultiMailParameter]</c>: its constructor argument first when asked, then a named one.</summary>
    private string? ParameterAttributeString(IParameterSymbol parameter, string name, bool constructorArgument = false)
    {
        foreach (var attribute in parameter.GetAttributes())
        {
            if (KnownTypes.Is(attribute.AttributeClass, _known.ParameterAttribute))
            {
                return (constructorArgument && attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null)
                    ?? NamedString(attribute, name);
            }
        }

        return null;
    }

    private void ReportParameterType(IParameterSymbol parameter, string problem) =>
        _sink.Report(DiagnosticDescriptors.UnsupportedParameterType, parameter.Locations.FirstOrDefault(), parameter.Name, parameter.Type.ToDisplayString(), problem);

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
}
