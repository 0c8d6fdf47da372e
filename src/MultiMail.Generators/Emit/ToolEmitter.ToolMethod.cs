using System.Collections.Generic;
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
        if (HasCoreMethod(method))
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
        WriteSend(method, $"{BuildMethodName(method)}({BuildArguments(method)})");
        _writer.CloseBlock();
        _writer.WriteLine();
        WriteBuild(method);
        ExitMethod();
    }

    /// <summary>The parameters the request builder takes: all but the cancellation token.</summary>
    private static IEnumerable<ParameterSpec> BuildParameters(ToolMethodSpec method) =>
        method.Parameters.Where(p => p.Role != ParameterRole.CancellationToken);

    private static string BuildArguments(ToolMethodSpec method) => string.Join(", ", BuildParameters(method).Select(p => p.Name));

    /// <summary>
    /// The method that builds a tool's request (route, query, body, idempotency key) without sending it: the partial
    /// method sends it for text, the dispatcher for a result. A text tool's build never throws: a failure is recorded
    /// on the request and becomes the "failed unexpectedly" text when it is executed.
    /// </summary>
    private void WriteBuild(ToolMethodSpec method)
    {
        var parameters = string.Join(", ", BuildParameters(method).Select(p => p.TypeDisplay + " " + p.Name));
        var modifiers = method.IsStatic ? "private static " : "private ";
        _writer.WriteLine($"{modifiers}{Request} {BuildMethodName(method)}({parameters})");
        _writer.OpenBlock();
        // A tool that returns mail marks it, so its text for the model fences what outside senders wrote.
        var returnsMail = method.ReturnsMail && method.Return.ReturnsText ? " { ReturnsMail = true }" : string.Empty;
        _writer.WriteLine($"var {RequestVar} = new {Request}({ClientExpression(method)}, {Member(OperationFieldName(method))}){returnsMail};");
        if (method.RuntimeOperation is { } operation)
        {
            // The catalog's runtime operation carries out the call (polling, an action's endpoint, a binary download).
            _writer.WriteLine($"{RequestVar}.RunAs({ClientOperations}.{operation});");
        }

        var guarded = method.Return.ReturnsText && BuildNeedsGuard(method);
        if (guarded)
        {
            _writer.WriteLine("try");
            _writer.OpenBlock();
        }

        WritePath(method);
        WriteRequestParameters(method);
        if (guarded)
        {
            _writer.CloseBlock();
            _writer.WriteLine($$"""
                catch ({{Exception}} {{ExceptionVar}}) when (!({{ExceptionVar}} is {{OperationCanceledException}}))
                {
                    {{RequestVar}}.Fail({{ExceptionVar}});
                }

                """);
        }

        _writer.WriteLine($"return {RequestVar};");
        _writer.CloseBlock();
        ExitMethod();
    }

    /// <summary>
    /// Whether the build needs a guard (a text tool never throws): only when generated code does something that can
    /// throw. The runtime's own steps (route values, queries, the string and string-array body helpers) record a
    /// failure instead of throwing; what the generated code writes itself (numbers, dates, objects through their
    /// getters, dictionaries, lazy sequences) and a client property's getter can throw.
    /// </summary>
    private bool BuildNeedsGuard(ToolMethodSpec method)
    {
        if (method.Parameters.All(p => p.Role != ParameterRole.Client) && Type.Client is { IsProperty: true })
        {
            return true;
        }

        return method.Parameters.Any(p => p.Role switch
        {
            ParameterRole.Body => BodyHelperCall(p) is null,
            ParameterRole.Query => !IsPlainScalar(p.Shape!) && !(p.Shape!.Kind == ShapeKind.Array && IsPlainSequence(p.Shape) && IsPlainScalar(p.Shape.Element!)),
            _ => false,
        });
    }

    /// <summary>A value whose query text the runtime formats without running user code or throwing.</summary>
    private static bool IsPlainScalar(TypeShape shape) => shape.Kind is ShapeKind.String or ShapeKind.Boolean or ShapeKind.Integer or ShapeKind.Number
        or ShapeKind.Enum or ShapeKind.DateTime or ShapeKind.DateTimeOffset or ShapeKind.Guid or ShapeKind.Uri;

    /// <summary>An array or a List (a lazy sequence would run the user's iterator).</summary>
    private static bool IsPlainSequence(TypeShape shape) =>
        shape.Collection == CollectionKind.List || shape.TypeName.EndsWith("[]", System.StringComparison.Ordinal);

    /// <summary>The route template of a tool (<c>/v1/mailboxes/{mailbox_id}/send</c>), for telemetry.</summary>
    private static string RouteTemplate(ToolMethodSpec method) =>
        string.Concat(method.Path.Select(segment => segment.WireName is null ? segment.Literal : "{" + segment.WireName + "}"));

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
        if (method.Parameters.Any(p => p.Role == ParameterRole.Body && (p.RequestName is not null || BodyHelperCall(p) is null)))
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
                case ParameterRole.Body when parameter.RequestName is null && BodyHelperCall(parameter) is { } call:
                    // (An alias is written out in full: the body carries the contract's name, problems the model's.)
                    _writer.WriteLine(call);
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

    /// <summary>
    /// One runtime call for the common body parameters, a string or an array of strings, with their checks as named
    /// arguments (<c>__request.BodyString("subject", subject, required: true, maxLength: 998, …)</c>); null for other
    /// shapes, which are written out in full.
    /// </summary>
    private string? BodyHelperCall(ParameterSpec parameter)
    {
        var shape = parameter.Shape!;
        var wire = Str(parameter.WireName);
        var required = "required: " + Bool(parameter.Required);
        if (shape.Kind == ShapeKind.String)
        {
            return $"{RequestVar}.BodyString({wire}, {parameter.Name}, {required}{StringChecks(parameter.Constraints, wire)});";
        }

        if (shape.Kind == ShapeKind.Array && shape.Element is { Kind: ShapeKind.String } element && IsPlainSequence(shape))
        {
            var counts = Limits(parameter.Constraints.MinItems, parameter.Constraints.MaxItems, "Items") is { } limits ? ", " + limits : string.Empty;
            var nulls = element.IsNullable ? ", nullItems: true" : string.Empty;
            return $"{RequestVar}.BodyStringArray({wire}, {parameter.Name}, {required}{counts}{nulls}{StringChecks(parameter.ItemConstraints, wire)});";
        }

        return null;
    }

    /// <summary>The string checks as named arguments of the body helpers (<c>, maxLength: 998, email: true</c>).</summary>
    private string StringChecks(Constraints constraints, string path)
    {
        var text = new System.Text.StringBuilder();
        if (Limits(constraints.MinLength, constraints.MaxLength, "Length") is { } lengths)
        {
            text.Append(", ").Append(lengths);
        }

        if (constraints.Format == "email")
        {
            text.Append(", email: true");
        }

        if (constraints.Pattern is not null)
        {
            text.Append(", pattern: ").Append(Pattern(constraints.Pattern, path));
        }

        if (!constraints.AllowedValues.IsEmpty)
        {
            text.Append(", allowed: ").Append(StringArray(constraints.AllowedValues, path, "AllowedValues"));
        }

        return text.ToString();
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

    /// <summary>Whether the tool method declares a CancellationToken.</summary>
    private static bool TakesCancellation(ToolMethodSpec method) => method.Parameters.Any(p => p.Role == ParameterRole.CancellationToken);

    /// <summary>
    /// Whether the body is a private method that takes a token: a typed tool declared without a CancellationToken, so
    /// that InvokeAsync's token reaches the request. (A text tool's InvokeAsync sends the built request itself.)
    /// </summary>
    private static bool HasCoreMethod(ToolMethodSpec method) => !TakesCancellation(method) && !method.Return.ReturnsText;

    /// <summary>The private method with the body of a typed tool method declared without a CancellationToken.</summary>
    private string CoreMethodName(ToolMethodSpec method) => CoreMethodPrefix + _toolIdentifiers[method.ToolName];

    private static bool HasModifier(ToolMethodSpec method, string modifier) => (" " + method.Modifiers + " ").Contains(" " + modifier + " ");

    private void WriteSend(ToolMethodSpec method, string request)
    {
        var token = method.Parameters.FirstOrDefault(p => p.Role == ParameterRole.CancellationToken)?.Name ?? (HasCoreMethod(method) ? CancellationParam : "default");
        var result = method.Return;
        switch (result.Kind)
        {
            case ReturnKind.TaskOfString:
                _writer.WriteLine($"return {request}.ExecuteForModelAsync({token});");
                break;
            case ReturnKind.ValueTaskOfString:
                _writer.WriteLine($"return new {ValueTaskOfString}({request}.ExecuteForModelAsync({token}));");
                break;
            case ReturnKind.Task:
                _writer.WriteLine($"return {request}.ExecuteAsync({token});");
                break;
            case ReturnKind.ValueTask:
                _writer.WriteLine($"return new {ValueTask}({request}.ExecuteAsync({token}));");
                break;
            default:
                // A typed result: the API's JSON is read leniently (unknown properties ignored) into the declared type.
                var shape = result.Result!;
                var open = result.IsValueTask ? $"return new {ValueTask}<{shape.Display}>(" : "return ";
                _writer.WriteLine($"{open}{request}.ExecuteAsync<{shape.Display}>(static {JsonVar} =>");
                _writer.OpenBlock();
                _writer.WriteLine($"using var {ArgumentsVar} = {Arguments}.CreateLenient();");
                _writer.WriteLine($"return {ReadExpression(shape, ArgumentsVar, JsonVar, "\"$\"", 1)};");
                _writer.Indentation--;
                _writer.WriteLine($"}}, {token}){(result.IsValueTask ? ")" : string.Empty)};");
                break;
        }
    }
}
