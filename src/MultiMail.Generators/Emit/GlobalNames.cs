namespace MultiMail.Generators.Emit;

/// <summary>Fully qualified names of the types generated code uses (runtime library, BCL, framework adapters).</summary>
internal static class GlobalNames
{
    public const string Request = "global::MultiMail.Internal.MultiMailRequest";
    public const string ClientOperations = "global::MultiMail.Internal.ClientOperations";
    public const string Arguments = "global::MultiMail.Internal.ToolArguments";
    public const string ArgumentErrors = "global::MultiMail.Internal.ArgumentErrors";
    public const string AdapterArguments = "global::MultiMail.Internal.AdapterArguments";
    public const string GeneratedToolSet = "global::MultiMail.Internal.GeneratedToolSet";
    public const string ToolMetadata = "global::MultiMail.Internal.ToolMetadata";
    public const string Text = "global::MultiMail.Internal.ToolText";
    public const string UntrustedMailText = "global::MultiMail.Internal.UntrustedMailText";
    public const string Format = "global::MultiMail.Internal.MultiMailFormat";
    public const string Descriptor = "global::MultiMail.MultiMailToolDescriptor";
    public const string ToolSet = "global::MultiMail.IMultiMailToolSet";
    public const string Client = "global::MultiMail.MultiMailClient";
    public const string Effect = "global::MultiMail.MultiMailToolEffect";
    public const string ApiException = "global::MultiMail.MultiMailApiException";
    public const string DescriptorList = "global::System.Collections.Generic.IReadOnlyList<global::MultiMail.MultiMailToolDescriptor>";
    public const string JsonElement = "global::System.Text.Json.JsonElement";
    public const string JsonWriter = "global::System.Text.Json.Utf8JsonWriter";
    public const string CancellationToken = "global::System.Threading.CancellationToken";
    public const string Task = "global::System.Threading.Tasks.Task";
    public const string ValueTask = "global::System.Threading.Tasks.ValueTask";
    public const string ValueTaskOfString = "global::System.Threading.Tasks.ValueTask<string>";
    public const string Exception = "global::System.Exception";
    public const string OperationCanceledException = "global::System.OperationCanceledException";
    public const string Regex = "global::System.Text.RegularExpressions.Regex";
    public const string GeneratedCode = "global::System.CodeDom.Compiler.GeneratedCodeAttribute";
    public const string AITool = "global::Microsoft.Extensions.AI.AITool";
    public const string AIFunction = "global::Microsoft.Extensions.AI.AIFunction";
    public const string McpServerTool = "global::ModelContextProtocol.Server.McpServerTool";
}
