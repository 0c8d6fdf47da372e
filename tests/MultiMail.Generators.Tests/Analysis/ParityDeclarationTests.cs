using System.Threading.Tasks;
using static MultiMail.Generators.Tests.Analysis.AnalyzerVerifier;

namespace MultiMail.Generators.Tests.Analysis;

/// <summary>The authoring rules applied to issue 15's catalog operations (runtime operations, aliases, a required mailbox).</summary>
public sealed class ParityDeclarationTests
{
    [Fact]
    public Task The_vendor_s_tools_declared_with_its_argument_names_are_valid() => VerifyAsync("""
        public sealed class Filter
        {
            public string? Sender { get; init; }
            public string? SubjectContains { get; init; }
        }
        public enum Action { Request, Apply }
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            [MultiMailTool] public partial Task<string> WaitForEmail(int? timeoutSeconds = null, Filter? filter = null, string? mailboxId = null);
            [MultiMailTool] public partial Task<string> ManageUpgrade(Action action, string? targetMode = null, string? code = null, string? mailboxId = null);
            [MultiMailTool] public partial Task<string> DownloadAttachment(string emailId, string filename, string? mailboxId = null);
            [MultiMailTool] public partial Task<string> DeleteMailbox(string mailboxId);
            [MultiMailTool] public partial Task<string> SearchContacts(string? query = null);
            [MultiMailTool] public partial Task<string> CreateMailbox(string addressLocalPart, string? approvalCode = null);
            [MultiMailTool] public partial Task<string> CreateApiKey(string name, string[]? scopes = null);
            [MultiMailTool(Name = "check_suppression")] public partial Task<string> ListSuppression(int? limit = null);
        }
        """);

    [Fact]
    public Task Delete_mailbox_needs_a_mailbox_id_parameter() => VerifyAsync("""
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            [MultiMailTool] public partial Task<string> {|MMG0008:DeleteMailbox|}();
        }
        """);

    [Fact]
    public Task An_alias_and_its_field_cannot_both_be_parameters() => VerifyAsync("""
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            [MultiMailTool] public partial Task<string> SearchContacts(string? q = null, string? {|MMG0018:query|} = null);
        }
        """);

    [Fact]
    public Task The_filter_must_be_an_object_of_the_inbox_s_filters() => VerifyAsync("""
        public sealed class Filter
        {
            public string? Sender { get; init; }
            public string? From { get; init; }
        }
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            [MultiMailTool] public partial Task<string> WaitForEmail(Filter? {|MMG0010:filter|} = null);
        }
        public partial class MoreTools
        {
            private readonly MultiMailClient _client = null!;
            [MultiMailTool] public partial Task<string> WaitForEmail(string? {|MMG0010:filter|} = null, string? {|MMG0009:sender|} = null);
        }
        """);

    [Fact]
    public Task A_missing_action_is_a_missing_required_field() => VerifyAsync("""
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            [MultiMailTool] public partial Task<string> {|MMG0008:ManageSpamStatus|}(string emailId);
        }
        """);
}
