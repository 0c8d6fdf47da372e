using System;
using System.Linq;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MultiMail;
using MultiMail.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="MultiMailClient"/> and MultiMail tool sets with dependency injection.</summary>
public static class MultiMailServiceCollectionExtensions
{
    /// <summary>
    /// Registers the default <see cref="MultiMailClient"/> (a singleton) with options from the environment
    /// (<c>MULTIMAIL_API_KEY</c>, <c>MULTIMAIL_API_URL</c>, <c>MULTIMAIL_MAILBOX_ID</c>), then the <c>MultiMail</c>
    /// configuration section when an <see cref="IConfiguration"/> is registered, then <paramref name="configure"/>; and an
    /// <see cref="System.Net.Http.HttpClient"/> from <c>IHttpClientFactory</c> with the standard resilience pipeline:
    /// timeouts, retries with jitter that honour <c>Retry-After</c> (only for requests that cannot send twice), a
    /// circuit breaker. Tool calls are logged (<c>ILogger&lt;MultiMailClient&gt;</c>) and traced (activity source
    /// <c>MultiMail</c>).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets options in code (applied last).</param>
    /// <returns>A builder for the client: tool sets, resilience, HTTP handlers.</returns>
    public static MultiMailBuilder AddMultiMail(this IServiceCollection services, Action<MultiMailClientOptions>? configure = null) =>
        AddMultiMail(services, Options.Options.DefaultName, configure);

    /// <summary>
    /// Registers a named <see cref="MultiMailClient"/> as a keyed singleton (for example <c>"operator"</c> with the
    /// oversight key, next to the agent's default client): the same as <see cref="AddMultiMail(IServiceCollection, Action{MultiMailClientOptions}?)"/>,
    /// with the configuration section <c>MultiMail:{name}</c>. Resolve it with <c>[FromKeyedServices("operator")] MultiMailClient</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The key; empty for the default client.</param>
    /// <param name="configure">Sets options in code (applied last).</param>
    /// <returns>A builder for the client.</returns>
    public static MultiMailBuilder AddMultiMail(this IServiceCollection services, string name, Action<MultiMailClientOptions>? configure = null)
    {
        if (services is null)
        {
            throw new ArgumentNullException(nameof(services));
        }

        if (name is null)
        {
            throw new ArgumentNullException(nameof(name));
        }

        var isDefault = name.Length == 0;
        var httpClientName = isDefault ? "MultiMail" : "MultiMail:" + name;
        var sectionPath = isDefault ? MultiMailClientOptions.ConfigurationSectionName : MultiMailClientOptions.ConfigurationSectionName + ":" + name;

        var registration = services.FirstOrDefault(d => d.ServiceType == typeof(Registration) && d.ImplementationInstance is Registration r && r.Name == name)?.ImplementationInstance as Registration;
        if (registration is null)
        {
            registration = new Registration(name);
            services.AddSingleton(registration);
            services.AddOptions();
            services.AddSingleton<IConfigureOptions<MultiMailClientOptions>>(sp => new MultiMailConfiguration(name, sectionPath, sp.GetService<IConfiguration>()));
            services.AddSingleton<IOptionsChangeTokenSource<MultiMailClientOptions>>(sp => new MultiMailConfigurationChangeSource(name, sectionPath, sp.GetService<IConfiguration>()));

            var http = services.AddHttpClient(httpClientName)
                .ConfigureHttpClient(static client => client.Timeout = System.Threading.Timeout.InfiniteTimeSpan) // the pipeline and MultiMailClientOptions.Timeout time calls
                .RemoveAllLoggers(); // one event per tool call comes from MultiMailClient; the factory's would repeat it with ids and query values
            var resilience = http.AddStandardResilienceHandler();
            resilience.Configure((options, sp) => MultiMailResilience.ApplyDefaults(options, CreateLogger(sp)));
            registration.Builder = new MultiMailBuilder(services, name, http, resilience);

            if (isDefault)
            {
                services.TryAddSingleton(sp => Create(sp, name, httpClientName));
            }
            else
            {
                services.TryAddKeyedSingleton(name, (sp, _) => Create(sp, name, httpClientName));
            }
        }

        if (configure is not null)
        {
            registration.Builder!.Configure(configure);
        }

        return registration.Builder!;
    }

    private static MultiMailClient Create(IServiceProvider services, string name, string httpClientName)
    {
        var options = services.GetRequiredService<IOptionsMonitor<MultiMailClientOptions>>();
        var factory = services.GetRequiredService<System.Net.Http.IHttpClientFactory>();
        _ = options.Get(name); // fail at resolution, not at the first tool call, when the configuration is invalid
        return new MultiMailClient(() => options.Get(name), () => factory.CreateClient(httpClientName), CreateLogger(services));
    }

    private static ILogger CreateLogger(IServiceProvider services) =>
        services.GetService<ILoggerFactory>()?.CreateLogger<MultiMailClient>() ?? NullLogger<MultiMailClient>.Instance;

    /// <summary>Marks a name as registered, so a second <c>AddMultiMail</c> for it only adds configuration.</summary>
    private sealed class Registration
    {
        public Registration(string name) => Name = name;

        public string Name { get; }

        public MultiMailBuilder? Builder { get; set; }
    }
}
