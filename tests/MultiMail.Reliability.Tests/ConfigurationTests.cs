using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using CsCheck;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MultiMail.Reliability.Tests.Infrastructure;

namespace MultiMail.Reliability.Tests;

/// <summary>AddMultiMail's options: configuration section, environment variables, code; keyed clients; tool sets from DI.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class ConfigurationTests
{
    private static ServiceProvider Build(Dictionary<string, string?>? settings, Action<IServiceCollection> register)
    {
        var services = new ServiceCollection();
        if (settings is not null)
        {
            services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        }

        register(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public void TheMultiMailSectionSetsEveryOption()
    {
        using var services = Build(
            new()
            {
                ["MultiMail:ApiKey"] = "test-key-from_config",
                ["MultiMail:BaseAddress"] = "http://127.0.0.1:5080/proxy/",
                ["MultiMail:DefaultMailboxId"] = "mbx_config",
                ["MultiMail:DeriveIdempotencyKeys"] = "false",
                ["MultiMail:Timeout"] = "45",
                ["MultiMail:MaxResponseCharacters"] = "5000",
                ["MultiMail:MarkUntrustedContent"] = "false",
            },
            s => s.AddMultiMail());

        var options = services.GetRequiredService<MultiMailClient>().Options;
        Assert.Equal("test-key-from_config", options.ApiKey);
        Assert.Equal("http://127.0.0.1:5080/proxy/", options.BaseAddress.AbsoluteUri);
        Assert.Equal("mbx_config", options.DefaultMailboxId);
        Assert.False(options.DeriveIdempotencyKeys);
        Assert.Equal(TimeSpan.FromSeconds(45), options.Timeout);
        Assert.Equal(5000, options.MaxResponseCharacters);
        Assert.False(options.MarkUntrustedContent);
    }

    [Fact]
    public void EnvironmentVariablesAreDefaultsThatConfigurationAndCodeOverride()
    {
        using var env = new EnvironmentScope(("MULTIMAIL_API_KEY", "test-key-env"), ("MULTIMAIL_MAILBOX_ID", "mbx_env"), ("MULTIMAIL_API_URL", "http://127.0.0.1:9/"));

        using (var onlyEnv = Build(null, s => s.AddMultiMail()))
        {
            var options = onlyEnv.GetRequiredService<MultiMailClient>().Options;
            Assert.Equal(("test-key-env", "mbx_env", "http://127.0.0.1:9/"), (options.ApiKey, options.DefaultMailboxId, options.BaseAddress.AbsoluteUri));
        }

        // An empty appsettings placeholder does not hide the variable; a value does; code has the last word.
        using var layered = Build(
            new() { ["MultiMail:ApiKey"] = "", ["MultiMail:DefaultMailboxId"] = "mbx_config" },
            s => s.AddMultiMail(o => o.BaseAddress = new Uri("https://code.example/")));
        var layeredOptions = layered.GetRequiredService<MultiMailClient>().Options;
        Assert.Equal(("test-key-env", "mbx_config", "https://code.example/"), (layeredOptions.ApiKey, layeredOptions.DefaultMailboxId, layeredOptions.BaseAddress.AbsoluteUri));
    }

    [Fact]
    public void ANamedClientReadsItsOwnSectionAndIsKeyed()
    {
        using var services = Build(
            new() { ["MultiMail:ApiKey"] = "test-key-agent", ["MultiMail:operator:ApiKey"] = "test-key-oversight" },
            s =>
            {
                s.AddMultiMail().AddToolSet<AgentTools>();
                s.AddMultiMail("operator").AddToolSet<OperatorTools>();
            });

        Assert.Equal("test-key-agent", services.GetRequiredService<MultiMailClient>().Options.ApiKey);
        Assert.Equal("test-key-oversight", services.GetRequiredKeyedService<MultiMailClient>("operator").Options.ApiKey);
        Assert.NotSame(services.GetRequiredService<MultiMailClient>(), services.GetRequiredKeyedService<MultiMailClient>("operator"));

        // Tool sets resolve with the right client; the agent's tool sets never include the operator's.
        Assert.IsType<AgentTools>(Assert.Single(services.GetServices<IMultiMailToolSet>()));
        Assert.IsType<OperatorTools>(Assert.Single(services.GetKeyedServices<IMultiMailToolSet>("operator")));
        Assert.Equal("list_pending", Assert.Single(services.GetRequiredKeyedService<OperatorTools>("operator").Tools).Name);
        Assert.Same(services.GetRequiredService<MultiMailClient>(), services.GetRequiredService<MultiMailClient>());
    }

    [Fact]
    public async Task ToolSetsFromDiSendWithTheRegisteredClientAndItsKey()
    {
        var transport = new ScriptedTransport();
        using var services = Build(
            new() { ["MultiMail:ApiKey"] = "test-key-agent", ["MultiMail:BaseAddress"] = "https://api.test/" },
            s => s.AddMultiMail().AddToolSet<MethodTools>().HttpClient.ConfigurePrimaryHttpMessageHandler(() => transport));

        var text = await services.GetRequiredService<IMultiMailToolSet>().InvokeAsync("get_probe", "{}");

        Assert.Equal("{}", text);
        Assert.Equal("Bearer test-key-agent", transport.LastAuthorization);
    }

    [Fact]
    public void AConfigurationReloadReachesTheRegisteredClient()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["MultiMail:DefaultMailboxId"] = "mbx_before" }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddMultiMail();
        using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<MultiMailClient>();
        Assert.Equal("mbx_before", client.Options.DefaultMailboxId);

        configuration["MultiMail:DefaultMailboxId"] = "mbx_after";
        configuration.Reload();

        Assert.Equal("mbx_after", client.Options.DefaultMailboxId);
    }

    [Fact]
    public void AddingTheSameClientTwiceRegistersItOnceAndAppliesBothConfigurations()
    {
        using var services = Build(null, s =>
        {
            s.AddMultiMail(o => o.ApiKey = "test-key-first");
            s.AddMultiMail(o => o.DefaultMailboxId = "mbx_second");
        });

        var client = Assert.Single(services.GetServices<MultiMailClient>());
        Assert.Equal(("test-key-first", "mbx_second"), (client.Options.ApiKey, client.Options.DefaultMailboxId));
    }

    [Theory]
    [InlineData("Timeout", "thirty", "'MultiMail:Timeout' ('thirty') is not valid")]
    [InlineData("Timeout", "-5", "'MultiMail:Timeout' ('-5') is not valid")]
    [InlineData("BaseAddress", "api.multimail.dev", "'MultiMail:BaseAddress' ('api.multimail.dev') is not valid")]
    [InlineData("BaseAddress", "ftp://api.multimail.dev/", "'MultiMail:BaseAddress' ('ftp://api.multimail.dev/') is not valid")]
    [InlineData("DeriveIdempotencyKeys", "yes", "'MultiMail:DeriveIdempotencyKeys' ('yes') is not valid")]
    [InlineData("MaxResponseCharacters", "0", "'MultiMail:MaxResponseCharacters' ('0') is not valid")]
    [InlineData("MarkUntrustedContent", "off", "'MultiMail:MarkUntrustedContent' ('off') is not valid")]
    public void AnInvalidValueFailsWhenTheClientIsResolvedNamingTheKey(string key, string value, string expected)
    {
        using var services = Build(new() { ["MultiMail:ApiKey"] = "test-key-secret_value", ["MultiMail:" + key] = value }, s => s.AddMultiMail());

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<MultiMailClient>());
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("test-key-secret_value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnyConfigurationEitherBindsOrFailsWithAMessageNamingTheKeyAndNeverTheApiKey()
    {
        var keys = new[] { "BaseAddress", "Timeout", "DeriveIdempotencyKeys", "MaxResponseCharacters", "DefaultMailboxId", "MarkUntrustedContent" };
        var value = Gen.OneOf(Gen.String, Gen.Double.Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)), Gen.Const("00:00:10"), Gen.Const("http://127.0.0.1/"), Gen.Const("true"));
        Gen.Select(Gen.Int[0, keys.Length - 1], value, Gen.String[8, 40]).Sample((k, v, secret) =>
        {
            var apiKey = "test-key-" + secret.Replace("\0", string.Empty, StringComparison.Ordinal);
            using var services = Build(new() { ["MultiMail:ApiKey"] = apiKey, ["MultiMail:" + keys[k]] = v }, s => s.AddMultiMail());
            try
            {
                var options = services.GetRequiredService<MultiMailClient>().Options;
                Assert.Equal(apiKey.Trim(), options.ApiKey!.Trim());
            }
            catch (InvalidOperationException ex)
            {
                Assert.Contains("'MultiMail:" + keys[k] + "'", ex.Message, StringComparison.Ordinal);
                if (apiKey.Trim().Length >= 12)
                {
                    Assert.DoesNotContain(apiKey.Trim(), ex.Message, StringComparison.Ordinal);
                }
            }
        }, iter: 300);
    }
}

/// <summary>Tests that set process environment variables run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "environment";
}

/// <summary>Sets environment variables and restores them.</summary>
public sealed class EnvironmentScope : IDisposable
{
    private readonly (string Name, string? Old)[] _saved;

    public EnvironmentScope(params (string Name, string Value)[] variables)
    {
        _saved = variables.Select(v => (v.Name, Environment.GetEnvironmentVariable(v.Name))).ToArray();
        foreach (var (name, value) in variables)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    public void Dispose()
    {
        foreach (var (name, old) in _saved)
        {
            Environment.SetEnvironmentVariable(name, old);
        }
    }
}
