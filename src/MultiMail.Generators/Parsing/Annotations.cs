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
        value = Constraints.None;
        items = Constraints.None;
        var isArray = shape.Kind == ShapeKind.Array;
        var isStringLike = shape.Kind == ShapeKind.String;
        var itemIsString = isArray && shape.Element is { Kind: ShapeKind.String };
        foreach (var attribute in attributes)
        {
            var type = attribute.AttributeClass;
            if (type is null || type.ContainingNamespace?.ToDisplayString() != DataAnnotations)
            {
                continue;
            }

            var args = attribute.ConstructorArguments;
            switch (type.Name)
            {
                case "EmailAddressAttribute":
                    if (isStringLike)
                    {
                        value = value with { Format = "email" };
                    }
                    else if (itemIsString)
                    {
                        items = items with { Format = "email" };
                    }

                    break;
                case "UrlAttribute":
                    if (isStringLike)
                    {
                        value = value with { Format = "uri" };
                    }
                    else if (itemIsString)
                    {
                        items = items with { Format = "uri" };
                    }

                    break;
                case "RegularExpressionAttribute":
                    if (args.Length == 1 && args[0].Value is string pattern)
                    {
                        if (isStringLike)
                        {
                            value = value with { Pattern = pattern };
                        }
                        else if (itemIsString)
                        {
                            items = items with { Pattern = pattern };
                        }
                    }

                    break;
                case "RangeAttribute":
                    if (args.Length == 2 && Number(args[0]) is { } min && Number(args[1]) is { } max)
                    {
                        value = value with { Minimum = min, Maximum = max };
                    }
                    else if (args.Length == 3 && Number(args[1]) is { } min2 && Number(args[2]) is { } max2)
                    {
                        value = value with { Minimum = min2, Maximum = max2 };
                    }

                    break;
                case "StringLengthAttribute":
                    if (args.Length == 1 && args[0].Value is int maxLength)
                    {
                        int? minLength = null;
                        foreach (var named in attribute.NamedArguments)
                        {
                            if (named.Key == "MinimumLength" && named.Value.Value is int m)
                            {
                                minLength = m;
                            }
                        }

                        value = value with { MaxLength = Limit(maxLength), MinLength = minLength > 0 ? minLength : value.MinLength };
                    }

                    break;
                case "MinLengthAttribute":
                    if (args.Length == 1 && args[0].Value is int minimum)
                    {
                        value = isArray ? value with { MinItems = Limit(minimum) } : value with { MinLength = Limit(minimum) };
                    }

                    break;
                case "MaxLengthAttribute":
                    if (args.Length == 1 && args[0].Value is int maximum && maximum > 0)
                    {
                        value = isArray ? value with { MaxItems = maximum } : value with { MaxLength = maximum };
                    }

                    break;
                case "LengthAttribute":
                    if (args.Length == 2 && args[0].Value is int lo && args[1].Value is int hi)
                    {
                        value = isArray ? value with { MinItems = Limit(lo), MaxItems = Limit(hi) } : value with { MinLength = Limit(lo), MaxLength = Limit(hi) };
                    }

                    break;
                case "AllowedValuesAttribute":
                    if (args.Length == 1 && args[0].Kind == TypedConstantKind.Array && (isStringLike || itemIsString))
                    {
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
                            if (isStringLike)
                            {
                                value = value with { AllowedValues = allowed.ToEquatableArray() };
                            }
                            else
                            {
                                items = items with { AllowedValues = allowed.ToEquatableArray() };
                            }
                        }
                    }

                    break;
            }
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
