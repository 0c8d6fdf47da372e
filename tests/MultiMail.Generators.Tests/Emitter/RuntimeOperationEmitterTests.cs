using System.Linq;
using MultiMail.Generators.Catalog;
using MultiMail.Generators.Emit;
using MultiMail.Generators.Helpers;
using MultiMail.Generators.Model;
using Microsoft.CodeAnalysis.CSharp;

namespace MultiMail.Generators.Tests.Emitter;

/// <summary>
/// Issue 15's two additions to the tool method body, from hand-built specs: a runtime operation is one line after the
/// request is created, and a parameter named after a catalog alias is sent under the contract's name.
/// </summary>
public sealed class RuntimeOperationEmitterTests
{
    private static readonly TypeShape Text = new() { Kind = ShapeKind.String, TypeName = "string", IsNullable = true };

    private static ToolMethodSpec Method(string toolName, string httpMethod, string? runtime, params ParameterSpec[] parameters) => new()
    {
        MethodName = "Call",
        Modifiers = "public",
        Return = new ReturnSpec { Kind = ReturnKind.TaskOfString, TypeDisplay = "global::System.Threading.Tasks.Task<string>" },
        Parameters = parameters.ToEquatableArray(),
        ToolName = toolName,
        Description = "A tool.",
        HttpMethod = httpMethod,
        Path = new[] { PathSegment.Text("/v1/things") }.ToEquatableArray(),
        RuntimeOperation = runtime,
        Effect = MultiMailToolEffectValue.Reads,
    };

    private static ParameterSpec Parameter(string wireName, ParameterRole role, string? requestName = null) => new()
    {
        Name = wireName,
        WireName = wireName,
        RequestName = requestName,
        TypeDisplay = "string?",
        Role = role,
        Shape = Text,
    };

    private static string Emit(ToolMethodSpec method)
    {
        var type = new ToolTypeSpec
        {
            Namespace = "Demo",
            Declarations = new[] { new TypeDeclarationSpec("class", "Tools") }.ToEquatableArray(),
            FullName = "global::Demo.Tools",
            HintName = "Demo.Tools.MultiMailTools.g.cs",
            Client = new MemberReference("_client", IsStatic: false),
        };
        var text = ToolEmitter.Emit(new ToolTypeModel(type, new[] { method }.ToEquatableArray()), GenerationFacts.None, "1.0.0");
        Assert.Empty(CSharpSyntaxTree.ParseText(text).GetDiagnostics());
        return text;
    }

    [Fact]
    public void A_runtime_operation_is_handed_the_request_right_after_it_is_created()
    {
        var text = Emit(Method("wait_for_email", "GET", "WaitForEmail", Parameter("sender", ParameterRole.Body)));

        var lines = text.Split('\n').Select(l => l.Trim()).ToList();
        var create = lines.FindIndex(l => l.StartsWith("var __request = new global::MultiMail.Internal.MultiMailRequest(", System.StringComparison.Ordinal));
        Assert.True(create >= 0);
        Assert.Equal("__request.RunAs(global::MultiMail.Internal.ClientOperations.WaitForEmail);", lines[create + 1]);
        Assert.Single(lines, l => l.Contains(".RunAs(", System.StringComparison.Ordinal));
        Assert.Contains("__request.ExecuteForModelAsync(", text);
    }

    [Fact]
    public void One_http_call_has_no_runtime_operation()
    {
        var text = Emit(Method("list_things", "GET", null, Parameter("q", ParameterRole.Query)));
        Assert.DoesNotContain(".RunAs(", text);
    }

    [Fact]
    public void An_alias_is_sent_under_the_contract_s_name_and_reported_under_the_model_s()
    {
        var query = Emit(Method("search_contacts", "GET", null, Parameter("query", ParameterRole.Query, requestName: "q")));
        Assert.Contains("__request.AddQuery(\"q\", query);", query);
        Assert.DoesNotContain("AddQuery(\"query\"", query);
        Assert.Contains("\"query\"", query);   // the schema and the argument reader use the model's name

        var body = Emit(Method("create_mailbox", "POST", null, Parameter("address_local_part", ParameterRole.Body, requestName: "address_local")));
        Assert.Contains("__body.WritePropertyName(\"address_local\");", body);
        Assert.DoesNotContain("WritePropertyName(\"address_local_part\")", body);
    }
}
