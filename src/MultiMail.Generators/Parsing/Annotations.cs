using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using MultiMail.Generators.Helpers;
using MultiMail.Generators.Model;

namespace MultiMail.Generators.Parsing;

/// <summary>Reads [Description], DataAnnotations and System.Text.Json attributes into schema facets.</summary>
internal static class Annotations
{
    private const string DataAnnotations = "System.ComponentModel.DataAnnotations";

    public static string? Description(ImmutableArray<AttributeData> attributes)
    {
        foreach (var attribute in attributes)
        {
            if (KnownTypes.IsNamed(attribute.AttributeClass, "System.ComponentModel", "DescriptionAttribute")
                && attribute.ConstructorArguments.Length == 1
                && attribute.ConstructorArguments[0].Value is string text)
            {
                return DocComments.Normalize(text);
            }
        }

        return null;
    }

    public static bool IsRequired(ImmutableArray<AttributeData> attributes)
    {
        foreach (var attribute in attributes)
        {
            if (KnownTypes.IsNamed(attribute.AttributeClass, DataAnnotations, "RequiredAttribute")
                || KnownTypes.IsNamed(attribute.AttributeClass, "System.Text.Json.Serialization", "JsonRequiredAttribute"))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsJsonIgnored(ImmutableArray<AttributeData> attributes)
    {
        foreach (var attribute in attributes)
        {
            if (KnownTypes.IsNamed(attribute.AttributeClass, "System.Text.Json.Serialization", "JsonIgnoreAttribute"))
            {
                // Only the unconditional form removes the member; WhenWritingNull etc. keep it.
                foreach (var named in attribute.NamedArguments)
                {
                    if (named.Key == "Condition" && named.Value.Value is int condition && condition != 1)
                    {
                        return false;
                    }
                }

                return true;
            }
        }

        return false;
    }

    public static string? JsonPropertyName(ImmutableArray<AttributeData> attributes)
    {
        foreach (var attribute in attributes)
        {
            if (KnownTypes.IsNamed(attribute.AttributeClass, "System.Text.Json.Serialization", "JsonPropertyNameAttribute")
                && attribute.ConstructorArguments.Length == 1
                && attribute.ConstructorArguments[0].Value is string name)
            {
                return name;
            }
        }

        return null;
    }

    public static string? EnumMemberName(ImmutableArray<AttributeData> attributes)
    {
        foreach (var attribute in attributes)
        {
            if (KnownTypes.IsNamed(attribute.AttributeClass, "System.Text.Json.Serialization", "JsonStringEnumMemberNameAttribute")
                && attribute.ConstructorArguments.Length == 1
                && attribute.ConstructorArguments[0].Value is string name)
            {
                return name;
            }

            if (KnownTypes.IsNamed(attribute.AttributeClass, "System.Runtime.Serialization", "EnumMemberAttribute"))
            {
                foreach (var named in attribute.NamedArguments)
                {
                    if (named.Key == "Value" && named.Value.Value is string value)
                    {
                        return value;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>DataAnnotations → facets of the value itself and, for arrays, of each item.</summary>
    public static void ReadConstraints(ImmutableArray<AttributeData> attributes, TypeShape shape, out Constraints value, out Constraints items)
    {
        var target = new Facets(shape);
        foreach (var attribute in attributes)
        {
            var type = attribute.AttributeClass;
            if (type is not null && type.ContainingNamespace?.ToDisplayString() == DataAnnotations)
            {
                target.Apply(type.Name, attribute);
            }
        }

        value = target.Value;
        items = target.Items;
    }

    /// <summary>The facets being read for one value: string facets go to the value, or to the items of a string array.</summary>
    private sealed class Facets
    {
        private readonly bool _isArray;
        private readonly bool _isString;
        private readonly bool _itemIsString;

        public Facets(TypeShape shape)
        {
            _isArray = shape.Kind == ShapeKind.Array;
            _isString = shape.Kind == ShapeKind.String;
            _itemIsString = _isArray && shape.Element is { Kind: ShapeKind.String };
        }

        public Constraints Value { get; private set; } = Constraints.None;

        public Constraints Items { get; private set; } = Constraints.None;

        public void Apply(string attributeName, AttributeData attribute)
        {
            var args = attribute.ConstructorArguments;
            switch (attributeName)
            {
                case "EmailAddressAttribute":
                    ForStrings(c => c with { Format = "email" });
                    break;
                case "UrlAttribute":
                    ForStrings(c => c with { Format = "uri" });
                    break;
                case "RegularExpressionAttribute" when args.Length == 1 && args[0].Value is string pattern:
                    ForStrings(c => c with { Pattern = pattern });
                    break;
                case "RangeAttribute":
                    ApplyRange(args);
                    break;
                case "StringLengthAttribute" when args.Length == 1 && args[0].Value is int maxLength:
                    var minLength = MinimumLength(attribute);
                    Value = Value with { MaxLength = Limit(maxLength), MinLength = minLength > 0 ? minLength : Value.MinLength };
                    break;
                case "MinLengthAttribute" when args.Length == 1 && args[0].Value is int minimum:
                    Value = _isArray ? Value with { MinItems = Limit(minimum) } : Value with { MinLength = Limit(minimum) };
                    break;
                case "MaxLengthAttribute" when args.Length == 1 && args[0].Value is int maximum && maximum > 0:
                    Value = _isArray ? Value with { MaxItems = maximum } : Value with { MaxLength = maximum };
                    break;
                case "LengthAttribute" when args.Length == 2 && args[0].Value is int lo && args[1].Value is int hi:
                    Value = _isArray ? Value with { MinItems = Limit(lo), MaxItems = Limit(hi) } : Value with { MinLength = Limit(lo), MaxLength = Limit(hi) };
                    break;
                case "AllowedValuesAttribute" when args.Length == 1 && args[0].Kind == TypedConstantKind.Array:
                    var allowed = new List<string>();
                    foreach (var item in args[0].Values)
                    {
                        if (item.Value is string text)
                        {
                            allowed.Add(text);
                        }
                    }

                    if (allowed.Count > 0)
                    {
                        ForStrings(c => c with { AllowedValues = allowed.ToEquatableArray() });
                    }

                    break;
            }
        }

        /// <summary>A string facet: on a string value, or on the items of a string array; ignored on anything else.</summary>
        private void ForStrings(System.Func<Constraints, Constraints> change)
        {
            if (_isString)
            {
                Value = change(Value);
            }
            else if (_itemIsString)
            {
                Items = change(Items);
            }
        }

        private void ApplyRange(ImmutableArray<TypedConstant> args)
        {
            // [Range(min, max)] or [Range(typeof(T), "min", "max")].
            if (args.Length == 2 && Number(args[0]) is { } min && Number(args[1]) is { } max)
            {
                Value = Value with { Minimum = min, Maximum = max };
            }
            else if (args.Length == 3 && Number(args[1]) is { } typedMin && Number(args[2]) is { } typedMax)
            {
                Value = Value with { Minimum = typedMin, Maximum = typedMax };
            }
        }

        private static int? MinimumLength(AttributeData attribute)
        {
            int? minLength = null;
            foreach (var named in attribute.NamedArguments)
            {
                if (named.Key == "MinimumLength" && named.Value.Value is int m)
                {
                    minLength = m;
                }
            }

            return minLength;
        }
    }

    /// <summary>A length or count limit; a negative number sets none.</summary>
    private static int? Limit(int value) => value >= 0 ? value : null;

    private static string? Number(TypedConstant constant)
    {
        return constant.Value switch
        {
            int i => i.ToString(CultureInfo.InvariantCulture),
            long l => l.ToString(CultureInfo.InvariantCulture),
            double d when !double.IsNaN(d) && !double.IsInfinity(d) => d.ToString("R", CultureInfo.InvariantCulture),
            string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && !double.IsInfinity(parsed) => parsed.ToString("R", CultureInfo.InvariantCulture),
            _ => null,
        };
    }
}
