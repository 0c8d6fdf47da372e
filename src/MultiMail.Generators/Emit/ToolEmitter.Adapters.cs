using static MultiMail.Generators.Emit.GlobalNames;

namespace MultiMail.Generators.Emit;

// Framework adapters, emitted only when the compilation references Microsoft.Extensions.AI (and MCP). They are thin:
// the function type and the loops live once per compilation in the file AdapterEmitter writes.
internal sealed partial class ToolEmitter
{
    private void WriteAdapters()
    {
        var instance = InstanceMode;
        var toolSet = instance ? "this" : (Has(Model.TakenNames.StaticMembers) ? "CreateMultiMailToolSet" : "CreateToolSet") + "(client)";
        var clientParameter = instance ? string.Empty : Client + " client, ";
        var clientDoc = instance ? string.Empty : "\n/// <param name=\"client\">The client the tools call.</param>";
        var modifiers = instance ? "public " : "public static ";
        var function = AdapterEmitter.FunctionType(_facts);
        var approval = _facts.HasApprovalRequiredFunction;
        _writer.WriteLine($$"""
            /// <summary>
            /// These tools as Microsoft.Extensions.AI functions (for Agent Framework's ChatClientAgent, IChatClient function calling,
            /// Semantic Kernel's AsKernelFunction and the MCP SDK's McpServerTool.Create), with the schemas computed at compile time.
            /// </summary>{{clientDoc}}
            /// <param name="strict">Use the OpenAI strict-mode schemas and mark the functions strict.</param>
            """);
        if (approval)
        {
            _writer.WriteLine($$"""
                /// <param name="requireApprovalForSends">Wrap the tools that send email in ApprovalRequiredAIFunction, so the host asks a person before it calls them (MultiMail's server-side oversight applies either way).</param>
                {{modifiers}}global::System.Collections.Generic.IList<{{AITool}}> AsAITools({{clientParameter}}bool strict = false, bool requireApprovalForSends = false) =>
                    {{function}}.CreateAll({{toolSet}}, strict, requireApprovalForSends);
                """);
        }
        else
        {
            _writer.WriteLine($$"""
                {{modifiers}}global::System.Collections.Generic.IList<{{AITool}}> AsAITools({{clientParameter}}bool strict = false) =>
                    {{function}}.CreateAll({{toolSet}}, strict);
                """);
        }

        if (instance)
        {
            for (var i = 0; i < _model.Methods.Count; i++)
            {
                var method = _model.Methods[i];
                _writer.WriteLine($$"""

                    /// <summary>The {{XmlText(method.ToolName)}} tool as a Microsoft.Extensions.AI function.</summary>
                    public {{AIFunction}} {{Helpers.Naming.Unescaped(method.MethodName)}}AIFunction => new {{function}}(this, {{DescriptorsField}}[{{Int(i)}}], strict: false);
                    """);
            }
        }

        if (_facts.HasModelContextProtocol)
        {
            _writer.WriteLine($$"""

                /// <summary>These tools for an MCP server, with their annotations: read tools read-only; sends idempotent (through idempotency keys); tools that reach outside senders or recipients open-world; deletions destructive.</summary>{{clientDoc}}
                {{modifiers}}global::System.Collections.Generic.IList<{{McpServerTool}}> AsMcpServerTools({{(instance ? string.Empty : Client + " client")}}) =>
                    {{function}}.CreateMcpServerTools({{toolSet}});
                """);
        }
    }
}
