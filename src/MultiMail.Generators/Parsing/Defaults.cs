using System;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using MultiMail.Generators.Helpers;
using MultiMail.Generators.Model;

namespace MultiMail.Generators.Parsing;

/// <summary>C# default values of parameters, as a C# literal (escaped) and as JSON for the schema's <c>default</c>.</summary>
internal static class Defaults
{
    public static (string? Literal, string? Json) Of(IParameterSymbol parameter, TypeShape shape)
    {
        var value = parameter.ExplicitDefaultValue;
        if (value is null)
        {
            return (shape.IsValueType && !shape.IsNullable ? "default" : "null", null);
        }

        switch (shape.Kind)
        {
            case ShapeKind.String when value is string text:
                return (Literals.CSharpString(text), Literals.JsonString(text));
            case ShapeKind.Boolean when value is bool flag:
                return (flag ? "true" : "false", flag ? "true" : "false");
            case ShapeKind.Integer:
            case ShapeKind.Number:
                return NumberDefault(value, shape.Numeric);
            case ShapeKind.Enum:
                var underlying = Convert.ToInt64(value, CultureInfo.InvariantCulture);
                if (parameter.Type is INamedTypeSymbol enumType)
                {
                    var target = enumType.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T ? enumType.TypeArguments[0] as INamedTypeSymbol : enumType;
                    foreach (var member in target?.GetMembers() ?? System.Collections.Immutable.ImmutableArray<ISymbol>.Empty)
                    {
                        if (member is IFieldSymbol { HasConstantValue: true } field && Convert.ToInt64(field.ConstantValue, CultureInfo.InvariantCulture) == underlying)
                        {
                            var wire = shape.EnumMembers.FirstOrDefault(m => m.MemberName == Naming.EscapeIdentifier(field.Name))?.WireName;
                            return (shape.TypeName + "." + Naming.EscapeIdentifier(field.Name), wire is null ? null : Literals.JsonString(wire));
                        }
                    }
                }

                return ("(" + shape.TypeName + ")(" + underlying.ToString(CultureInfo.InvariantCulture) + ")", null);
            default:
                return ("default", null);
        }
    }

    private static (string? Literal, string? Json) NumberDefault(object value, NumericKind kind)
    {
        switch (kind)
        {
            case NumericKind.Single:
                var f = Convert.ToSingle(value, CultureInfo.InvariantCulture);
                return float.IsNaN(f) || float.IsInfinity(f) ? ("default", null) : (f.ToString("R", CultureInfo.InvariantCulture) + "F", f.ToString("R", CultureInfo.InvariantCulture));
            case NumericKind.Double:
                var d = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                return double.IsNaN(d) || double.IsInfinity(d) ? ("default", null) : (d.ToString("R", CultureInfo.InvariantCulture) + "D", d.ToString("R", CultureInfo.InvariantCulture));
            case NumericKind.Decimal:
                var m = Convert.ToDecimal(value, CultureInfo.InvariantCulture);
                return (m.ToString(CultureInfo.InvariantCulture) + "M", m.ToString(CultureInfo.InvariantCulture));
            case NumericKind.UInt64:
                var u = Convert.ToUInt64(value, CultureInfo.InvariantCulture);
                return (u.ToString(CultureInfo.InvariantCulture) + "UL", u.ToString(CultureInfo.InvariantCulture));
            case NumericKind.UInt32:
                var ui = Convert.ToUInt32(value, CultureInfo.InvariantCulture);
                return (ui.ToString(CultureInfo.InvariantCulture) + "U", ui.ToString(CultureInfo.InvariantCulture));
            case NumericKind.Int64:
                var l = Convert.ToInt64(value, CultureInfo.InvariantCulture);
                return (l.ToString(CultureInfo.InvariantCulture) + "L", l.ToString(CultureInfo.InvariantCulture));
            default:
                var i = Convert.ToInt64(value, CultureInfo.InvariantCulture);
                var text = i.ToString(CultureInfo.InvariantCulture);
                return (kind is NumericKind.Int32 ? text : "(" + CSharpNumericType(kind) + ")(" + text + ")", text);
        }
    }

    private static string CSharpNumericType(NumericKind kind) => kind switch
    {
        NumericKind.SByte => "sbyte",
        NumericKind.Byte => "byte",
        NumericKind.Int16 => "short",
        NumericKind.UInt16 => "ushort",
        _ => "int",
    };

}
