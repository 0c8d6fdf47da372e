using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using MultiMail.Generators.Catalog;
using MultiMail.Generators.Emit;
using MultiMail.Generators.Helpers;
using MultiMail.Generators.Model;
using MultiMail.Generators.Tests.Infrastructure;

namespace MultiMail.Generators.Tests.Emitter;

/// <summary>
/// Each section of the emitted file, from specs built by hand (no Roslyn parse): descriptors, the tool method body,
/// the tool set, the adapters, the argument readers and the helpers. The last test compiles a whole emitted file.
/// </summary>
public sealed class EmitterSectionTests
{
    private static readonly TypeShape Text = new() { Kind = ShapeKind.String, TypeName = "string" };

    private static readonly TypeShape Priority = new()
    {
        Kind = ShapeKind.Enum,
        TypeName = "global::Demo.Priority",
        IsValueType = true,
        EnumMembers = new[]
        {
            new EnumMemberSpec { MemberName = "Low", WireName = "low" },
            new EnumMemberSpec { MemberName = "High", WireName = "URGENT", Description = "Now." },
            new EnumMemberSpec { MemberName = "Critical", WireName = "critical", IsAlias = true },
        }.ToEquatableArray(),
    };

    private static ParameterSpec Body(string name, TypeShape shape, bool required = true, Constraints? constraints = null) => new()
    {
        Name = name,
        WireName = Naming.ToSnakeCase(name),
        TypeDisplay = shape.Display,
        Role = ParameterRole.Body,
        Shape = shape,
        Required = required,
        Constraints = constraints ?? Constraints.None,
    };

    private static ToolMethodSpec Send(params ParameterSpec[] parameters) => new()
    {
        MethodName = "Send",
        Modifiers = "public",
        Return = new ReturnSpec { Kind = ReturnKind.TaskOfString, TypeDisplay = "global::System.Threading.Tasks.Task<string>" },
        Parameters = parameters.ToEquatableArray(),
        ToolName = "send_note",
        Description = "Send a note.",
        HttpMethod = "POST",
        Path = new[] { PathSegment.Text("/v1/notes") }.ToEquatableArray(),
        Effect = MultiMailToolEffectValue.SendsEmail,
        IsIdempotent = true,
        IsOpenWorld = true,
    };

    private static ToolTypeSpec Type(MemberReference? client = null, bool isStatic = false, TakenNames taken = TakenNames.None) => new()
    {
        Namespace = "Demo",
        Declarations = new[] { new TypeDeclarationSpec(isStatic ? "class" : "class", "NoteTools") }.ToEquatableArray(),
        FullName = "global::Demo.NoteTools",
        HintName = "Demo.NoteTools.MultiMailTools.g.cs",
        Client = client,
        IsStatic = isStatic,
        TakenNames = taken,
    };

    private static readonly MemberReference InstanceClient = new("_client", IsStatic: false);

    private static string Emit(ToolTypeSpec type, GenerationFacts? facts = null, params ToolMethodSpec[] methods)
    {
        var text = ToolEmitter.Emit(new ToolTypeModel(type, methods.ToEquatableArray()), facts ?? GenerationFacts.None, "1.0.0");
        Assert.Empty(CSharpSyntaxTree.ParseText(text).GetDiagnostics());
        return text;
    }

    [Fact]
    public void Descriptors_name_every_argument_and_spell_the_effect()
    {
        var text = Emit(Type(InstanceClient), null, Send(Body("subject", Text)));

        Assert.Contains("name: \"send_note\",", text);
        Assert.Contains("description: \"Send a note.\",", text);
        Assert.Contains("effect: global::MultiMail.MultiMailToolEffect.SendsEmail,", text);
        Assert.Contains("isIdempotent: true,", text);
        Assert.Contains("isDestructive: false,", text);
        Assert.Contains("isOpenWorld: true),", text);
        Assert.Contains("private static readonly string[] __MultiMailToolNames = { \"send_note\" };", text);
        Assert.Contains("public static global::System.Collections.Generic.IReadOnlyList<global::MultiMail.MultiMailToolDescriptor> MultiMailTools", text);
    }

    [Fact]
    public void A_taken_static_name_drops_MultiMailTools_and_renames_CreateToolSet()
    {
        var text = Emit(Type(client: null, taken: TakenNames.StaticMembers), null, Send(Body("subject", Text)));

        Assert.DoesNotContain(" MultiMailTools =>", text);
        Assert.Contains("public static global::MultiMail.IMultiMailToolSet CreateMultiMailToolSet(global::MultiMail.MultiMailClient client) =>", text);
    }

    [Fact]
    public void Limits_are_named_arguments_and_absent_limits_are_not_written()
    {
        var text = Emit(Type(InstanceClient), null, Send(
            Body("subject", Text, constraints: new Constraints { MaxLength = 998 }),
            Body("title", Text, constraints: new Constraints { MinLength = 2, MaxLength = 10 }),
            Body("note", Text, constraints: new Constraints { MinLength = 0 }),
            Body("tags", new TypeShape { Kind = ShapeKind.Array, TypeName = "string[]", Element = Text }, constraints: new Constraints { MinItems = 1 }),
            Body("count", new TypeShape { Kind = ShapeKind.Integer, TypeName = "int", IsValueType = true, Numeric = NumericKind.Int32 }, constraints: new Constraints { Maximum = "100" })));

        Assert.Contains("__request.BodyString(\"subject\", subject, required: true, maxLength: 998);", text);
        Assert.Contains("__request.BodyString(\"title\", title, required: true, minLength: 2, maxLength: 10);", text);
        Assert.Contains("__request.BodyString(\"note\", note, required: true);", text);
        Assert.Contains("__request.BodyStringArray(\"tags\", tags, required: true, minItems: 1);", text);
        Assert.Contains("__request.CheckRange(\"count\", count, maximum: 100);", text);
        Assert.DoesNotContain("-1", text);
    }

    [Fact]
    public void The_tool_method_builds_the_route_query_and_body_from_the_spec()
    {
        var method = Send(Body("priority", Priority)) with
        {
            HttpMethod = "POST",
            Path = new[] { PathSegment.Text("/v1/mailboxes/"), PathSegment.Value("mailbox_id", "mailboxId", isMailbox: true), PathSegment.Text("/notes/"), PathSegment.Value("note_id", "noteId") }.ToEquatableArray(),
            Parameters = new[]
            {
                new ParameterSpec { Name = "mailboxId", WireName = "mailbox_id", TypeDisplay = "string?", Role = ParameterRole.Mailbox, Shape = Text with { IsNullable = true } },
                new ParameterSpec { Name = "noteId", WireName = "note_id", TypeDisplay = "string", Role = ParameterRole.Path, Shape = Text, Required = true },
                Body("priority", Priority),
                new ParameterSpec { Name = "key", WireName = "idempotency_key", TypeDisplay = "string?", Role = ParameterRole.IdempotencyKey, Shape = Text with { IsNullable = true } },
                new ParameterSpec { Name = "cancellationToken", WireName = "cancellationToken", TypeDisplay = "global::System.Threading.CancellationToken", Role = ParameterRole.CancellationToken },
            }.ToEquatableArray(),
        };
        var text = Emit(Type(InstanceClient), null, method);

        Assert.Contains("private static readonly global::MultiMail.Internal.MultiMailOperation __MultiMailOperation_send_note = new(\"send_note\", \"POST\", global::MultiMail.MultiMailToolEffect.SendsEmail, \"/v1/mailboxes/{mailbox_id}/notes/{note_id}\");", text);
        Assert.Contains("private global::MultiMail.Internal.MultiMailRequest __MultiMailBuild_send_note(string? mailboxId, string noteId, global::Demo.Priority priority, string? key)", text);
        Assert.Contains("var __request = new global::MultiMail.Internal.MultiMailRequest(this._client, __MultiMailOperation_send_note);", text);
        Assert.Contains("__request.AppendMailboxId(\"mailbox_id\", mailboxId);", text);
        Assert.Contains("__request.AppendPathValue(\"note_id\", noteId);", text);
        Assert.Contains("__body.WriteStringValue(__MultiMailEnumWire_Priority_", text);
        Assert.Contains("__request.SetIdempotencyKey(key);", text);
        Assert.Contains("return __MultiMailBuild_send_note(mailboxId, noteId, priority, key).ExecuteForModelAsync(cancellationToken);", text);
        Assert.Contains("catch (global::System.Exception __exception) when (!(__exception is global::System.OperationCanceledException))", text);
        Assert.Contains("__request.Fail(__exception);", text);
    }

    [Fact]
    public void Real_enums_get_a_wire_switch_without_aliases_and_a_reader_with_them()
    {
        var text = Emit(Type(InstanceClient), null, Send(Body("priority", Priority)));

        Assert.Contains("case global::Demo.Priority.High: return \"URGENT\";", text);
        Assert.DoesNotContain("case global::Demo.Priority.Critical: return \"critical\";", text);
        Assert.Contains("case \"critical\": return global::Demo.Priority.Critical;", text);
        Assert.Contains("private static readonly string[] __MultiMailPriorityValues = { \"low\", \"URGENT\", \"critical\" };", text);
    }

    [Fact]
    public void An_instance_type_implements_the_tool_set_and_dispatches_without_passing_an_unused_client()
    {
        var text = Emit(Type(InstanceClient), null, Send(Body("subject", Text)));

        Assert.Contains("partial class NoteTools : global::MultiMail.IMultiMailToolSet", text);
        Assert.Contains("public global::System.Threading.Tasks.ValueTask<string> InvokeAsync(string toolName, string argumentsJson, global::System.Threading.CancellationToken cancellationToken = default)", text);
        Assert.Contains("global::MultiMail.Internal.ToolResults.TextOf(__MultiMailDispatch(toolName, new global::MultiMail.Internal.ToolInput(argumentsJson), cancellationToken));", text);
        Assert.Contains("public global::System.Threading.Tasks.ValueTask<global::MultiMail.MultiMailToolResult> InvokeForResultAsync(string toolName, string argumentsJson, global::System.Threading.CancellationToken cancellationToken = default) =>", text);
        Assert.Contains("public global::System.Threading.Tasks.ValueTask<global::MultiMail.MultiMailToolResult> InvokeForResultAsync(string toolName, global::System.Collections.Generic.IReadOnlyDictionary<string, object?>? arguments, global::System.Threading.CancellationToken cancellationToken = default) =>", text);
        Assert.Contains("return __MultiMailInvoke_send_note(__input, cancellationToken);", text);
        Assert.Contains("private global::System.Threading.Tasks.ValueTask<global::MultiMail.MultiMailToolResult> __MultiMailInvoke_send_note(global::MultiMail.Internal.ToolInput __input, global::System.Threading.CancellationToken __cancellationToken)", text);
        Assert.Contains("return new(this.__MultiMailBuild_send_note(subject).ExecuteForResultAsync(__cancellationToken));", text);
        Assert.DoesNotContain("__mm_", text);
        Assert.DoesNotContain("__self", text);
    }

    [Fact]
    public void Taken_member_names_are_implemented_explicitly()
    {
        var text = Emit(Type(InstanceClient, taken: TakenNames.Tools | TakenNames.InvokeAsync), null, Send(Body("subject", Text)));

        Assert.Contains("global::System.Collections.Generic.IReadOnlyList<global::MultiMail.MultiMailToolDescriptor> global::MultiMail.IMultiMailToolSet.Tools => __MultiMailToolDescriptors;", text);
        Assert.Contains("global::System.Threading.Tasks.ValueTask<string> global::MultiMail.IMultiMailToolSet.InvokeAsync(string toolName, string argumentsJson, global::System.Threading.CancellationToken cancellationToken)", text);
        Assert.Contains("global::System.Threading.Tasks.ValueTask<global::MultiMail.MultiMailToolResult> global::MultiMail.IMultiMailToolSet.InvokeForResultAsync(string toolName, string argumentsJson, global::System.Threading.CancellationToken cancellationToken)", text);
    }

    [Fact]
    public void A_type_without_a_client_member_creates_a_runtime_tool_set_over_its_dispatcher()
    {
        var clientParameter = new ParameterSpec { Name = "client", WireName = "client", TypeDisplay = "global::MultiMail.MultiMailClient", Role = ParameterRole.Client };
        var text = Emit(Type(client: null, isStatic: true), null, Send(Body("subject", Text)) with { IsStatic = true, Modifiers = "public static", Parameters = new[] { clientParameter, Body("subject", Text) }.ToEquatableArray() });

        Assert.DoesNotContain(": global::MultiMail.IMultiMailToolSet", text);
        Assert.Contains("new global::MultiMail.Internal.GeneratedToolSet(client, __MultiMailToolDescriptors, __MultiMailDispatch);", text);
        Assert.Contains("private static global::System.Threading.Tasks.ValueTask<global::MultiMail.MultiMailToolResult> __MultiMailDispatch(global::MultiMail.MultiMailClient __client, string toolName, global::MultiMail.Internal.ToolInput __input, global::System.Threading.CancellationToken cancellationToken)", text);
        Assert.Contains("return __MultiMailInvoke_send_note(__client, __input, cancellationToken);", text);
        Assert.Contains("return new(global::Demo.NoteTools.__MultiMailBuild_send_note(__client!, subject).ExecuteForResultAsync(__cancellationToken));", text);
        Assert.DoesNotContain("class __MultiMailToolSet", text);
    }

    [Fact]
    public void Adapters_delegate_to_the_shared_function_type_and_are_skipped_when_their_names_are_taken()
    {
        var facts = new GenerationFacts { HasExtensionsAI = true, HasApprovalRequiredFunction = true, HasModelContextProtocol = true, AdapterNamespace = "MultiMail.Generated.Demo" };

        var text = Emit(Type(InstanceClient), facts, Send(Body("subject", Text)));
        Assert.Contains("AsAITools(bool strict = false, bool requireApprovalForSends = false) =>", text);
        Assert.Contains("global::MultiMail.Generated.Demo.MultiMailAIFunction.CreateAll(this, strict, requireApprovalForSends, ref __MultiMailAIFunctions);", text);
        Assert.Contains("private global::Microsoft.Extensions.AI.AIFunction?[]? __MultiMailAIFunctions;", text);
        Assert.Contains("public global::Microsoft.Extensions.AI.AIFunction SendAIFunction => global::MultiMail.Generated.Demo.MultiMailAIFunction.Get(this, ref __MultiMailAIFunctions, 0);", text);
        Assert.Contains("global::MultiMail.Generated.Demo.MultiMailAIFunction.CreateMcpServerTools(this);", text);
        Assert.DoesNotContain("class __MultiMailAIFunction", text);

        var taken = Emit(Type(InstanceClient, taken: TakenNames.Adapters), facts, Send(Body("subject", Text)));
        Assert.DoesNotContain("AsAITools", taken);
        Assert.DoesNotContain("AsMcpServerTools", taken);
    }

    [Fact]
    public void The_shared_function_type_follows_the_facts()
    {
        var all = AdapterEmitter.Emit(new GenerationFacts { HasExtensionsAI = true, HasApprovalRequiredFunction = true, HasModelContextProtocol = true, AdapterNamespace = "MultiMail.Generated.App" }, "1.0.0");
        var plain = AdapterEmitter.Emit(new GenerationFacts { HasExtensionsAI = true, AdapterNamespace = "MultiMail.Generated.App" }, "1.0.0");

        Assert.Contains("namespace MultiMail.Generated.App", all);
        Assert.Contains("ApprovalRequiredAIFunction", all);
        Assert.Contains("CreateMcpServerTools", all);
        Assert.DoesNotContain("ApprovalRequiredAIFunction", plain);
        Assert.DoesNotContain("McpServerTool", plain);
        Assert.Contains("CreateAll(global::MultiMail.IMultiMailToolSet toolSet, bool strict)", plain);
        Assert.Empty(CSharpSyntaxTree.ParseText(all).GetDiagnostics());
        Assert.Empty(CSharpSyntaxTree.ParseText(plain).GetDiagnostics());
    }

    [Fact]
    public void Invoke_reads_each_argument_into_a_local_named_after_the_parameter()
    {
        var bound = new ParameterSpec { Name = "mailboxId", WireName = "mailbox_id", TypeDisplay = "string?", Role = ParameterRole.Mailbox, Shape = Text with { IsNullable = true }, IsBound = true, BoundMember = new MemberReference("Mailbox", IsStatic: false) };
        var limit = new ParameterSpec { Name = "limit", WireName = "limit", TypeDisplay = "int", Role = ParameterRole.Query, Shape = new TypeShape { Kind = ShapeKind.Integer, TypeName = "int", IsValueType = true, Numeric = NumericKind.Int32 }, DefaultLiteral = "10" };
        var text = Emit(Type(InstanceClient), null, Send(Body("subject", Text), limit, bound));

        Assert.Contains("string subject = __arguments.String(\"subject\", required: true, expected: \"a string\") ?? default!;", text);
        Assert.Contains("int limit = (int)__arguments.Int64(\"limit\", required: false, expected: \"a whole number\", fallback: 10, minimum: int.MinValue, maximum: int.MaxValue);", text);
        Assert.DoesNotContain("__json;", text);   // nothing needs the full form
        Assert.Contains("return new(this.__MultiMailBuild_send_note(subject, limit, this.Mailbox).ExecuteForResultAsync(__cancellationToken));", text);
        Assert.Contains("__MultiMailSendNoteParameters = { \"subject\", \"limit\" };", text);
    }

    [Fact]
    public void A_tool_without_a_token_still_gets_the_dispatchers_token()
    {
        var token = new ParameterSpec { Name = "cancellationToken", WireName = "cancellation_token", TypeDisplay = "global::System.Threading.CancellationToken", Role = ParameterRole.CancellationToken };

        // A text tool: InvokeAsync sends the built request itself, with its token; the declared method passes none.
        var text = Emit(Type(InstanceClient), null, Send(Body("subject", Text)));
        Assert.Contains("return new(this.__MultiMailBuild_send_note(subject).ExecuteForResultAsync(__cancellationToken));", text);
        Assert.Contains("return __MultiMailBuild_send_note(subject).ExecuteForModelAsync(default);", text);
        Assert.DoesNotContain("__MultiMailCall_", text);

        // A typed tool: its body is a private method that takes a token, which InvokeAsync passes.
        var result = new TypeShape { Kind = ShapeKind.Integer, TypeName = "int", IsValueType = true, Numeric = NumericKind.Int32 };
        var typed = Send(Body("subject", Text)) with { Return = new ReturnSpec { Kind = ReturnKind.TaskOfT, TypeDisplay = "global::System.Threading.Tasks.Task<int>", Result = result } };
        var without = Emit(Type(InstanceClient), null, typed);
        Assert.Contains("public partial global::System.Threading.Tasks.Task<int> Send(string subject)\n            => __MultiMailCall_send_note(subject, default);", without);
        Assert.Contains("private global::System.Threading.Tasks.Task<int> __MultiMailCall_send_note(string subject, global::System.Threading.CancellationToken __cancellationToken)", without);
        Assert.Contains("}, __cancellationToken);", without);
        Assert.Contains("var __result = await this.__MultiMailCall_send_note(subject, __cancellationToken).ConfigureAwait(false);", without);

        var with = Emit(Type(InstanceClient), null, typed with { Parameters = new[] { Body("subject", Text), token }.ToEquatableArray() });
        Assert.DoesNotContain("__MultiMailCall_", with);
        Assert.Contains("}, cancellationToken);", with);
        Assert.Contains("var __result = await this.Send(subject, __cancellationToken).ConfigureAwait(false);", with);
    }

    [Fact]
    public void Generated_names_give_way_to_a_users_names()
    {
        var request = Body("__request", Text) with { WireName = "a" };
        var token = Body("__cancellationToken", Text) with { WireName = "b" };
        var arguments = Body("__arguments", Text) with { WireName = "c" };
        var pattern = Body("__MultiMailDPattern", Text, constraints: new Constraints { Pattern = "^x$" }) with { WireName = "d" };
        var input = Body("__input", Text) with { WireName = "e" };
        var operation = Body("__MultiMailOperation_send_note", Text) with { WireName = "f" };
        var text = Emit(Type(InstanceClient), null, Send(request, token, arguments, pattern, input, operation));

        Assert.Contains("var __request_2 = new global::MultiMail.Internal.MultiMailRequest(", text);
        Assert.Contains("__request_2.BodyString(\"d\", __MultiMailDPattern, required: true, pattern: global::Demo.NoteTools.__MultiMailDPattern);", text);
        Assert.Contains("(global::MultiMail.Internal.ToolInput __input_2, global::System.Threading.CancellationToken __cancellationToken_2)", text);
        Assert.Contains("using var __arguments_2 = __input_2.Open(", text);
        Assert.Contains("string __arguments = __arguments_2.String(\"c\", required: true", text);
        Assert.Contains("string __input = __arguments_2.String(\"e\", required: true", text);
        Assert.Contains(".ExecuteForResultAsync(__cancellationToken_2));", text);
        Assert.Contains("new global::MultiMail.Internal.MultiMailRequest(this._client, global::Demo.NoteTools.__MultiMailOperation_send_note)", text);
        Assert.Contains("__arguments_2.Reject(this._client, global::Demo.NoteTools.__MultiMailOperation_send_note)", text);
    }

    [Fact]
    public void A_typed_result_passes_the_client_for_key_redaction_and_serializes_the_value()
    {
        var result = new TypeShape { Kind = ShapeKind.Integer, TypeName = "int", IsValueType = true, Numeric = NumericKind.Int32 };
        var method = Send(Body("subject", Text)) with { Return = new ReturnSpec { Kind = ReturnKind.TaskOfT, TypeDisplay = "global::System.Threading.Tasks.Task<int>", Result = result } };
        var text = Emit(Type(InstanceClient), null, method);

        Assert.Contains("return __MultiMailBuild_send_note(subject).ExecuteAsync<int>(static __json =>", text);
        Assert.Contains("return global::MultiMail.Internal.ToolResults.FromException(\"send_note\", __exception, this._client?.Options.ApiKey);", text);
        Assert.Contains("return global::MultiMail.Internal.ToolResults.Success(global::MultiMail.Internal.ToolText.Serialize(__result,", text);
        Assert.DoesNotContain("__request.Fail(", text);
        Assert.Contains("__writer.WriteNumberValue(__value);", text);
    }

    [Fact]
    public void A_tool_that_returns_mail_marks_its_request_and_fences_its_typed_result_for_the_model()
    {
        var read = Send() with { ToolName = "read_note", HttpMethod = "GET", Effect = MultiMailToolEffectValue.Reads, ReturnsMail = true };
        var text = Emit(Type(InstanceClient), null, read);
        Assert.Contains("var __request = new global::MultiMail.Internal.MultiMailRequest(this._client, __MultiMailOperation_read_note) { ReturnsMail = true };", text);

        var result = new TypeShape { Kind = ShapeKind.Integer, TypeName = "int", IsValueType = true, Numeric = NumericKind.Int32 };
        var typed = read with { Return = new ReturnSpec { Kind = ReturnKind.TaskOfT, TypeDisplay = "global::System.Threading.Tasks.Task<int>", Result = result } };
        text = Emit(Type(InstanceClient), null, typed);
        Assert.Contains("var __request = new global::MultiMail.Internal.MultiMailRequest(this._client, __MultiMailOperation_read_note);", text);
        Assert.Contains("var __text = global::MultiMail.Internal.ToolText.Serialize(__result, static (__writer, __value) =>", text);
        Assert.Contains("return global::MultiMail.Internal.ToolResults.Success(global::MultiMail.Internal.UntrustedMailText.ForModel(__text, this._client?.Options));", text);

        // Without mail, neither.
        text = Emit(Type(InstanceClient), null, typed with { ReturnsMail = false });
        Assert.DoesNotContain("ReturnsMail", text);
        Assert.DoesNotContain("UntrustedMailText", text);
    }

    [Fact]
    public void Object_readers_use_the_constructor_the_initializer_and_setters_by_name()
    {
        PropertySpec Property(string name, PropertyAssignment assignment, int? index = null) => new()
        {
            Name = name, WireName = Naming.ToSnakeCase(name), Shape = Text, Required = assignment == PropertyAssignment.Constructor, Assignment = assignment, ConstructorIndex = index,
        };
        var note = new TypeShape
        {
            Kind = ShapeKind.Object,
            TypeName = "global::Demo.Note",
            Object = new ObjectSpec
            {
                Id = "Note_1",
                Properties = new[] { Property("Title", PropertyAssignment.Constructor, 0), Property("Body", PropertyAssignment.Init), Property("Notes", PropertyAssignment.Set) }.ToEquatableArray(),
                ConstructorParameterCount = 1,
            },
        };
        var text = Emit(Type(InstanceClient), null, Send(Body("note", note)));

        Assert.Contains("private static global::Demo.Note __MultiMailRead_Note_1(global::MultiMail.Internal.ToolArguments __arguments, global::System.Text.Json.JsonElement __json, string __path)", text);
        Assert.Contains("var __hasNotes = __arguments.TryGetProperty(__json, __path, \"notes\", required: false, expected: \"a string\", out __property);", text);
        Assert.Contains("var __result = new global::Demo.Note(Title) { Body = Body };", text);
        Assert.Contains("__result.Notes = Notes;", text);
        Assert.Contains("private static void __MultiMailWrite_Note_1(global::MultiMail.Internal.MultiMailRequest? __request, global::System.Text.Json.Utf8JsonWriter __writer, global::Demo.Note __value, string __path)", text);
        Assert.Contains("__request?.Missing(__path + \".title\");", text);
    }

    [Fact]
    public async Task A_file_emitted_from_hand_built_specs_compiles_warning_free()
    {
        const string user = """
            using System.Threading;
            using System.Threading.Tasks;
            using MultiMail;

            namespace Demo;

            public enum Priority { Low, High, Critical = High }

            public partial class NoteTools
            {
                private readonly MultiMailClient _client;
                public NoteTools(MultiMailClient client) => _client = client;
                public string? Mailbox { get; set; }
                public partial Task<string> Send(string subject, Priority priority, string[] tags, int limit, string? mailboxId, CancellationToken cancellationToken);
            }
            """;
        var method = Send(
            Body("subject", Text, constraints: new Constraints { MaxLength = 998, Pattern = "^[^\\r\\n]*$" }),
            Body("priority", Priority),
            Body("tags", new TypeShape { Kind = ShapeKind.Array, TypeName = "string[]", Element = Text }, constraints: new Constraints { MinItems = 1, MaxItems = 5 }),
            new ParameterSpec { Name = "limit", WireName = "limit", TypeDisplay = "int", Role = ParameterRole.Body, Shape = new TypeShape { Kind = ShapeKind.Integer, TypeName = "int", IsValueType = true, Numeric = NumericKind.Int32 }, Constraints = new Constraints { Minimum = "1", Maximum = "100" }, DefaultLiteral = "10" },
            new ParameterSpec { Name = "mailboxId", WireName = "mailbox_id", TypeDisplay = "string?", Role = ParameterRole.Body, Shape = Text with { IsNullable = true }, IsBound = true, BoundMember = new MemberReference("Mailbox", false) },
            new ParameterSpec { Name = "cancellationToken", WireName = "cancellationToken", TypeDisplay = "global::System.Threading.CancellationToken", Role = ParameterRole.CancellationToken });
        var emitted = ToolEmitter.Emit(new ToolTypeModel(Type(InstanceClient), new[] { method }.ToEquatableArray()), GenerationFacts.None, "1.0.0");

        var compilation = (await TestCompiler.CreateAsync(new[] { user })).AddSyntaxTrees(CSharpSyntaxTree.ParseText(emitted, TestCompiler.ParseOptions(), path: "Emitted.g.cs"));
        var problems = compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems) + Environment.NewLine + emitted);
    }
}
