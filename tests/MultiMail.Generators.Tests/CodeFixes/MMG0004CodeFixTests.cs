using System.Threading.Tasks;
using MultiMail.CodeFixes;
using Verifier = MultiMail.Generators.Tests.CodeFixes.CodeFixVerifier<MultiMail.Generators.Analysis.ToolDeclarationAnalyzer, MultiMail.CodeFixes.ReturnTaskCodeFixProvider>;

namespace MultiMail.Generators.Tests.CodeFixes;

public sealed class MMG0004CodeFixTests
{
    private const string Key = ReturnTaskCodeFixProvider.EquivalenceKey;

    [Fact]
    public Task String_and_void_become_tasks() => Verifier.VerifyAsync("""
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            /// <summary>Inbox.</summary>
            [MultiMailTool] public partial string {|MMG0004:CheckInbox|}();
            /// <summary>Delete.</summary>
            [MultiMailTool("DELETE", "/v1/items/{item_id}")]
            public partial /* nothing */ void {|MMG0004:DeleteItem|}(string itemId);
        }
        """, """
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            /// <summary>Inbox.</summary>
            [MultiMailTool] public partial Task<string> CheckInbox();
            /// <summary>Delete.</summary>
            [MultiMailTool("DELETE", "/v1/items/{item_id}")]
            public partial /* nothing */ Task DeleteItem(string itemId);
        }
        """, Key);

    [Fact]
    public Task Partial_void_without_accessibility_gets_private() => Verifier.VerifyAsync("""
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;

            /// <summary>Delete.</summary>
            [MultiMailTool("DELETE", "/v1/items/{item_id}")]
            partial void {|MMG0004:DeleteItem|}(string itemId);
        }
        """, """
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;

            /// <summary>Delete.</summary>
            [MultiMailTool("DELETE", "/v1/items/{item_id}")]
            private partial Task DeleteItem(string itemId);
        }
        """, Key);

    [Fact]
    public Task Awaitable_return_types_get_no_fix() => Verifier.VerifyAsync("""
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            /// <summary>Inbox.</summary>
            [MultiMailTool] public partial Task<object> {|MMG0004:CheckInbox|}();
        }
        """, """
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            /// <summary>Inbox.</summary>
            [MultiMailTool] public partial Task<object> {|MMG0004:CheckInbox|}();
        }
        """, Key);
}
