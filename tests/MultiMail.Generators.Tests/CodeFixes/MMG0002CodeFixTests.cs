using System.Threading.Tasks;
using MultiMail.CodeFixes;
using Verifier = MultiMail.Generators.Tests.CodeFixes.CodeFixVerifier<MultiMail.Generators.Analysis.ToolDeclarationAnalyzer, MultiMail.CodeFixes.AddClientCodeFixProvider>;

namespace MultiMail.Generators.Tests.CodeFixes;

public sealed class MMG0002CodeFixTests
{
    private const string Key = AddClientCodeFixProvider.EquivalenceKey;

    [Fact]
    public Task Static_tools_get_a_client_parameter() => Verifier.VerifyAsync("""
        public static partial class Tools
        {
            /// <summary>Inbox.</summary>
            [MultiMailTool] public static partial Task<string> {|MMG0002:CheckInbox|}(int limit = 20);
            /// <summary>Account.</summary>
            [MultiMailTool] public static partial Task<string> {|MMG0002:GetAccount|}();
        }
        """, """
        public static partial class Tools
        {
            /// <summary>Inbox.</summary>
            [MultiMailTool] public static partial Task<string> CheckInbox(MultiMailClient client, int limit = 20);
            /// <summary>Account.</summary>
            [MultiMailTool] public static partial Task<string> GetAccount(MultiMailClient client);
        }
        """, Key);

    [Fact]
    public Task A_type_without_constructors_gets_a_field_and_a_constructor_once() => Verifier.VerifyAsync("""
        public partial class Tools
        {
            // Tools for the agent.
            /// <summary>Inbox.</summary>
            [MultiMailTool] public partial Task<string> {|MMG0002:CheckInbox|}();

            /// <summary>Mailboxes.</summary>
            [MultiMailTool] public partial Task<string> {|MMG0002:ListMailboxes|}();
        }
        """, """
        public partial class Tools
        {
            private readonly MultiMailClient _client;

            public Tools(MultiMailClient client)
            {
                _client = client;
            }

            // Tools for the agent.
            /// <summary>Inbox.</summary>
            [MultiMailTool] public partial Task<string> CheckInbox();

            /// <summary>Mailboxes.</summary>
            [MultiMailTool] public partial Task<string> ListMailboxes();
        }
        """, Key);

    [Fact]
    public Task Existing_constructors_get_the_parameter() => Verifier.VerifyAsync("""
        public partial class Outer
        {
            public partial class Tools
            {
                private readonly string _name;

                public Tools(string name)
                {
                    _name = name;
                }

                public Tools() : this("default") { }

                internal Tools(int id) => _name = id.ToString();

                /// <summary>Inbox.</summary>
                [MultiMailTool] public partial Task<string> {|MMG0002:CheckInbox|}();
            }
        }
        """, """
        public partial class Outer
        {
            public partial class Tools
            {
                private readonly MultiMailClient _client;
                private readonly string _name;

                public Tools(string name, MultiMailClient client)
                {
                    _client = client;
                    _name = name;
                }

                public Tools(MultiMailClient client) : this("default", client) { }

                internal Tools(int id, MultiMailClient client)
                {
                    _client = client;
                    _name = id.ToString();
                }

                /// <summary>Inbox.</summary>
                [MultiMailTool] public partial Task<string> CheckInbox();
            }
        }
        """, Key);

    [Fact]
    public Task Primary_constructors_and_positional_records_get_the_parameter() => Verifier.VerifyAsync("""
        public partial class Tools(string name)
        {
            public string Name { get; } = name;

            /// <summary>Inbox.</summary>
            [MultiMailTool] public partial Task<string> {|MMG0002:CheckInbox|}();
        }

        public partial record RecordTools(string Name)
        {
            /// <summary>Inbox.</summary>
            [MultiMailTool] public partial Task<string> {|MMG0002:CheckInbox|}();
        }
        """, """
        public partial class Tools(string name, MultiMailClient client)
        {
            private readonly MultiMailClient _client = client;

            public string Name { get; } = name;

            /// <summary>Inbox.</summary>
            [MultiMailTool] public partial Task<string> CheckInbox();
        }

        public partial record RecordTools(string Name, MultiMailClient Client)
        {
            /// <summary>Inbox.</summary>
            [MultiMailTool] public partial Task<string> CheckInbox();
        }
        """, Key);

    [Fact]
    public Task No_fix_when_a_constructor_is_in_another_file()
    {
        const string tool = Verifier.Usings + """
            public partial class Tools
            {
                /// <summary>Inbox.</summary>
                [MultiMailTool] public partial Task<string> {|MMG0002:CheckInbox|}();
            }
            """;
        const string constructor = Verifier.Usings + """
            public partial class Tools
            {
                public Tools(string name) { }
            }
            """;
        return Verifier.VerifyAsync(new[] { tool, constructor }, new[] { tool, constructor }, Key);
    }
}
