using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using MultiMail;

namespace Consumer.NetStandard
{
    /// <summary>A ticket priority.</summary>
    public enum Priority
    {
        /// <summary>Low.</summary>
        Low,

        /// <summary>High.</summary>
        High,
    }

    /// <summary>A note, as a C# 9 record.</summary>
    /// <param name="Text">The text.</param>
    /// <param name="Priority">The priority.</param>
    public sealed record Note(string Text, Priority Priority);

    /// <summary>Tools in a netstandard2.0 library.</summary>
    public partial class LegacyTools
    {
        private readonly MultiMailClient _client;

        /// <summary>Creates the tools.</summary>
        /// <param name="client">The client.</param>
        public LegacyTools(MultiMailClient client) => _client = client;

        /// <summary>Send an email.</summary>
        /// <param name="to">Recipients.</param>
        /// <param name="subject">Subject.</param>
        /// <param name="markdown">Body.</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        [MultiMailTool]
        public partial Task<string> SendEmail(IReadOnlyList<string> to, string subject, string markdown, CancellationToken cancellationToken = default);

        /// <summary>Store a note.</summary>
        /// <param name="note">The note.</param>
        /// <param name="tags">Tags.</param>
        [MultiMailTool("POST", "/v1/notes")]
        public partial ValueTask<string> StoreNote(Note note, Dictionary<string, string>? tags = null);

        /// <summary>Nested tools.</summary>
        public static partial class Nested
        {
            /// <summary>Get the account.</summary>
            /// <param name="client">The client.</param>
            [MultiMailTool]
            public static partial Task<string> GetAccount(MultiMailClient client);
        }
    }
}
