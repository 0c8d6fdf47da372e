using System;
using System.Collections.Generic;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using MultiMail.Sandbox;

namespace MultiMail.Reliability.Tests.Infrastructure;

/// <summary>
/// An application's service provider built the way the README says: configuration with a <c>MultiMail</c> section,
/// <c>AddMultiMail()</c>, tool sets from DI; plus the fault layer under the pipeline and a log collector.
/// </summary>
public sealed class AppHost : IDisposable
{
    private readonly ServiceProvider _services;

    private AppHost(ServiceProvider services, FaultPlan faults)
    {
        _services = services;
        Faults = faults;
    }

    public IServiceProvider Services => _services;

    public FaultPlan Faults { get; }

    public FakeLogCollector Logs => _services.GetFakeLogCollector();

    public AgentTools Agent => _services.GetRequiredService<AgentTools>();

    public OperatorTools Operator => _services.GetRequiredKeyedService<OperatorTools>("operator");

    public MultiMailClient Client => _services.GetRequiredService<MultiMailClient>();

    /// <summary>
    /// Fast pipeline settings for tests (short retry delays); the defaults are checked elsewhere. The attempt timeout
    /// stays well above what a healthy request takes on a loaded 2-core CI machine (a 2 s timeout made a normal answer
    /// count as slow there and added a retry the exact request counts didn't expect); <see cref="FaultPlan.SlowDelay"/>
    /// stays above it.
    /// </summary>
    public static void Fast(HttpStandardResilienceOptions o)
    {
        o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(5);
        o.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(20);
        o.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(10); // at least twice the attempt timeout (validated)
        o.Retry.Delay = TimeSpan.FromMilliseconds(20);
    }

    public static AppHost Start(
        MultiMailSandbox sandbox,
        FaultPlan? faults = null,
        string? mailboxId = null,
        Action<HttpStandardResilienceOptions>? resilience = null,
        Action<MultiMailClientOptions>? configure = null)
    {
        faults ??= new FaultPlan();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MultiMail:ApiKey"] = sandbox.AgentApiKey,
            ["MultiMail:BaseAddress"] = sandbox.BaseAddress.AbsoluteUri,
            ["MultiMail:DefaultMailboxId"] = mailboxId ?? sandbox.DefaultMailboxId,
            ["MultiMail:Timeout"] = "25",
            ["MultiMail:operator:ApiKey"] = sandbox.OversightApiKey,
            ["MultiMail:operator:BaseAddress"] = sandbox.BaseAddress.AbsoluteUri,
            ["MultiMail:operator:MaxResponseCharacters"] = "50000000", // the whole approval queue, however long the load test makes it
        }).Build();

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug).AddFakeLogging());
        var agent = services.AddMultiMail(configure ?? (_ => { }))
            .ConfigureResilience(resilience ?? Fast)
            .AddToolSet<AgentTools>();
        agent.HttpClient.AddHttpMessageHandler(() => new FaultInjectingHandler(faults));
        services.AddMultiMail("operator").AddToolSet<OperatorTools>();
        return new AppHost(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }), faults);
    }

    public void Dispose() => _services.Dispose();
}
