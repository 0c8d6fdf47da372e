using System.Linq;
using MultiMail.Generators.Model;
using static MultiMail.Generators.Emit.GlobalNames;

namespace MultiMail.Generators.Emit;

// IMultiMailToolSet: a type with one client member implements it itself (Tools, InvokeAsync, InvokeForResultAsync); any
// other type gets CreateToolSet(client), which binds the type's dispatcher to a client in the runtime's GeneratedToolSet.
// Both run one dispatcher: the model's arguments (JSON text or a dictionary) → the tool's result (text, error kind).
internal sealed partial class ToolEmitter
{
    private void WriteToolSet()
    {
        if (InstanceMode)
        {
            WriteInstanceToolSet();
        }
        else
        {
            var create = Has(TakenNames.StaticMembers) ? "CreateMultiMailToolSet" : "CreateToolSet";
            _writer.WriteLine($$"""
                /// <summary>Creates the tool set of this type's MultiMail tools, calling the API through <paramref name="client"/>.</summary>
                /// <param name="client">The client the tools call.</param>
                public static {{ToolSet}} {{create}}({{Client}} client) =>
                    new {{GeneratedToolSet}}(client, {{DescriptorsField}}, {{DispatchMethod}});

                """);
        }

        var client = InstanceMode ? string.Empty : Client + " " + ClientParam + ", ";
        var modifiers = InstanceMode ? "private " : "private static ";
        _writer.WriteLine($"{modifiers}{ValueTaskOfResult} {DispatchMethod}({client}string toolName, {ToolInput} {InputParam}, {CancellationToken} cancellationToken)");
        _writer.OpenBlock();
        WriteDispatchSwitch();
        _writer.CloseBlock();
    }

    private void WriteInstanceToolSet()
    {
        var tools = Has(TakenNames.Tools)
            ? $"{DescriptorList} {ToolSet}.Tools => {DescriptorsField};"
            : $"public {DescriptorList} Tools => {DescriptorsField};";
        var (invoke, json, dictionary) = Has(TakenNames.InvokeAsync)
            ? ($"{ValueTaskOfString} {ToolSet}.InvokeAsync(string toolName, string argumentsJson, {CancellationToken} cancellationToken)",
               $"{ValueTaskOfResult} {ToolSet}.InvokeForResultAsync(string toolName, string argumentsJson, {CancellationToken} cancellationToken)",
               $"{ValueTaskOfResult} {ToolSet}.InvokeForResultAsync(string toolName, {ArgumentDictionary}? arguments, {CancellationToken} cancellationToken)")
            : ($"public {ValueTaskOfString} InvokeAsync(string toolName, string argumentsJson, {CancellationToken} cancellationToken = default)",
               $"public {ValueTaskOfResult} InvokeForResultAsync(string toolName, string argumentsJson, {CancellationToken} cancellationToken = default)",
               $"public {ValueTaskOfResult} InvokeForResultAsync(string toolName, {ArgumentDictionary}? arguments, {CancellationToken} cancellationToken = default)");
        _writer.WriteLine($$"""
            /// <inheritdoc cref="{{ToolSet}}.Tools"/>
            {{tools}}

            /// <inheritdoc cref="{{ToolSet}}.InvokeAsync"/>
            {{invoke}} =>
                {{Results}}.TextOf({{DispatchMethod}}(toolName, new {{ToolInput}}(argumentsJson), cancellationToken));

            /// <inheritdoc/>
            {{json}} =>
                {{DispatchMethod}}(toolName, new {{ToolInput}}(argumentsJson), cancellationToken);

            /// <inheritdoc/>
            {{dictionary}} =>
                {{DispatchMethod}}(toolName, new {{ToolInput}}(arguments), cancellationToken);

            """);
    }

    private static bool ContainsObject(TypeShape shape) =>
        shape.Kind == ShapeKind.Object || (shape.Element is { } element && ContainsObject(element));

    /// <summary>
    /// The switch over tool names. An exception thrown while the arguments are read (a user type's constructor, say) is a
    /// result too: an <see cref="System.ArgumentException"/> means invalid arguments, anything else but cancellation is
    /// unexpected.
    /// </summary>
    private void WriteDispatchSwitch()
    {
        // Only object arguments run the user's code while they are read (constructors, setters); without them there
        // is nothing to guard.
        var guarded = _model.Methods.Any(m => m.Parameters.Any(p => p.IsModelVisible && p.Shape is { } shape && ContainsObject(shape)));
        if (guarded)
        {
            _writer.WriteLine("try");
            _writer.OpenBlock();
        }

        _writer.WriteLine("switch (toolName)");
        _writer.OpenBlock();
        foreach (var method in _model.Methods)
        {
            var client = InstanceMode ? string.Empty : ClientParam + ", ";
            _writer.WriteLine($$"""
                case {{Str(method.ToolName)}}:
                    return {{InvokeMethodName(method)}}({{client}}{{InputParam}}, cancellationToken);
                """);
        }

        _writer.WriteLine($$"""
            default:
                return new({{Results}}.UnknownTool({{(InstanceMode ? ClientMemberExpression() : ClientParam)}}, toolName, {{ToolNamesField}}));
            """);
        _writer.CloseBlock();
        if (!guarded)
        {
            return;
        }

        _writer.CloseBlock();
        _writer.WriteLine($$"""
            catch (global::System.ArgumentException {{ExceptionVar}})
            {
                return new({{Results}}.FromArgumentException(toolName, {{ExceptionVar}}));
            }
            catch ({{Exception}} {{ExceptionVar}}) when (!({{ExceptionVar}} is {{OperationCanceledException}}))
            {
                return new({{Results}}.Unexpected(toolName, {{ExceptionVar}}));
            }
            """);
    }
}
