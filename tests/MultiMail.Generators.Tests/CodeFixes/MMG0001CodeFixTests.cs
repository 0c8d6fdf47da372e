using System.Threading.Tasks;
using MultiMail.CodeFixes;
using MultiMail.Generators.Analysis;
using Verifier = MultiMail.Generators.Tests.CodeFixes.CodeFixVerifier<MultiMail.Generators.Analysis.ToolDeclarationAnalyzer, MultiMail.CodeFixes.MakePartialCodeFixProvider>;

namespace MultiMail.Generators.Tests.CodeFixes;

public sealed class MMG0001CodeFixTests
{
    private const string Key = MakePartialCodeFixProvider.EquivalenceKey;

    [Fact]
    public Task Method_gets_partial_after_its_modifiers() => Verifier.VerifyAsync("""
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            /// <summary>Inbox.</summary>
            [MultiMailTool] public Task<string> {|MMG0001:CheckInbox|}();
            /// <summary>Account.</summary>
            [MultiMailTool]
            public static Task<string> {|MMG0001:GetAccount|}(MultiMailClient client);
        }
        """, """
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            /// <summary>Inbox.</summary>
            [MultiMailTool] public partial Task<string> CheckInbox();
            /// <summary>Account.</summary>
            [MultiMailTool]
            public static partial Task<string> GetAccount(MultiMailClient client);
        }
        """, Key);

    [Fact]
    public Task Method_without_modifiers_keeps_its_doc_comment() => Verifier.VerifyAsync("""
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;

            // a comment
            /// <summary>Inbox.</summary>
            [MultiMailTool(Name = "check_inbox")]
            Task<string> {|MMG0001:Inbox|}();
        }
        """, """
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;

            // a comment
            /// <summary>Inbox.</summary>
            [MultiMailTool(Name = "check_inbox")]
            partial Task<string> Inbox();
        }
        """, Key);

    [Fact]
    public Task Nested_types_and_method_all_get_partial() => Verifier.VerifyAsync("""
        namespace Demo;

        /// <summary>Outer.</summary>
        public static class {|MMG0001:Outer|}
        {
            // middle
            internal sealed class {|MMG0001:Middle|}
            {
                class /* keep */ {|MMG0001:Tools|}
                {
                    private readonly MultiMailClient _client = null!;
                    /// <summary>Inbox.</summary>
                    [MultiMailTool] public Task<string> {|MMG0001:CheckInbox|}();
                }
            }
        }
        """, """
        namespace Demo;

        /// <summary>Outer.</summary>
        public static partial class Outer
        {
            // middle
            internal sealed partial class Middle
            {
                partial class /* keep */ Tools
                {
                    private readonly MultiMailClient _client = null!;
                    /// <summary>Inbox.</summary>
                    [MultiMailTool] public partial Task<string> CheckInbox();
                }
            }
        }
        """, Key);

    [Fact]
    public Task Records_and_structs_get_partial_before_the_keyword() => Verifier.VerifyAsync("""
        public sealed record {|MMG0001:Outer|}
        {
            public readonly record struct {|MMG0001:Tools|}
            {
                private static readonly MultiMailClient Client = null!;
                /// <summary>Inbox.</summary>
                [MultiMailTool] public static partial Task<string> CheckInbox();
            }
        }
        """, """
        public sealed partial record Outer
        {
            public readonly partial record struct Tools
            {
                private static readonly MultiMailClient Client = null!;
                /// <summary>Inbox.</summary>
                [MultiMailTool] public static partial Task<string> CheckInbox();
            }
        }
        """, Key);

    [Fact]
    public Task Type_with_several_tools_is_fixed_once() => Verifier.VerifyAsync("""
        [System.Serializable]
        public class {|MMG0001:Tools|}
        {
            private readonly MultiMailClient _client = null!;
            /// <summary>Inbox.</summary>
            [MultiMailTool] public partial Task<string> CheckInbox();
            /// <summary>Mailboxes.</summary>
            [MultiMailTool] public partial Task<string> ListMailboxes();
        }
        """, """
        [System.Serializable]
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            /// <summary>Inbox.</summary>
            [MultiMailTool] public partial Task<string> CheckInbox();
            /// <summary>Mailboxes.</summary>
            [MultiMailTool] public partial Task<string> ListMailboxes();
        }
        """, Key);

    [Fact]
    public Task Method_with_a_body_is_MMG0015_and_gets_no_partial_fix() => Verifier.VerifyAsync("""
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            /// <summary>Inbox.</summary>
            [MultiMailTool] public Task<string> {|MMG0015:CheckInbox|}() => Task.FromResult("");
        }
        """, """
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            /// <summary>Inbox.</summary>
            [MultiMailTool] public Task<string> {|MMG0015:CheckInbox|}() => Task.FromResult("");
        }
        """, Key);
}
