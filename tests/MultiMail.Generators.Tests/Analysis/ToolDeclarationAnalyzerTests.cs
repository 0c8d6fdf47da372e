using System.Threading.Tasks;
using static MultiMail.Generators.Tests.Analysis.AnalyzerVerifier;

namespace MultiMail.Generators.Tests.Analysis;

/// <summary>One test per authoring rule, plus the valid shapes that must stay silent.</summary>
public sealed class ToolDeclarationAnalyzerTests
{
    private const string Client = "private readonly MultiMailClient _client = null!;\n";

    [Fact]
    public Task Valid_tools_produce_no_diagnostics() => VerifyAsync("""
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;

            /// <summary>Send.</summary>
            [MultiMailTool] public partial Task<string> SendEmail(string[] to, string subject, string markdown, string? mailboxId = null, CancellationToken cancellationToken = default);

            /// <summary>Inbox.</summary>
            [MultiMailTool("GET", "/v1/mailboxes/{mailbox_id}/emails")] public partial Task<string> CheckInbox(string? mailboxId = null, int limit = 20);
        }
        public static partial class StaticTools
        {
            /// <summary>Account.</summary>
            [MultiMailTool] public static partial Task<string> GetAccount(MultiMailClient client);
        }
        """);

    [Fact]
    public Task MMG0001_method_not_partial() => VerifyAsync("""
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            /// <summary>Inbox.</summary>
            [MultiMailTool] public Task<string> {|MMG0001:CheckInbox|}();
        }
        """);

    [Fact]
    public Task MMG0015_method_with_a_body() => VerifyAsync("""
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            /// <summary>Inbox.</summary>
            [MultiMailTool] public Task<string> {|MMG0015:CheckInbox|}() => Task.FromResult("");
        }
        """);

    [Fact]
    public Task MMG0001_containing_type_not_partial() => VerifyAsync("""
        public class {|MMG0001:Outer|}
        {
            public partial class Tools
            {
                private readonly MultiMailClient _client = null!;
                /// <summary>Inbox.</summary>
                [MultiMailTool] public partial Task<string> CheckInbox();
            }
        }
        """);

    [Fact]
    public Task MMG0001_containing_type_is_reported_once_on_its_own_identifier() => VerifyAsync("""
        public class {|MMG0001:Outer|}
        {
            public class {|MMG0001:Tools|}
            {
                private readonly MultiMailClient _client = null!;
                /// <summary>Inbox.</summary>
                [MultiMailTool] public partial Task<string> CheckInbox();
                /// <summary>Mailboxes.</summary>
                [MultiMailTool] public partial Task<string> ListMailboxes();
            }
        }
        public class NoTools
        {
            public interface IMailer
            {
                /// <summary>A.</summary>
                [MultiMailTool("GET", "/v1/a")] Task<string> {|MMG0015:A|}();
            }
        }
        """);

    [Fact]
    public Task MMG0002_no_client_member() => VerifyAsync("""
        public partial class Tools
        {
            /// <summary>Inbox.</summary>
            [MultiMailTool] public partial Task<string> {|MMG0002:CheckInbox|}();
        }
        """);

    [Fact]
    public Task MMG0002_static_method_without_client_parameter() => VerifyAsync("""
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            /// <summary>Inbox.</summary>
            [MultiMailTool] public static partial Task<string> {|MMG0002:CheckInbox|}();
        }
        """);

    [Fact]
    public Task MMG0003_two_client_members() => VerifyAsync("""
        public partial class Tools
        {
            private readonly MultiMailClient _a = null!;
            public MultiMailClient B { get; } = null!;
            /// <summary>Inbox.</summary>
            [MultiMailTool] public partial Task<string> {|MMG0003:CheckInbox|}();
        }
        """);

    [Fact]
    public Task MMG0004_unsupported_return_type() => VerifyAsync("""
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            /// <summary>Inbox.</summary>
            [MultiMailTool] public partial string {|MMG0004:CheckInbox|}();
        }
        """);

    [Fact]
    public Task MMG0005_unsupported_parameter_type() => VerifyAsync("""
        public sealed class Node { public Node? Next { get; set; } }
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            /// <summary>Post.</summary>
            [MultiMailTool("POST", "/v1/x")] public partial Task<string> Post(object {|MMG0005:value|}, Node {|MMG0005:node|});
        }
        """);

    [Fact]
    public Task MMG0006_route_placeholder_without_parameter() => VerifyAsync("""
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            /// <summary>Item.</summary>
            [MultiMailTool("GET", "/v1/items/{item_id}")] public partial Task<string> {|MMG0006:GetItem|}(string id);
        }
        """);

    [Fact]
    public Task MMG0007_unknown_catalog_operation() => VerifyAsync("""
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            /// <summary>Forward.</summary>
            [{|MMG0007:MultiMailTool|}] public partial Task<string> ForwardEmail(string emailId);
        }
        """);

    [Fact]
    public Task MMG0008_required_contract_field_missing() => VerifyAsync("""
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            /// <summary>Send.</summary>
            [MultiMailTool] public partial Task<string> {|MMG0008:SendEmail|}(string[] to, string markdown);
        }
        """);

    [Fact]
    public Task MMG0009_parameter_not_in_the_contract() => VerifyAsync("""
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            /// <summary>Send.</summary>
            [MultiMailTool] public partial Task<string> SendEmail(string[] to, string subject, string {|MMG0009:body|}, string markdown);
        }
        """);

    [Fact]
    public Task MMG0010_parameter_type_mismatch() => VerifyAsync("""
        public enum Mode { Fast, Slow }
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            /// <summary>Send.</summary>
            [MultiMailTool] public partial Task<string> SendEmail(string {|MMG0010:to|}, string subject, string markdown, Mode {|MMG0010:gateTiming|} = Mode.Fast);
            /// <summary>Inbox.</summary>
            [MultiMailTool] public partial Task<string> CheckInbox(string {|MMG0010:limit|});
        }
        """);

    [Fact]
    public Task MMG0011_invalid_tool_name() => VerifyAsync("""
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            /// <summary>Item.</summary>
            [{|MMG0011:MultiMailTool("GET", "/v1/items", Name = "get item!")|}] public partial Task<string> GetItems();
        }
        """);

    [Fact]
    public Task MMG0012_duplicate_tool_name() => VerifyAsync("""
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            /// <summary>Inbox.</summary>
            [MultiMailTool] public partial Task<string> CheckInbox();
            /// <summary>Inbox again.</summary>
            [MultiMailTool(Name = "check_inbox")] public partial Task<string> {|MMG0012:Inbox|}();
        }
        """);

    [Fact]
    public Task MMG0013_tool_without_description() => VerifyAsync("""
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            [MultiMailTool("GET", "/v1/items")] public partial Task<string> {|MMG0013:GetItems|}();
        }
        """);

    [Fact]
    public Task MMG0013_is_silent_for_catalog_tools_with_the_contract_description() => VerifyAsync("""
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            [MultiMailTool] public partial Task<string> ListMailboxes();
        }
        """);

    [Fact]
    public Task MMG0014_invalid_endpoint() => VerifyAsync("""
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            /// <summary>A.</summary>
            [{|MMG0014:MultiMailTool("FETCH", "/v1/items")|}] public partial Task<string> A();
            /// <summary>B.</summary>
            [{|MMG0014:MultiMailTool("GET", "v1/items?x=1")|}] public partial Task<string> B();
            /// <summary>C.</summary>
            [{|MMG0014:MultiMailTool("GET", "/v1/items/x{id}")|}] public partial Task<string> C(string id);
            /// <summary>D.</summary>
            [{|MMG0014:MultiMailTool("GET", "/v1/../admin")|}] public partial Task<string> D();
        }
        """);

    [Fact]
    public Task MMG0015_unsupported_method_shapes() => VerifyAsync("""
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            /// <summary>A.</summary>
            [MultiMailTool("GET", "/v1/a")] public partial Task<string> {|MMG0015:A|}<T>();
            /// <summary>B.</summary>
            [MultiMailTool("GET", "/v1/b")] public partial Task<string> B(ref string {|MMG0015:x|});
        }
        """);

    [Fact]
    public Task MMG0015_interface_and_ref_struct_containers() => VerifyAsync("""
        public partial interface IMailer
        {
            /// <summary>A.</summary>
            [MultiMailTool("GET", "/v1/a")] Task<string> {|MMG0015:A|}();
        }
        public ref partial struct Span
        {
            private readonly MultiMailClient _client;
            /// <summary>B.</summary>
            [MultiMailTool("GET", "/v1/b")] public partial Task<string> {|MMG0015:B|}();
        }
        """);

    [Fact]
    public Task MMG0016_invalid_binding() => VerifyAsync("""
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            private readonly int _number = 1;
            /// <summary>A.</summary>
            [MultiMailTool("GET", "/v1/a")] public partial Task<string> A([MultiMailBound] string {|MMG0016:x|});
            /// <summary>B.</summary>
            [MultiMailTool("GET", "/v1/b")] public partial Task<string> B([MultiMailBound("Missing")] string {|MMG0016:y|});
            /// <summary>C.</summary>
            [MultiMailTool("GET", "/v1/c")] public partial Task<string> C([MultiMailBound(nameof(_number))] string {|MMG0016:z|});
        }
        """);

    [Fact]
    public Task MMG0017_required_contract_field_made_optional() => VerifyAsync("""
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            /// <summary>Send.</summary>
            [MultiMailTool] public partial Task<string> SendEmail(string[] to, string markdown, string? {|MMG0017:subject|} = null);
        }
        """);

    [Fact]
    public Task MMG0018_duplicate_wire_name() => VerifyAsync("""
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            /// <summary>A.</summary>
            [MultiMailTool("POST", "/v1/a")] public partial Task<string> A(string itemId, [MultiMailParameter("item_id")] string {|MMG0018:other|});
        }
        """);
}
