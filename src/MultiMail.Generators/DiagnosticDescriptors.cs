using Microsoft.CodeAnalysis;

namespace MultiMail.Generators;

/// <summary>Diagnostic IDs (MMG + four digits), as constants the code-fix assembly can refer to.</summary>
public static class DiagnosticIds
{
    public const string MustBePartial = "MMG0001";
    public const string MissingClient = "MMG0002";
    public const string MultipleClients = "MMG0003";
    public const string UnsupportedReturnType = "MMG0004";
    public const string UnsupportedParameterType = "MMG0005";
    public const string UnboundRoutePlaceholder = "MMG0006";
    public const string UnknownOperation = "MMG0007";
    public const string RequiredFieldMissing = "MMG0008";
    public const string UnknownField = "MMG0009";
    public const string FieldTypeMismatch = "MMG0010";
    public const string InvalidToolName = "MMG0011";
    public const string DuplicateToolName = "MMG0012";
    public const string MissingDescription = "MMG0013";
    public const string InvalidEndpoint = "MMG0014";
    public const string UnsupportedMethodShape = "MMG0015";
    public const string InvalidBinding = "MMG0016";
    public const string OptionalRequiredField = "MMG0017";
    public const string DuplicateWireName = "MMG0018";
    public const string EmailToolOnSeveralAgents = "MMG1001";
    public const string ToolOnSeveralAgents = "MMG1002";
    public const string HardCodedApiKey = "MMG2001";
}

/// <summary>
/// All rules. The authoring rules (MMG0001–MMG0999) are reported by <c>ToolDeclarationAnalyzer</c>, except the errors of
/// the methods the generator refuses, which the generator reports (<c>Refusals</c>). MMG1xxx (how tools reach agents) by <c>AgentToolAnalyzer</c>; MMG2xxx (secrets) by <c>HardCodedKeyAnalyzer</c>.
/// </summary>
internal static class DiagnosticDescriptors
{
    public const string Category = "MultiMail";
    public const string HelpLinkBase = "https://github.com/multimail-dev/multimail-generators/blob/main/docs/diagnostics/";

    public static readonly DiagnosticDescriptor MustBePartial = Create(
        DiagnosticIds.MustBePartial,
        "MultiMail tool methods and their containing types must be partial",
        "'{0}' must be declared partial so the MultiMail generator can write the tool's body{1}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor MissingClient = Create(
        DiagnosticIds.MissingClient,
        "The type of a MultiMail tool needs a MultiMailClient member",
        "'{0}' has no MultiMailClient field or property for its tool '{1}': add one (for example 'private readonly MultiMailClient _client;'), or make the method static and give it a MultiMailClient parameter",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor MultipleClients = Create(
        DiagnosticIds.MultipleClients,
        "The type of a MultiMail tool must have exactly one MultiMailClient member",
        "'{0}' has {1} MultiMailClient members ({2}); keep exactly one so the generated tools know which client to call",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnsupportedReturnType = Create(
        DiagnosticIds.UnsupportedReturnType,
        "Unsupported MultiMail tool return type",
        "'{0}' returns '{1}': return Task<string> or ValueTask<string> (text for the model), or Task<T>/ValueTask<T> for a typed result, or Task/ValueTask{2}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnsupportedParameterType = Create(
        DiagnosticIds.UnsupportedParameterType,
        "Unsupported MultiMail tool parameter type",
        "Parameter '{0}' of type '{1}' cannot be a tool argument: {2}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnboundRoutePlaceholder = Create(
        DiagnosticIds.UnboundRoutePlaceholder,
        "Route placeholder without a parameter",
        "The route placeholder '{{{0}}}' has no parameter with the wire name '{0}': add a parameter named '{1}', or set its wire name with [MultiMailParameter(\"{0}\")]",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnknownOperation = Create(
        DiagnosticIds.UnknownOperation,
        "Unknown MultiMail catalog operation",
        "No MultiMail operation is named '{0}': rename the tool to a catalog operation ({1}), or name the endpoint, for example [MultiMailTool(\"GET\", \"/v1/...\")]",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor RequiredFieldMissing = Create(
        DiagnosticIds.RequiredFieldMissing,
        "A field the MultiMail contract requires has no parameter",
        "The MultiMail operation '{0}' requires '{1}' ({2}): add a parameter for it",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnknownField = Create(
        DiagnosticIds.UnknownField,
        "Parameter is not a field of the MultiMail operation",
        "Parameter '{0}' (wire name '{1}') is not a field of the MultiMail operation '{2}': remove or rename it, or set its wire name with [MultiMailParameter(\"...\")]; the fields are {3}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor FieldTypeMismatch = Create(
        DiagnosticIds.FieldTypeMismatch,
        "Parameter type does not match the MultiMail contract",
        "Parameter '{0}' has type '{1}', but '{2}' of the MultiMail operation '{3}' is {4}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InvalidToolName = Create(
        DiagnosticIds.InvalidToolName,
        "Invalid tool name",
        "The tool name '{0}' is invalid: tool names must match ^[a-zA-Z0-9_-]{{1,64}}$ (for example '{1}')",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor DuplicateToolName = Create(
        DiagnosticIds.DuplicateToolName,
        "Duplicate tool name",
        "The tool name '{0}' is already used by '{1}' in this type: give one of them another Name",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor MissingDescription = Create(
        DiagnosticIds.MissingDescription,
        "Tool without a description",
        "The tool '{0}' has no description: add an XML <summary>, [Description(\"...\")] or [MultiMailTool(Description = \"...\")] so the model knows when to call it",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor InvalidEndpoint = Create(
        DiagnosticIds.InvalidEndpoint,
        "Invalid MultiMail endpoint",
        "The endpoint '{0} {1}' is invalid: {2}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnsupportedMethodShape = Create(
        DiagnosticIds.UnsupportedMethodShape,
        "Method cannot be a MultiMail tool",
        "'{0}' cannot be a MultiMail tool: {1}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InvalidBinding = Create(
        DiagnosticIds.InvalidBinding,
        "Invalid [MultiMailBound] parameter",
        "Parameter '{0}' is [MultiMailBound] but {1}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor OptionalRequiredField = Create(
        DiagnosticIds.OptionalRequiredField,
        "A field the MultiMail contract requires is optional",
        "The MultiMail operation '{0}' requires '{1}', but parameter '{2}' is optional: calls without it fail with 400, so make it required",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor DuplicateWireName = Create(
        DiagnosticIds.DuplicateWireName,
        "Two parameters share a wire name",
        "Parameters '{0}' and '{1}' both map to the wire name '{2}': rename one, or set its wire name with [MultiMailParameter(\"...\")]",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor EmailToolOnSeveralAgents = Create(
        DiagnosticIds.EmailToolOnSeveralAgents,
        "A tool that sends email is given to more than one agent of a conversation",
        "'{0}' sends email and is also given to {1}, in {2}: give the tools that send email to one designated email agent per conversation and let the other agents draft",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor ToolOnSeveralAgents = Create(
        DiagnosticIds.ToolOnSeveralAgents,
        "A MultiMail tool is given to more than one agent of a conversation",
        "'{0}' is also given to {1}, in {2}: consider keeping MultiMail tools with one designated email agent per conversation",
        DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor HardCodedApiKey = Create(
        DiagnosticIds.HardCodedApiKey,
        "Hard-coded MultiMail API key",
        "This string is a MultiMail API key ('{0}…'): read it from the MULTIMAIL_API_KEY environment variable or configuration instead of writing it in code",
        DiagnosticSeverity.Warning);

    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity) =>
        new(id, title, message, Category, severity, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + id + ".md");
}
