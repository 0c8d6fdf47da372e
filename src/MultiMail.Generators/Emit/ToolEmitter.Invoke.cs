using System.Collections.Generic;
using System.Linq;
using MultiMail.Generators.Helpers;
using MultiMail.Generators.Model;
using static MultiMail.Generators.Emit.GlobalNames;

namespace MultiMail.Generators.Emit;

// Per tool, what InvokeAsync runs: the model's JSON arguments read into typed values (each problem collected, never
// thrown), the tool method called, and its result (or failure) turned into text for the model.
internal sealed partial class ToolEmitter
{
    /// <summary>
    /// The invoke methods of a type without a client member take the dispatcher's client: for a client parameter, to
    /// redact its key from texts, and to record refused calls on it.
    /// </summary>
    private string InvokeClientParameter() => InstanceMode ? string.Empty : Client + " " + ClientParam + ", ";

    /// <summary>Refuses the call with the arguments' problems, recorded on the client (span and event) and redacted.</summary>
    private string Reject(ToolMethodSpec method) =>
        $"{ArgumentsVar}.Reject({InvokeClientExpression()}, {Member(OperationFieldName(method))})";

    /// <summary>The client inside an invoke method: the type's member (instance dispatch) or the dispatcher's parameter.</summary>
    private string InvokeClientExpression() => InstanceMode ? ClientMemberExpression()! : ClientParam;

    private void WriteInvoke(ToolMethodSpec method)
    {
        EnterMethod(method.Parameters.Select(p => p.Name));
        var returnsText = method.Return.ReturnsText;
        var modifiers = (InstanceMode ? "private " : "private static ") + (returnsText ? string.Empty : "async ");
        var client = InvokeClientParameter();
        var visible = method.Parameters.Where(p => p.IsModelVisible).ToList();
        var fail = returnsText ? $"new({Reject(method)})" : Reject(method);
        _writer.WriteLine($"{modifiers}{ValueTaskOfResult} {InvokeMethodName(method)}({client}{ToolInput} {InputParam}, {CancellationToken} {CancellationParam})");
        _writer.OpenBlock();
        // Arguments that cannot be read at all (not JSON, not an object) are one problem; every read below then finds
        // nothing and adds nothing, and the HasErrors check returns that problem.
        _writer.WriteLine($"using var {ArgumentsVar} = {InputParam}.Open({Str(method.ToolName)}, {StringArray(visible.Select(p => p.WireName), method.ToolName, "Parameters")});");
        if (visible.Any(p => !p.IsBound && CompactRead(p) is null))
        {
            _writer.WriteLine($"{JsonElement} {JsonVar};");
        }

        var arguments = new List<string>();
        foreach (var parameter in method.Parameters)
        {
            arguments.Add(parameter.Role switch
            {
                ParameterRole.CancellationToken => CancellationParam,
                ParameterRole.Client => InvokeClientExpression() + "!",
                _ when parameter.IsBound => BoundExpression(parameter) ?? DefaultValue(parameter.DefaultLiteral, parameter.TypeDisplay),
                _ => ReadParameter(parameter),
            });
        }

        _writer.WriteLine($$"""
            if ({{ArgumentsVar}}.HasErrors)
            {
                return {{fail}};
            }

            """);
        var target = InstanceMode && !method.IsStatic ? "this" : Type.FullName;
        if (returnsText)
        {
            // Text tools: the request is built and sent here, for a result (the partial method sends the same request for text).
            var buildArguments = method.Parameters.Zip(arguments, (p, a) => (p, a)).Where(x => x.p.Role != ParameterRole.CancellationToken).Select(x => x.a);
            _writer.WriteLine($"return new({target}.{BuildMethodName(method)}({string.Join(", ", buildArguments)}).ExecuteForResultAsync({CancellationParam}));");
            _writer.CloseBlock();
            ExitMethod();
            return;
        }

        if (HasCoreMethod(method))
        {
            // Declared without a CancellationToken: the body's private method takes InvokeAsync's.
            arguments.Add(CancellationParam);
        }

        var call = $"{target}.{(HasCoreMethod(method) ? CoreMethodName(method) : method.MethodName)}({string.Join(", ", arguments)})";
        if (method.Return.TypeDisplay.EndsWith("?", System.StringComparison.Ordinal))
        {
            // A tool declared with a nullable task ("Task<string>?"): the generator implements it and never returns null.
            call += "!";
        }

        WriteTypedCall(method, call);
        _writer.CloseBlock();
        ExitMethod();
    }

    /// <summary>Declares a local named after the parameter, read from the arguments when present; returns its name.</summary>
    private string ReadParameter(ParameterSpec parameter)
    {
        if (CompactRead(parameter) is { } read1)
        {
            _writer.WriteLine($"{parameter.TypeDisplay} {parameter.Name} = {read1};");
            return parameter.Name;
        }

        var shape = parameter.Shape!;
        var wire = Str(parameter.WireName);
        var read = ReadExpression(shape with { IsNullable = false }, ArgumentsVar, JsonVar, wire, 1, parameter.Constraints);
        _writer.WriteLine($$"""
            {{parameter.TypeDisplay}} {{parameter.Name}} = {{DefaultValue(parameter.DefaultLiteral, parameter.TypeDisplay)}};
            if ({{ArgumentsVar}}.TryGet({{wire}}, required: {{Bool(parameter.Required)}}, expected: {{Str(Expected(shape, parameter.Constraints))}}, out {{JsonVar}}))
            {
                {{parameter.Name}} = {{read}};
            }

            """);
        return parameter.Name;
    }

    /// <summary>
    /// The one-line read of the common parameters (a string, an array of strings, an int or long, a bool) through the
    /// runtime's <c>String</c>, <c>StringArray</c>, <c>Int64</c> and <c>Boolean</c>, which find, check and read the
    /// argument as the full form does; null for other shapes.
    /// </summary>
    private string? CompactRead(ParameterSpec parameter)
    {
        var shape = parameter.Shape!;
        var head = $"{Str(parameter.WireName)}, required: {Bool(parameter.Required)}, expected: {Str(Expected(shape, parameter.Constraints))}";
        var fallback = DefaultValue(parameter.DefaultLiteral, parameter.TypeDisplay);
        var orFallback = fallback == "null" ? string.Empty : " ?? " + fallback;
        var literal = parameter.DefaultLiteral is null or "default" ? null : parameter.DefaultLiteral;
        switch (shape.Kind)
        {
            case ShapeKind.String when parameter.Constraints.AllowedValues.IsEmpty:
                return $"{ArgumentsVar}.String({head}){orFallback}";
            case ShapeKind.Array when shape.Element is { Kind: ShapeKind.String, IsNullable: false } && shape.Collection == CollectionKind.Array:
                return $"{ArgumentsVar}.StringArray({head}){orFallback}";
            case ShapeKind.Integer when !shape.IsNullable && shape.Numeric is NumericKind.Int32 or NumericKind.Int64:
                var type = shape.Numeric == NumericKind.Int32 ? "int" : "long";
                var read = $"{ArgumentsVar}.Int64({head}, fallback: {literal ?? "0"}, minimum: {type}.MinValue, maximum: {type}.MaxValue)";
                return shape.Numeric == NumericKind.Int32 ? "(int)" + read : read;
            case ShapeKind.Boolean when !shape.IsNullable:
                return $"{ArgumentsVar}.Boolean({head}, fallback: {literal ?? "false"})";
            default:
                return null;
        }
    }

    /// <summary>A call whose result is not text: the result serialized as JSON, failures as results for the model and the host.</summary>
    private void WriteTypedCall(ToolMethodSpec method, string call)
    {
        var name = Str(method.ToolName);
        _writer.WriteLine("try");
        _writer.OpenBlock();
        if (method.Return.Result is { } shape)
        {
            var value = shape.CanBeNull ? shape.IsValueType ? ValueParam + ".Value" : ValueParam + "!" : ValueParam;
            // A typed result of a tool that returns mail stays as it is for C# callers; the model's text is fenced.
            var serialize = method.ReturnsMail ? "var " + TextVar + " = " : "return " + Results + ".Success(";
            _writer.WriteLine($$"""
                var {{ResultVar}} = await {{call}}.ConfigureAwait(false);
                {{serialize}}{{Text}}.Serialize({{ResultVar}}, static ({{WriterParam}}, {{ValueParam}}) =>
                {
                """);
            _writer.Indentation++;
            WriteValue(shape with { IsNullable = false }, Constraints.None, value, "\"$\"", new RequestContext("(" + Request + "?)null", IsOptional: true), WriterParam, 1);
            _writer.Indentation--;
            if (method.ReturnsMail)
            {
                _writer.WriteLine("});");
                _writer.WriteLine($"return {Results}.Success({UntrustedMailText}.ForModel({TextVar}, {InvokeClientExpression()}?.Options));");
            }
            else
            {
                _writer.WriteLine("}));");
            }
        }
        else
        {
            _writer.WriteLine($$"""
                await {{call}}.ConfigureAwait(false);
                return {{Results}}.Success("{\"status\":\"ok\"}");
                """);
        }

        _writer.CloseBlock();
        _writer.WriteLine($$"""
            catch ({{ApiException}} {{ExceptionVar}})
            {
                return {{Results}}.FromException({{name}}, {{ExceptionVar}}, {{InvokeClientExpression()}}?.Options.ApiKey);
            }
            catch (global::System.ArgumentException {{ExceptionVar}})
            {
                return {{Results}}.FromArgumentException({{name}}, {{ExceptionVar}});
            }
            catch ({{Exception}} {{ExceptionVar}}) when (!({{ExceptionVar}} is {{OperationCanceledException}}))
            {
                return {{Results}}.Unexpected({{name}}, {{ExceptionVar}});
            }
            """);
    }

    private string? BoundExpression(ParameterSpec parameter) => parameter.BoundMember is not { } member
        ? null
        : member.IsStatic ? Type.FullName + "." + member.Name : "this." + member.Name;

    /// <summary>A default value for a local of the parameter's declared type (which may be nullable-oblivious).</summary>
    private static string DefaultValue(string? literal, string typeDisplay) => literal switch
    {
        null or "default" => "default!",
        "null" => typeDisplay.EndsWith("?", System.StringComparison.Ordinal) ? "null" : "null!",
        _ => literal,
    };

    /// <summary>An expression that reads a non-null value of <paramref name="shape"/> from a JSON element.</summary>
    private string ReadExpression(TypeShape shape, string arguments, string element, string path, int depth, Constraints? constraints = null)
    {
        switch (shape.Kind)
        {
            case ShapeKind.String:
                return constraints is { AllowedValues.IsEmpty: false } c
                    ? $"{arguments}.ReadChoice({element}, {path}, {StringArray(c.AllowedValues, path, "AllowedValues")})"
                    : $"{arguments}.ReadString({element}, {path}, \"a string\")";
            case ShapeKind.Enum:
                return $"{EnumReader(shape)}({arguments}, {element}, {path})";
            case ShapeKind.Boolean:
                return $"{arguments}.ReadBoolean({element}, {path})";
            case ShapeKind.Integer:
                return shape.Numeric switch
                {
                    NumericKind.UInt64 => $"{arguments}.ReadUInt64({element}, {path}, ulong.MaxValue)",
                    NumericKind.Int64 => $"{arguments}.ReadInt64({element}, {path}, long.MinValue, long.MaxValue)",
                    _ => $"({shape.TypeName}){arguments}.ReadInt64({element}, {path}, {shape.TypeName}.MinValue, {shape.TypeName}.MaxValue)",
                };
            case ShapeKind.Number:
                return shape.Numeric switch
                {
                    NumericKind.Decimal => $"{arguments}.ReadDecimal({element}, {path})",
                    NumericKind.Single => $"(float){arguments}.ReadDouble({element}, {path})",
                    _ => $"{arguments}.ReadDouble({element}, {path})",
                };
            case ShapeKind.DateTime:
            case ShapeKind.DateTimeOffset:
            case ShapeKind.Guid:
            case ShapeKind.Uri:
                return $"{arguments}.Read{shape.Kind}({element}, {path})";
            case ShapeKind.JsonElement:
                return $"{arguments}.ReadElement({element})";
            case ShapeKind.Map:
                return $"{arguments}.ReadStringMap({element}, {path})";
            case ShapeKind.Object:
                return $"{ObjectReader(shape)}({arguments}, {element}, {path})";
            case ShapeKind.Array:
            {
                var item = shape.Element!;
                var (a, x, p) = (_locals["__arguments" + Int(depth)], _locals["__item" + Int(depth)], _locals["__path" + Int(depth)]);
                var read = ReadExpression(item with { IsNullable = false }, a, x, p, depth + 1);
                if (item.IsNullable)
                {
                    read = $"{x}.ValueKind == global::System.Text.Json.JsonValueKind.Null ? {(item.IsValueType ? "(" + item.Display + ")null" : "null")} : {(item.IsValueType ? "(" + item.Display + ")" : string.Empty)}{read}";
                }

                var array = $"{arguments}.ReadArray<{item.Display}>({element}, {path}, static ({a}, {x}, {p}) => {read})";
                return shape.Collection == CollectionKind.List ? $"new global::System.Collections.Generic.List<{item.Display}>({array})" : array;
            }

            default:
                return "default!";
        }
    }

    /// <summary>What the model should send, for "is required" messages.</summary>
    private static string Expected(TypeShape shape, Constraints constraints)
    {
        switch (shape.Kind)
        {
            case ShapeKind.String:
                if (!constraints.AllowedValues.IsEmpty)
                {
                    return "one of: " + string.Join(", ", constraints.AllowedValues);
                }

                var text = constraints.Format switch
                {
                    "email" => "an email address",
                    "date-time" => "an ISO-8601 date-time",
                    "uri" => "an absolute URI",
                    _ => "a string",
                };
                return constraints.MaxLength is { } maxLength ? text + " of at most " + Int(maxLength) + " characters" : text;
            case ShapeKind.Enum:
                return "one of: " + string.Join(", ", shape.EnumMembers.Select(m => m.WireName));
            case ShapeKind.Boolean:
                return "true or false";
            case ShapeKind.Integer:
                return "a whole number";
            case ShapeKind.Number:
                return "a number";
            case ShapeKind.DateTime:
            case ShapeKind.DateTimeOffset:
                return "an ISO-8601 date-time";
            case ShapeKind.Guid:
                return "a UUID";
            case ShapeKind.Uri:
                return "an absolute URI";
            case ShapeKind.Array:
                return "an array" + (constraints.MaxItems is { } maxItems ? " of at most " + Int(maxItems) + " items" : string.Empty);
            case ShapeKind.Map:
                return "an object of string values";
            case ShapeKind.Object:
                var required = shape.Object!.Properties.Where(p => p.Required).Select(p => p.WireName).ToList();
                return required.Count == 0 ? "an object" : "an object with " + string.Join(", ", required);
            default:
                return "a value";
        }
    }
}
