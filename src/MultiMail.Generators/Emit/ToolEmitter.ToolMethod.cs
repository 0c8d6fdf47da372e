using System.Linq;
using MultiMail.Generators.Model;
using static MultiMail.Generators.Emit.GlobalNames;

namespace MultiMail.Generators.Emit;

// The body of each [MultiMailTool] partial method: build the request (route, query, body, idempotency key), send it.
// Methods that return text never throw (except for cancellation): a failure becomes a text for the model.
internal sealed partial class ToolEmitter
{
    private void WriteToolMethod(ToolMethodSpec method)
    {
        EnterMethod(method.Parameters.Select(p => p.Name));
        var parameters = string.Join(", ", method.Parameters.Select(p => (p.IsParams ? "params " : string.Empty) + p.TypeDisplay + " " + p.Name));
        var modifiers = method.Modifiers.Length == 0 ? string.Empty : method.Modifiers + " ";
        _writer.WriteLine($$"""
            [{{GeneratedCode}}("MultiMail.Generators", {{Str(_version)}})]
            {{modifiers}}partial {{method.Return.TypeDisplay}} {{method.MethodName}}({{parameters}})
            """);
        if (!TakesCancellation(method))
        {
            // InvokeAsync has a token this signature cannot take: the body is a private method that takes one, which
            // InvokeAsync calls; the declared method passes none.
            var arguments = string.Join(", ", method.Parameters.Select(p => p.Name).Concat(new[] { "default" }));
            var core = "private " + (method.IsStatic ? "static " : string.Empty) + (HasModifier(method, "readonly") ? "readonly " : string.Empty);
            _writer.WriteLine($$"""
                    => {{CoreMethodName(method)}}({{arguments}});

                {{core}}{{method.Return.TypeDisplay}} {{CoreMethodName(method)}}({{string.Join(", ", method.Parameters.Select(p => p.TypeDisplay + " " + p.Name).Concat(new[] { CancellationToken + " " + CancellationParam }))}})
                """);
        }

        _writer.OpenBlock();
        var returnsText = method.Return.ReturnsText;
        if (returnsText)
        {
            _writer.WriteLine("try");
            _writer.OpenBlock();
        }

        // A tool that returns mail marks it, so its text for the model fences what outside senders wrote.
        var returnsMail = method.ReturnsMail && returnsText ? " { ReturnsMail = true }" : string.Empty;
        _writer.WriteLine($"var {RequestVar} = new {Request}({ClientExpression(method)}, {Str(method.ToolName)}, {Str(method.HttpMethod)}, {EffectName(method.Effect)}){returnsMail};");
        if (method.RuntimeOperation is { } operation)
        {
            // The catalog's runtime operation carries out the call (polling, an action's endpoint, a binary download).
            _writer.WriteLine($"{RequestVar}.RunAs({ClientOperations}.{operation});");
        }

        WritePath(method);
        WriteRequestParameters(method);
        WriteSend(method);
        if (returnsText)
        {
            var unexpected = $"{Text}.Unexpected({Str(method.ToolName)}, {ExceptionVar})";
            _writer.CloseBlock();
            _writer.WriteLine($"catch ({Exception} {ExceptionVar}) when (!({ExceptionVar} is {OperationCanceledException}))");
            _writer.OpenBlock();
            _writer.WriteLine(method.Return.Kind == ReturnKind.TaskOfString
                ? $"return {Task}.FromResult({unexpected});"
                : $"return new {ValueTaskOfString}({unexpected});");
            _writer.CloseBlock();
        }

        _writer.CloseBlock();
        ExitMethod();
    }

    private void WritePath(ToolMethodSpec method)
    {
        foreach (var segment in method.Path)
        {
            if (segment.WireName is null)
            {
                _writer.WriteLine($"{RequestVar}.AppendPath({Str(segment.Literal)});");
                continue;
            }

            var parameter = segment.ParameterName is null ? null : method.Parameters.First(p => p.Name == segment.ParameterName);
            var value = parameter is null ? "null" : PathValue(parameter.Shape!, parameter.Name);
            var append = segment.IsMailbox ? "AppendMailboxId" : "AppendPathValue";
            _writer.WriteLine($"{RequestVar}.{append}({Str(segment.WireName)}, {value});");
        }
    }

    private string PathValue(TypeShape shape, string expression) => shape.IsNullable && shape.IsValueType
        ? $"({expression}.HasValue ? {Scalar(shape with { IsNullable = false }, expression + ".Value")} : null)"
        : Scalar(shape, expression);

    private void WriteRequestParameters(ToolMethodSpec method)
    {
        if (method.Parameters.Any(p => p.Role == ParameterRole.Body))
        {
            _writer.WriteLine($"var {BodyVar} = {RequestVar}.Body;");
        }

        var request = new RequestContext(RequestVar, IsOptional: false);
        foreach (var parameter in method.Parameters)
        {
            switch (parameter.Role)
            {
                case ParameterRole.Query:
                    WriteQuery(parameter, request);
                    break;
                case ParameterRole.Body:
                    WriteMember(parameter, parameter.Name, Str(parameter.WireName), request, BodyVar, depth: 1);
                    break;
                case ParameterRole.IdempotencyKey:
                    _writer.WriteLine($"{RequestVar}.SetIdempotencyKey({parameter.Name});");
                    break;
            }
        }
    }

    private void WriteQuery(ParameterSpec parameter, RequestContext request)
    {
        var shape = parameter.Shape!;
        var wire = Str(parameter.WireName);                           // argument problems name what the model sees
        var key = Str(parameter.RequestName ?? parameter.WireName);   // the query parameter
        var name = parameter.Name;
        if (shape.Kind == ShapeKind.Array)
        {
            var element = shape.Element!;
            var item = Local("__item", 1);
            OpenNullGuard(name, parameter.Required, request, wire);
            WriteChecks(shape, parameter.Constraints, name, wire, request);
            _writer.WriteLine($"foreach (var {item} in {name})");
            _writer.OpenBlock();
            if (element.CanBeNull)
            {
                _writer.WriteLine($$"""
                    if ({{item}} is null)
                    {
                        continue;
                    }

                    """);
            }

            var value = element.IsNullable && element.IsValueType ? item + ".Value" : item;
            var plain = element with { IsNullable = false };
            WriteChecks(plain, parameter.ItemConstraints, value, wire, request);
            _writer.WriteLine($"{RequestVar}.AddQuery({key}, {Scalar(plain, value)});");
            _writer.CloseBlock();
            _writer.CloseBlock();
            return;
        }

        if (shape.CanBeNull)
        {
            OpenNullGuard(name, parameter.Required, request, wire);
            var value = shape.IsValueType ? name + ".Value" : name;
            var plain = shape with { IsNullable = false };
            WriteChecks(plain, parameter.Constraints, value, wire, request);
            _writer.WriteLine($"{RequestVar}.AddQuery({key}, {Scalar(plain, value)});");
            _writer.CloseBlock();
            return;
        }

        WriteChecks(shape, parameter.Constraints, name, wire, request);
        _writer.WriteLine($"{RequestVar}.AddQuery({key}, {Scalar(shape, name)});");
    }

    /// <summary>Whether the tool method declares a CancellationToken (else its body is a private method that takes one).</summary>
    private static bool TakesCancellation(ToolMethodSpec method) => method.Parameters.Any(p => p.Role == ParameterRole.CancellationToken);

    /// <summary>The private method with the body of a tool method declared without a CancellationToken.</summary>
    private string CoreMethodName(ToolMethodSpec method) => CoreMethodPrefix + InvokeMethodName(method).Substring(InvokeMethodPrefix.Length);

    private static bool HasModifier(ToolMethodSpec method, string modifier) => (" " + method.Modifiers + " ").Contains(" " + modifier + " ");

    private void WriteSend(ToolMethodSpec method)
    {
        var token = method.Parameters.FirstOrDefault(p => p.Role == ParameterRole.CancellationToken)?.Name ?? CancellationParam;
        var result = method.Return;
        switch (result.Kind)
        {
            case ReturnKind.TaskOfString:
                _writer.WriteLine($"return {RequestVar}.ExecuteForModelAsync({token});");
                break;
            case ReturnKind.ValueTaskOfString:
                _writer.WriteLine($"return new {ValueTaskOfString}({RequestVar}.ExecuteForModelAsync({token}));");
                break;
            case ReturnKind.Task:
                _writer.WriteLine($"return {RequestVar}.ExecuteAsync({token});");
                break;
            case ReturnKind.ValueTask:
                _writer.WriteLine($"return new {ValueTask}({RequestVar}.ExecuteAsync({token}));");
                break;
            default:
                // A typed result: the API's JSON is read leniently (unknown properties ignored) into the declared type.
                var shape = result.Result!;
                var open = result.IsValueTask ? $"return new {ValueTask}<{shape.Display}>(" : "return ";
                _writer.WriteLine($"{open}{RequestVar}.ExecuteAsync<{shape.Display}>(static {JsonVar} =>");
                _writer.OpenBlock();
                _writer.WriteLine($"using var {ArgumentsVar} = {Arguments}.CreateLenient();");
                _writer.WriteLine($"return {ReadExpression(shape, ArgumentsVar, JsonVar, "\"$\"", 1)};");
                _writer.Indentation--;
                _writer.WriteLine($"}}, {token}){(result.IsValueTask ? ")" : string.Empty)};");
                break;
        }
    }
}
