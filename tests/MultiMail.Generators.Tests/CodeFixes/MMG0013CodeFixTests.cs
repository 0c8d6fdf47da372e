using System.Threading.Tasks;
using MultiMail.CodeFixes;
using Verifier = MultiMail.Generators.Tests.CodeFixes.CodeFixVerifier<MultiMail.Generators.Analysis.ToolDeclarationAnalyzer, MultiMail.CodeFixes.AddSummaryCodeFixProvider>;

namespace MultiMail.Generators.Tests.CodeFixes;

public sealed class MMG0013CodeFixTests
{
    private const string Key = AddSummaryCodeFixProvider.EquivalenceKey;

    [Fact]
    public Task Adds_a_summary_and_the_model_facing_parameters() => Verifier.VerifyAsync("""
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;

            [MultiMailTool("GET", "/v1/items")] public partial Task<string> {|MMG0013:GetItemsAsync|}(int limit, string? cursor = null, CancellationToken cancellationToken = default);
        }
        """, """
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;

            // TODO: describe what 'get_items' does and when the model should call it.
            /// <summary>Get items.</summary>
            /// <param name="limit"></param>
            /// <param name="cursor"></param>
            [MultiMailTool("GET", "/v1/items")] public partial Task<string> GetItemsAsync(int limit, string? cursor = null, CancellationToken cancellationToken = default);
        }
        """, Key);

    [Fact]
    public Task Fix_all_skips_the_client_and_bound_parameters() => Verifier.VerifyAsync("""
        public static partial class Tools
        {
            [MultiMailTool("GET", "/v1/items")]
            public static partial Task<string> {|MMG0013:ListItems|}(MultiMailClient client, [MultiMailBound] string? mailboxId = null);

            [MultiMailTool("DELETE", "/v1/items/{item_id}", Name = "drop-item")]
            public static partial Task {|MMG0013:Remove|}(MultiMailClient client, string itemId, CancellationToken cancellationToken);
        }
        """, """
        public static partial class Tools
        {
            // TODO: describe what 'list_items' does and when the model should call it.
            /// <summary>List items.</summary>
            [MultiMailTool("GET", "/v1/items")]
            public static partial Task<string> ListItems(MultiMailClient client, [MultiMailBound] string? mailboxId = null);

            // TODO: describe what 'drop-item' does and when the model should call it.
            /// <summary>Drop item.</summary>
            /// <param name="itemId"></param>
            [MultiMailTool("DELETE", "/v1/items/{item_id}", Name = "drop-item")]
            public static partial Task Remove(MultiMailClient client, string itemId, CancellationToken cancellationToken);
        }
        """, Key);

    [Fact]
    public Task Keeps_comments_attributes_and_the_nested_indentation() => Verifier.VerifyAsync("""
        public static partial class Outer
        {
            public partial class Tools
            {
                private readonly MultiMailClient _client = null!;

                // Keep me.
                /* and me */
                [MultiMailTool("POST", "/v1/queue/{queue_id}/items")]
                [System.Obsolete]
                public partial Task<string> {|MMG0013:Enqueue|}(string queueId, string body);
            }
        }
        """, """
        public static partial class Outer
        {
            public partial class Tools
            {
                private readonly MultiMailClient _client = null!;

                // Keep me.
                /* and me */
                // TODO: describe what 'enqueue' does and when the model should call it.
                /// <summary>Enqueue.</summary>
                /// <param name="queueId"></param>
                /// <param name="body"></param>
                [MultiMailTool("POST", "/v1/queue/{queue_id}/items")]
                [System.Obsolete]
                public partial Task<string> Enqueue(string queueId, string body);
            }
        }
        """, Key);

    [Fact]
    public Task Existing_param_docs_are_not_repeated() => Verifier.VerifyAsync("""
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            /// <param name="body">The text.</param>
            [MultiMailTool("POST", "/v1/notes")] public partial Task<string> {|MMG0013:AddNote|}(string title, string body);
        }
        """, """
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            /// <param name="body">The text.</param>
            // TODO: describe what 'add_note' does and when the model should call it.
            /// <summary>Add note.</summary>
            /// <param name="title"></param>
            [MultiMailTool("POST", "/v1/notes")] public partial Task<string> AddNote(string title, string body);
        }
        """, Key);

    [Fact]
    public Task An_empty_summary_is_left_to_the_user() => Verifier.VerifyAsync("""
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            /// <summary></summary>
            [MultiMailTool("GET", "/v1/items")] public partial Task<string> {|MMG0013:GetItems|}();
        }
        """, """
        public partial class Tools
        {
            private readonly MultiMailClient _client = null!;
            /// <summary></summary>
            [MultiMailTool("GET", "/v1/items")] public partial Task<string> {|MMG0013:GetItems|}();
        }
        """, Key);
}
