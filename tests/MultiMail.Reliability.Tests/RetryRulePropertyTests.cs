using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading.Tasks;
using CsCheck;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MultiMail.Reliability.Tests.Infrastructure;

namespace MultiMail.Reliability.Tests;

/// <summary>
/// The retry rule against a model, over random methods, failures and Retry-After values (a scripted transport, no
/// server): the pipeline repeats a request exactly when the failure is transient (5xx, 408, 429, a network error), the
/// method is idempotent (GET, PUT, DELETE; POST and PATCH never, they carry no idempotency key here), and any
/// Retry-After is within the retry's MaxDelay (10 s). Whatever happens, the tool returns a text.
/// </summary>
public sealed class RetryRulePropertyTests
{
    private static readonly string[] Tools = ["get_probe", "post_probe", "put_probe", "patch_probe", "delete_probe"];
    private static readonly int[] Failures = [0, 500, 502, 503, 504, 408, 429, 400, 401, 403, 404, 409, 413];

    [Fact]
    public async Task ARequestIsRepeatedExactlyWhenTheModelSaysItIsSafeAndUseful()
    {
        var gen = Gen.Select(Gen.Int[0, Tools.Length - 1], Gen.Int[0, Failures.Length - 1], Gen.Int[-1, 30]);
        await gen.SampleAsync(
            async (tool, failure, retryAfter) =>
            {
                var transport = new ScriptedTransport();
                var status = Failures[failure];
                transport.Then(status == 0
                    ? _ => throw new HttpRequestException("connection reset (scripted)")
                    : _ => ScriptedTransport.Status(status, retryAfter >= 0 ? retryAfter : null)); // -1: no Retry-After
                using var services = Build(transport);

                var text = await services.GetRequiredService<IMultiMailToolSet>().InvokeAsync(Tools[tool], tool is 1 or 2 or 3 ? "{\"value\":\"v\"}" : "{}");

                var transient = status is 0 or 408 or 429 or >= 500;
                var idempotent = tool is 0 or 2 or 4;
                var waitOk = status == 0 || retryAfter <= 10;
                var expected = transient && idempotent && waitOk ? 2 : 1;
                Assert.Equal(expected, transport.Requests);
                Assert.NotEqual(TextKind.Unclear, Texts.Classify(text));
            },
            iter: 300,
            threads: 1);
    }

    private static ServiceProvider Build(ScriptedTransport transport)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MultiMail:ApiKey"] = "test-key",
            ["MultiMail:BaseAddress"] = "https://api.test/",
        }).Build());
        services.AddMultiMail()
            .ConfigureResilience(o => o.Retry.DelayGenerator = static _ => new ValueTask<TimeSpan?>(TimeSpan.Zero)) // decide as usual, wait for nothing
            .AddToolSet<MethodTools>()
            .HttpClient.ConfigurePrimaryHttpMessageHandler(() => transport);
        return services.BuildServiceProvider();
    }
}
