using MultiMail.Generators.Model;
using static MultiMail.Generators.Emit.GlobalNames;

namespace MultiMail.Generators.Emit;

// Values written as JSON, with the checks the contract and DataAnnotations ask for. Shared by tool parameters (in the
// tool method, where the request is always there) and object properties (in object writers, where it is optional:
// null when a typed result is serialized for the model).
internal sealed partial class ToolEmitter
{
    /// <summary>The request expression that collects argument errors, and whether it may be null.</summary>
    private readonly record struct RequestContext(string Name, bool IsOptional)
    {
        public string Call => Name + (IsOptional ? "?." : ".");
    }

    /// <summary>
    /// Writes one JSON property (a body parameter or an object property): null → omitted (or reported when required),
    /// otherwise checked and written.
    /// </summary>
    private void WriteMember(ValueSpec member, string expression, string path, RequestContext request, string writer, int depth)
    {
        var shape = member.Shape!;
        var value = expression;
        if (shape.CanBeNull)
        {
            OpenNullGuard(expression, member.Required, request, path);
            if (shape.IsNullable && shape.IsValueType)
            {
                value = expression + ".Value";
            }
        }

        var plain = shape with { IsNullable = false };
        WriteChecks(plain, member.Constraints, value, path, request);
        _writer.WriteLine($"{writer}.WritePropertyName({Str(member.RequestName ?? member.WireName)});");
        WriteValue(plain, member.ItemConstraints, value, path, request, writer, depth);
        if (shape.CanBeNull)
        {
            _writer.CloseBlock();
        }
    }

    /// <summary>Opens the block that runs when <paramref name="expression"/> is not null; a required value's absence is recorded.</summary>
    private void OpenNullGuard(string expression, bool required, RequestContext request, string path)
    {
        if (required)
        {
            _writer.WriteLine($$"""
                if ({{expression}} is null)
                {
                    {{request.Call}}Missing({{path}});
                }
                else
                """);
        }
        else
        {
            _writer.WriteLine($"if ({expression} is not null)");
        }

        _writer.OpenBlock();
    }

    private void WriteChecks(TypeShape shape, Constraints constraints, string value, string path, RequestContext request)
    {
        if (constraints.IsEmpty)
        {
            return;
        }

        switch (shape.Kind)
        {
            case ShapeKind.String:
                if (Limits(constraints.MinLength, constraints.MaxLength) is { } lengths)
                {
                    _writer.WriteLine($"{request.Call}CheckLength({path}, {value}, {lengths});");
                }

                if (constraints.Format == "email")
                {
                    _writer.WriteLine($"{request.Call}CheckEmail({path}, {value});");
                }

                if (constraints.Pattern is not null)
                {
                    _writer.WriteLine($"{request.Call}CheckPattern({path}, {value}, {Pattern(constraints.Pattern, path)});");
                }

                if (!constraints.AllowedValues.IsEmpty)
                {
                    _writer.WriteLine($"{request.Call}CheckAllowed({path}, {value}, {StringArray(constraints.AllowedValues, path, "AllowedValues")});");
                }

                break;
            case ShapeKind.Integer:
            case ShapeKind.Number:
                if (constraints.Minimum is not null || constraints.Maximum is not null)
                {
                    var number = shape.Numeric == NumericKind.Decimal ? "(double)" + value : value;
                    var bounds = (constraints.Minimum is { } min ? ", minimum: " + min : string.Empty) + (constraints.Maximum is { } max ? ", maximum: " + max : string.Empty);
                    _writer.WriteLine($"{request.Call}CheckRange({path}, {number}{bounds});");
                }

                break;
            case ShapeKind.Array:
                if (Limits(constraints.MinItems, constraints.MaxItems) is { } counts)
                {
                    var count = shape.TypeName.EndsWith("[]", System.StringComparison.Ordinal) ? value + ".Length" : "global::System.Linq.Enumerable.Count(" + value + ")";
                    _writer.WriteLine($"{request.Call}CheckCount({path}, {count}, {counts});");
                }

                break;
        }
    }

    /// <summary>Named limit arguments (<c>minimum: 1, maximum: 50</c>, or <c>minItems: 1</c> with a suffix), or null when there is nothing to check.</summary>
    private static string? Limits(int? minimum, int? maximum, string suffix = "imum")
    {
        var min = minimum is > 0 ? "min" + suffix + ": " + Int(minimum.Value) : null;
        var max = maximum is { } m ? "max" + suffix + ": " + Int(m) : null;
        return min is null ? max : max is null ? min : min + ", " + max;
    }

    /// <summary>Writes a non-null value of <paramref name="shape"/> as JSON.</summary>
    private void WriteValue(TypeShape shape, Constraints items, string value, string path, RequestContext request, string writer, int depth)
    {
        switch (shape.Kind)
        {
            case ShapeKind.String:
                _writer.WriteLine($"{writer}.WriteStringValue({value});");
                break;
            case ShapeKind.Enum:
                _writer.WriteLine($"{writer}.WriteStringValue({EnumWireName(shape)}({value}));");
                break;
            case ShapeKind.Boolean:
                _writer.WriteLine($"{writer}.WriteBooleanValue({value});");
                break;
            case ShapeKind.Integer:
                var widen = shape.Numeric is NumericKind.SByte or NumericKind.Byte or NumericKind.Int16 or NumericKind.UInt16 ? "(int)" : string.Empty;
                _writer.WriteLine($"{writer}.WriteNumberValue({widen}{value});");
                break;
            case ShapeKind.Number:
                _writer.WriteLine($"{writer}.WriteNumberValue({value});");
                break;
            case ShapeKind.DateTime:
            case ShapeKind.DateTimeOffset:
            case ShapeKind.Guid:
            case ShapeKind.Uri:
                _writer.WriteLine($"{writer}.WriteStringValue({Format}.{FormatMethod(shape.Kind)}({value}));");
                break;
            case ShapeKind.JsonElement:
                _writer.WriteLine($"{value}.WriteTo({writer});");
                break;
            case ShapeKind.Map:
            {
                var entry = Local("__entry", depth);
                _writer.WriteLine($$"""
                    {{writer}}.WriteStartObject();
                    foreach (var {{entry}} in {{value}})
                    {
                        {{writer}}.WritePropertyName({{entry}}.Key);
                        {{writer}}.WriteStringValue({{entry}}.Value);
                    }
                    {{writer}}.WriteEndObject();
                    """);
                break;
            }

            case ShapeKind.Object:
                _writer.WriteLine($"{ObjectWriter(shape)}({request.Name}, {writer}, {value}, {path});");
                break;
            case ShapeKind.Array:
                WriteArray(shape, items, value, path, request, writer, depth);
                break;
        }
    }

    private void WriteArray(TypeShape shape, Constraints items, string value, string path, RequestContext request, string writer, int depth)
    {
        var element = shape.Element!;
        var item = Local("__item", depth);
        var index = Local("__index", depth);
        var itemPath = Local("__itemPath", depth);
        var nullIsError = element.CanBeNull && !element.IsNullable && !request.IsOptional;
        var needsPath = !items.IsEmpty || nullIsError || element.Kind is ShapeKind.Object or ShapeKind.Array;
        _writer.WriteLine($"{writer}.WriteStartArray();");
        if (needsPath)
        {
            _writer.WriteLine($"var {index} = 0;");
        }

        _writer.WriteLine($"foreach (var {item} in {value})");
        _writer.OpenBlock();
        if (needsPath)
        {
            _writer.WriteLine($"var {itemPath} = {ArgumentErrors}.ItemPath({path}, {index}++);");
        }

        var elementPath = needsPath ? itemPath : path;
        var itemValue = item;
        if (element.CanBeNull)
        {
            _writer.WriteLine($"if ({item} is null)");
            _writer.OpenBlock();
            if (nullIsError)
            {
                _writer.WriteLine($"{request.Call}AddError({elementPath}, \"must not be null\");");
            }

            _writer.WriteLine($"{writer}.WriteNullValue();");
            _writer.CloseBlock();
            _writer.WriteLine("else");
            _writer.OpenBlock();
            if (element.IsNullable && element.IsValueType)
            {
                itemValue = item + ".Value";
            }
        }

        var plain = element with { IsNullable = false };
        WriteChecks(plain, items, itemValue, elementPath, request);
        WriteValue(plain, Constraints.None, itemValue, elementPath, request, writer, depth + 1);
        if (element.CanBeNull)
        {
            _writer.CloseBlock();
        }

        _writer.CloseBlock();
        _writer.WriteLine($"{writer}.WriteEndArray();");
    }

    /// <summary>A scalar value as its wire text (route values and query values).</summary>
    private string Scalar(TypeShape shape, string expression) => shape.Kind switch
    {
        ShapeKind.String => expression,
        ShapeKind.Enum => $"{EnumWireName(shape)}({expression})",
        ShapeKind.Boolean => $"{Format}.Boolean({expression})",
        ShapeKind.Integer => shape.Numeric == NumericKind.UInt64 ? $"{Format}.Number((ulong){expression})" : $"{Format}.Number((long){expression})",
        ShapeKind.Number => shape.Numeric == NumericKind.Decimal ? $"{Format}.Number({expression})" : $"{Format}.Number((double){expression})",
        ShapeKind.DateTime or ShapeKind.DateTimeOffset or ShapeKind.Guid => $"{Format}.{FormatMethod(shape.Kind)}({expression})",
        ShapeKind.Uri => $"({expression} is null ? null : {Format}.Uri({expression}))",
        _ => expression + ".ToString()",
    };

    private static string FormatMethod(ShapeKind kind) => kind switch
    {
        ShapeKind.Guid => "Guid",
        ShapeKind.Uri => "Uri",
        _ => "DateTime",
    };

    /// <summary>A local for a nesting level: <c>__item</c>, then <c>__item2</c>, … for arrays in arrays.</summary>
    private string Local(string name, int depth) => _locals[depth <= 1 ? name : name + Int(depth)];
}
