using System.Threading.Tasks;
using MultiMail.CodeFixes;
using Verifier = MultiMail.Generators.Tests.CodeFixes.CodeFixVerifier<MultiMail.Generators.Analysis.ToolDeclarationAnalyzer, MultiMail.CodeFixes.RenameToolCodeFixProvider>;

namespace MultiMail.Generators.Tests.CodeFixes;

public sealed class MMG0011CodeFixTests
{
    private const string Key = RenameToolCodeFixProvider.EquivalenceKey;

    [Fact]
    public Task Replaces_the_Name_argument() => Verifier.VerifyAsync("""
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            /// <summary>Item.</summary>
            [{|MMG0011:MultiMailTool("GET", "/v1/items", Name = "get item!")|}] public partial Task<string> GetItems();
        }
        """, """
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            /// <summary>Item.</summary>
            [MultiMailTool("GET", "/v1/items", Name = "get_item")] public partial Task<string> GetItems();
        }
        """, Key);

    [Fact]
    public Task Fix_all_handles_verbatim_strings_constants_and_comments() => Verifier.VerifyAsync("""
        public static class Names { public const string Bad = "Send Mail"; }
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            /// <summary>A.</summary>
            [{|MMG0011:MultiMailTool("GET", "/v1/a", Name = @"a.b.c")|}] public partial Task<string> A();
            /// <summary>B.</summary>
            [{|MMG0011:MultiMailTool("GET", "/v1/b", Name = /* why */ Names.Bad /* not */)|}] public partial Task<string> B();
            /// <summary>C.</summary>
            [{|MMG0011:MultiMailTool("GET", "/v1/c", Name = "")|}] public partial Task<string> C();
        }
        """, """
        public static class Names { public const string Bad = "Send Mail"; }
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            /// <summary>A.</summary>
            [MultiMailTool("GET", "/v1/a", Name = "a_b_c")] public partial Task<string> A();
            /// <summary>B.</summary>
            [MultiMailTool("GET", "/v1/b", Name = /* why */ "send_mail" /* not */)] public partial Task<string> B();
            /// <summary>C.</summary>
            [MultiMailTool("GET", "/v1/c", Name = "tool")] public partial Task<string> C();
        }
        """, Key);

    [Fact]
    public Task Valid_names_get_no_fix() => Verifier.VerifyAsync("""
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            /// <summary>A.</summary>
            [MultiMailTool("GET", "/v1/a", Name = "Get-Item_2")] public partial Task<string> A();
            /// <summary>B.</summary>
            [MultiMailTool("GET", "/v1/b", Name = null)] public partial Task<string> B();
        }
        """, """
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            /// <summary>A.</summary>
            [MultiMailTool("GET", "/v1/a", Name = "Get-Item_2")] public partial Task<string> A();
            /// <summary>B.</summary>
            [MultiMailTool("GET", "/v1/b", Name = null)] public partial Task<string> B();
        }
        """, Key);

    [Fact]
    public Task Adds_a_Name_when_the_method_name_makes_an_invalid_tool_name() => Verifier.VerifyAsync("""
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            /// <summary>Check.</summary>
            [{|MMG0011:MultiMailTool("GET", "/v1/check")|}] public partial Task<string> PrüfeEingang();
            /// <summary>Other.</summary>
            [{|MMG0007:{|MMG0011:MultiMailTool|}|}]
            public partial Task<string> Ärger();
        }
        """, """
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            /// <summary>Check.</summary>
            [MultiMailTool("GET", "/v1/check", Name = "pr_fe_eingang")] public partial Task<string> PrüfeEingang();
            /// <summary>Other.</summary>
            [{|MMG0007:MultiMailTool(Name = "rger")|}]
            public partial Task<string> Ärger();
        }
        """, Key);
}
