using MultiMail.Generators.Model;
using static MultiMail.Generators.Emit.GlobalNames;

namespace MultiMail.Generators.Emit;

// IMultiMailToolSet: a type with one client member implements it itself (Tools, InvokeAsync); any other type gets
// CreateToolSet(client), which binds the type's dispatcher to a client in the runtime's GeneratedToolSet.
internal sealed partial class ToolEmitter
{
    private void WriteToolSet()
    {
        if (InstanceMode)
        {
            WriteInstanceToolSet();
            return;
        }

        var create = Has(TakenNames.StaticMembers) ? "CreateMultiMailToolSet" : "CreateToolSet";
        _writer.WriteLine($$"""
            /// <summary>Creates the tool set of this type's MultiMail tools, calling the API through <paramref name="client"/>.</summary>
            /// <param name="client">The client the tools call.</param>
            public static {{ToolSet}} {{create}}({{Client}} client) =>
                new {{GeneratedToolSet}}(client, {{DescriptorsField}}, {{DispatchMethod}});

            private static {{ValueTaskOfString}} {{DispatchMethod}}({{Client}} {{ClientParam}}, string toolName, string argumentsJson, {{CancellationToken}} cancellationToken)
            """);
        _writer.OpenBlock();
        WriteDispatchSwitch();
        _writer.CloseBlock();
    }

    private void WriteInstanceToolSet()
    {
        var tools = Has(TakenNames.Tools)
            ? $"{DescriptorList} {ToolSet}.Tools => {DescriptorsField};"
            : $"public {DescriptorList} Tools => {DescriptorsField};";
        var invoke = Has(TakenNames.InvokeAsync)
            ? $"{ValueTaskOfString} {ToolSet}.InvokeAsync(string toolName, string argumentsJson, {CancellationToken} cancellationToken)"
            : $"public {ValueTaskOfString} InvokeAsync(string toolName, string argumentsJson, {CancellationToken} cancellationToken = default)";
        _writer.WriteLine($$"""
            /// <inheritdoc cref="{{ToolSet}}.Tools"/>
            {{tools}}

            /// <inheritdoc cref="{{ToolSet}}.InvokeAsync"/>
            {{invoke}}
            """);
        _writer.OpenBlock();
        WriteDispatchSwitch();
        _writer.CloseBlock();
    }

    private void WriteDispatchSwitch()
    {
        _writer.WriteLine("switch (toolName)");
        _writer.OpenBlock();
        foreach (var method in _model.Methods)
        {
            var client = InstanceMode ? string.Empty : ClientParam + ", ";
            _writer.WriteLine($$"""
                case {{Str(method.ToolName)}}:
                    return {{InvokeMethodName(method)}}({{client}}argumentsJson, cancellationToken);
                """);
        }

        _writer.WriteLine($$"""
            default:
                return new {{ValueTaskOfString}}({{Text}}.UnknownTool({{(InstanceMode ? ClientMemberExpression() : ClientParam)}}, toolName, {{ToolNamesField}}));
            """);
        _writer.CloseBlock();
    }
}
