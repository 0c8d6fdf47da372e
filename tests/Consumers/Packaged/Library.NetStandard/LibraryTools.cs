using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MultiMail;

namespace Consumer.Library
{
    /// <summary>Tools in a netstandard2.0 library.</summary>
    public partial class LibraryTools
    {
        private readonly MultiMailClient _client;

        /// <summary>Creates the tools.</summary>
        /// <param name="client">The client.</param>
        public LibraryTools(MultiMailClient client) => _client = client;

        /// <summary>Send an email.</summary>
        /// <param name="to">Recipients.</param>
        /// <param name="subject">Subject.</param>
        /// <param name="markdown">Body.</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        [MultiMailTool]
        public partial Task<string> SendEmail(string[] to, string subject, string markdown, CancellationToken cancellationToken = default);
    }

    /// <summary>How an application adds this library.</summary>
    public static class LibraryRegistration
    {
        /// <summary>Registers the MultiMail client and the library's tools.</summary>
        /// <param name="services">The services.</param>
        /// <returns>The services.</returns>
        public static IServiceCollection AddLibraryTools(this IServiceCollection services)
        {
            services.AddMultiMail().AddToolSet<LibraryTools>();
            return services;
        }
    }

    /// <summary>The library's own log events: [LoggerMessage] must still compile next to the package's dependencies.</summary>
    public static partial class LibraryLog
    {
        /// <summary>Logs a start.</summary>
        /// <param name="logger">The logger.</param>
        /// <param name="name">A name.</param>
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Library {Name} started")]
        public static partial void Started(ILogger logger, string name);
    }
}
