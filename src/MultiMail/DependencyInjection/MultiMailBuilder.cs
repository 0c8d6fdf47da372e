using System;
#if NET5_0_OR_GREATER
using System.Diagnostics.CodeAnalysis;
#endif
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;

namespace MultiMail;

/// <summary>
/// Configures one MultiMail client registered by <c>services.AddMultiMail(…)</c>: its options, its resilience
/// pipeline, its <see cref="IHttpClientBuilder"/>, and the tool sets built on it.
/// </summary>
public sealed class MultiMailBuilder
{
    private readonly IHttpStandardResiliencePipelineBuilder _resilience;

    internal MultiMailBuilder(IServiceCollection services, string name, IHttpClientBuilder httpClient, IHttpStandardResiliencePipelineBuilder resilience)
    {
        Services = services;
        Name = name;
        HttpClient = httpClient;
        _resilience = resilience;
    }

    /// <summary>The client's name: empty for the default client, else the key of the keyed <see cref="MultiMailClient"/> service.</summary>
    public string Name { get; }

    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// The named <see cref="System.Net.Http.HttpClient"/> the client sends with (<c>MultiMail</c>, or <c>MultiMail:{name}</c>),
    /// for adding handlers, a primary handler or the factory's default logger (<c>AddDefaultLogger()</c>).
    /// </summary>
    public IHttpClientBuilder HttpClient { get; }

    /// <summary>Configures the client's options (after the environment variables and the configuration section).</summary>
    /// <param name="configure">Sets options.</param>
    /// <returns>This builder.</returns>
    public MultiMailBuilder Configure(Action<MultiMailClientOptions> configure)
    {
        if (configure is null)
        {
            throw new ArgumentNullException(nameof(configure));
        }

        Services.Configure(Name, configure);
        return this;
    }

    /// <summary>
    /// Changes the resilience pipeline (after the MultiMail defaults): timeouts, retries, circuit breaker, concurrency
    /// limiter. Replacing <c>Retry.ShouldHandle</c> also replaces the rule that only retries requests that cannot send twice.
    /// </summary>
    /// <param name="configure">Changes the options.</param>
    /// <returns>This builder.</returns>
    public MultiMailBuilder ConfigureResilience(Action<HttpStandardResilienceOptions> configure)
    {
        if (configure is null)
        {
            throw new ArgumentNullException(nameof(configure));
        }

        _resilience.Configure(configure);
        return this;
    }

    /// <summary>
    /// Registers a tool set (a type with <see cref="MultiMailToolAttribute"/> methods) built on this client: as
    /// <typeparamref name="TToolSet"/> and as an <see cref="IMultiMailToolSet"/> (keyed with <see cref="Name"/> for a named
    /// client). Transient: the client it holds is the registered singleton.
    /// </summary>
    /// <typeparam name="TToolSet">The tool set; its constructor takes a <see cref="MultiMailClient"/> and any other services.</typeparam>
    /// <returns>This builder.</returns>
    public MultiMailBuilder AddToolSet<
#if NET5_0_OR_GREATER
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)]
#endif
        TToolSet>()
        where TToolSet : class, IMultiMailToolSet
    {
        if (Name.Length == 0)
        {
            Services.TryAddTransient<TToolSet>();
            Services.AddTransient<IMultiMailToolSet>(static sp => sp.GetRequiredService<TToolSet>());
        }
        else
        {
            var name = Name;
            Services.TryAddKeyedTransient<TToolSet>(name, (sp, _) => ActivatorUtilities.CreateInstance<TToolSet>(sp, sp.GetRequiredKeyedService<MultiMailClient>(name)));
            Services.AddKeyedTransient<IMultiMailToolSet>(name, (sp, key) => sp.GetRequiredKeyedService<TToolSet>(key));
        }

        return this;
    }
}
