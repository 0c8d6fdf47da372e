using System.Threading.Tasks;
using MultiMail.CodeFixes;
using Verifier = MultiMail.Generators.Tests.CodeFixes.CodeFixVerifier<MultiMail.Generators.Analysis.ToolDeclarationAnalyzer, MultiMail.CodeFixes.MakeRequiredCodeFixProvider>;

namespace MultiMail.Generators.Tests.CodeFixes;

public sealed class MMG0017CodeFixTests
{
    private const string Key = MakeRequiredCodeFixProvider.EquivalenceKey;

    [Fact]
    public Task Removes_the_default_and_the_question_mark() => Verifier.VerifyAsync("""
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            /// <summary>Send.</summary>
            [MultiMailTool] public partial Task<string> SendEmail(string[] to, string markdown, string? {|MMG0017:subject|} = null);
        }
        """, """
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            /// <summary>Send.</summary>
            [MultiMailTool] public partial Task<string> SendEmail(string[] to, string markdown, string subject);
        }
        """, Key);

    [Fact]
    public Task Nullable_without_default_stays_in_place() => Verifier.VerifyAsync("""
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            /// <summary>Send.</summary>
            [MultiMailTool] public partial Task<string> SendEmail(string[] to, /* the line */ string? {|MMG0017:subject|}, string markdown, string[]? cc = null);
        }
        """, """
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            /// <summary>Send.</summary>
            [MultiMailTool] public partial Task<string> SendEmail(string[] to, /* the line */ string subject, string markdown, string[]? cc = null);
        }
        """, Key);

    [Fact]
    public Task Moves_before_the_optional_parameters_and_fixes_all() => Verifier.VerifyAsync("""
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            /// <summary>Send.</summary>
            [MultiMailTool]
            public partial Task<string> SendEmail(
                string[]? {|MMG0017:to|},
                string[]? cc = null,
                string {|MMG0017:subject|} = "(no subject)",
                string? {|MMG0017:markdown|} = null,
                CancellationToken cancellationToken = default);
        }
        """, """
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            /// <summary>Send.</summary>
            [MultiMailTool]
            public partial Task<string> SendEmail(
                string[] to,
                string subject,
                string markdown,
                string[]? cc = null,
                CancellationToken cancellationToken = default);
        }
        """, Key);

    [Fact]
    public Task Fix_all_covers_several_methods() => Verifier.VerifyAsync("""
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            /// <summary>Send.</summary>
            [MultiMailTool] public partial Task<string> SendEmail(string[] to, string markdown, string? {|MMG0017:subject|} = null);
            /// <summary>Reply.</summary>
            [MultiMailTool] public partial Task<string> ReplyEmail(string emailId, string? {|MMG0017:markdown|} = null, string[]? cc = null);
        }
        """, """
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            /// <summary>Send.</summary>
            [MultiMailTool] public partial Task<string> SendEmail(string[] to, string markdown, string subject);
            /// <summary>Reply.</summary>
            [MultiMailTool] public partial Task<string> ReplyEmail(string emailId, string markdown, string[]? cc = null);
        }
        """, Key);

    [Fact]
    public Task A_params_parameter_gets_no_fix() => Verifier.VerifyAsync("""
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            /// <summary>Send.</summary>
            [MultiMailTool] public partial Task<string> SendEmail(string subject, string markdown, params string[] {|MMG0017:to|});
        }
        """, """
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            /// <summary>Send.</summary>
            [MultiMailTool] public partial Task<string> SendEmail(string subject, string markdown, params string[] {|MMG0017:to|});
        }
        """, Key);
}
