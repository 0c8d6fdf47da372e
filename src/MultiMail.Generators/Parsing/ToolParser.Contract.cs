using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using MultiMail.Generators.Catalog;
using MultiMail.Generators.Helpers;
using MultiMail.Generators.Model;

namespace MultiMail.Generators.Parsing;

// The MultiMail contract's rules for tools that call a catalog operation: known fields, matching types, required
// fields present, and the contract's limits carried into the schema.
internal sealed partial class ToolParser
{
    /// <summary>Checks a request parameter against its catalog field and merges the field's facets; false when reported.</summary>
    private bool ApplyContract(IParameterSymbol parameter, string wireName, TypeShape shape, bool required, CatalogField? field, CatalogOperation operation, ref Constraints constraints, ref Constraints itemConstraints)
    {
        var location = parameter.Locations.FirstOrDefault();
        if (field is null || field.Location == FieldLocation.Path)
        {
            var fields = string.Join(", ", operation.Fields.Where(f => f.Location != FieldLocation.Path).Select(f => f.WireName));
            _sink.Report(DiagnosticDescriptors.UnknownField, location, parameter.Name, wireName, operation.Name, fields.Length == 0 ? "(none)" : fields);
            return false;
        }

        if (TypeMismatch(field, shape) is { } mismatch)
        {
            _sink.Report(DiagnosticDescriptors.FieldTypeMismatch, location, parameter.Name, parameter.Type.ToDisplayString(), wireName, operation.Name, mismatch);
            return false;
        }

        if (field.Required && !required)
        {
            _sink.Report(DiagnosticDescriptors.OptionalRequiredField, location, operation.Name, wireName, parameter.Name);
        }

        Merge(field, shape, ref constraints, ref itemConstraints);
        return true;
    }

    /// <summary>Every required field of the operation needs a parameter (a mistyped parameter counts as present).</summary>
    private void CheckRequiredFields(Endpoint endpoint)
    {
        if (endpoint.Operation is not { } operation)
        {
            return;
        }

        // A CancellationToken or client parameter is never a field, whatever its name.
        var declaredWireNames = new HashSet<string>(
            _method.Parameters.Where(p => !KnownTypes.Is(p.Type, _known.CancellationToken) && !KnownTypes.Is(p.Type, _known.Client)).Select(WireNameOf),
            System.StringComparer.Ordinal);
        foreach (var field in operation.Fields)
        {
            if (!field.Required || field.IsMailbox || (field.Location == FieldLocation.Path && endpoint.IsExplicit))
            {
                continue;
            }

            if (!declaredWireNames.Contains(field.WireName) && !field.Aliases.Any(declaredWireNames.Contains))
            {
                _sink.Report(DiagnosticDescriptors.RequiredFieldMissing, _methodLocation, operation.Name, field.WireName, Describe(field));
            }
        }
    }

    /// <summary>Why a parameter shape does not fit a contract field, or null when it fits.</summary>
    private static string? TypeMismatch(CatalogField field, TypeShape shape)
    {
        switch (field.Type)
        {
            case FieldType.String:
                return StringMismatch(field, shape);
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
                return ObjectArrayMismatch(field, shape);
            case FieldType.Object:
                return ObjectMismatch(field, shape);
            default:
                return null;
        }
    }

    private static string? StringMismatch(CatalogField field, TypeShape shape)
    {
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
    }

    private static string? ObjectArrayMismatch(CatalogField field, TypeShape shape)
    {
        var expected = "an array of objects with " + string.Join(", ", field.ItemFields.Select(f => f.WireName));
        return shape.Kind != ShapeKind.Array || shape.Element is not { Kind: ShapeKind.Object, Object: { } item }
            ? expected
            : ObjectPropertiesMismatch(field, item, expected);
    }

    private static string? ObjectMismatch(CatalogField field, TypeShape shape)
    {
        var expected = "an object with " + string.Join(", ", field.ItemFields.Select(f => f.WireName));
        return shape is not { Kind: ShapeKind.Object, Object: { } item } ? expected : ObjectPropertiesMismatch(field, item, expected);
    }

    /// <summary>Every property is one of the field's item fields, and every required item field is a property.</summary>
    private static string? ObjectPropertiesMismatch(CatalogField field, ObjectSpec item, string expected)
    {
        foreach (var property in item.Properties)
        {
            if (!field.ItemFields.Any(f => f.WireName == property.WireName))
            {
                return expected + " ('" + property.WireName + "' is not one of them)";
            }
        }

        foreach (var itemField in field.ItemFields)
        {
            if (itemField.Required && !item.Properties.Any(p => p.WireName == itemField.WireName))
            {
                return expected + " ('" + itemField.WireName + "' is missing)";
            }
        }

        return null;
    }

    /// <summary>Carries the contract's limits, enums and formats into the parameter's facets (annotations win).</summary>
    private static void Merge(CatalogField field, TypeShape shape, ref Constraints value, ref Constraints items)
    {
        if (field.MaxLength is not null && value.MaxLength is null && shape.Kind == ShapeKind.String)
        {
            value = value with { MaxLength = field.MaxLength };
        }

        if (field.MaxItems is not null && value.MaxItems is null)
        {
            value = value with { MaxItems = field.MaxItems };
        }

        if (field.MinItems is > 0 && value.MinItems is null)
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

        if (!field.ItemEnum.IsEmpty && items.AllowedValues.IsEmpty && shape.Element is { Kind: ShapeKind.String })
        {
            items = items with { AllowedValues = field.ItemEnum.ToEquatableArray() };
        }
    }

    /// <summary>
    /// The catalog's descriptions for the item properties of an object array (an attachment's name, content type…) that
    /// the user's type leaves undescribed: the user's words win, the catalog fills in where there are none.
    /// </summary>
    private static TypeShape WithItemDescriptions(CatalogField field, TypeShape shape)
    {
        if (field.ItemFields.IsEmpty || shape is not { Kind: ShapeKind.Array, Element: { Kind: ShapeKind.Object, Object: { } item } element })
        {
            return shape;
        }

        var changed = false;
        var properties = new List<PropertySpec>(item.Properties.Count);
        foreach (var property in item.Properties)
        {
            var text = property.Description is null ? field.ItemFields.FirstOrDefault(f => f.WireName == property.WireName)?.Description : null;
            changed |= text is not null;
            properties.Add(text is null ? property : property with { Description = text });
        }

        return changed ? shape with { Element = element with { Object = item with { Properties = properties.ToEquatableArray() } } } : shape;
    }

    private static string Describe(CatalogField field) => field.Type switch
    {
        FieldType.String => field.Enum.IsEmpty ? "a string" : "one of " + string.Join(", ", field.Enum),
        FieldType.Integer => "an integer",
        FieldType.Boolean => "a boolean",
        FieldType.StringArray => "an array of strings",
        FieldType.ObjectArray => "an array of objects",
        FieldType.StringMap => "an object of string values",
        FieldType.Object => "an object with " + string.Join(", ", field.ItemFields.Select(f => f.WireName)),
        _ => "a value",
    } + (field.Location == FieldLocation.Path ? ", in the route" : string.Empty);
}
