using System.Collections.Generic;
using System.Text.Json;
using System.Threading.Tasks;
using Consumer.NetStandard;
using MultiMail.IntegrationTests.Infrastructure;

namespace MultiMail.IntegrationTests;

/// <summary>Tools generated into a netstandard2.0 / C# 9 library, run from this test assembly (net8.0 and net10.0).</summary>
public sealed class ConsumerTests
{
    private readonly RecordingHandler _handler = new();

    [Fact]
    public async Task Netstandard_library_tools_run()
    {
        var client = TestClient.Create(_handler);
        var tools = new LegacyTools(client);

        await tools.SendEmail(new List<string> { "a@example.com" }, "Hi", "Body");
        Assert.Equal(TestClient.BaseAddress + "v1/mailboxes/mbx_default/send", _handler.Requests[^1].Uri.AbsoluteUri);

        await tools.StoreNote(new Note("remember", Priority.High), new Dictionary<string, string> { ["k"] = "v" });
        Assert.Equal("""{"note":{"text":"remember","priority":"high"},"tags":{"k":"v"}}""", _handler.Requests[^1].Body);

        var text = await ((IMultiMailToolSet)tools).InvokeAsync("store_note", """{"note":{"text":"x","priority":"urgent"}}""");
        Assert.Equal("Invalid arguments for store_note: 'note.priority' must be one of: low, high (got \"urgent\"). Fix the arguments and call store_note again.", text);

        var functions = tools.AsAITools();
        Assert.Equal(new[] { "send_email", "store_note" }, System.Linq.Enumerable.Select(functions, f => f.Name));
        var result = await ((Microsoft.Extensions.AI.AIFunction)functions[1]).InvokeAsync(new Microsoft.Extensions.AI.AIFunctionArguments(new Dictionary<string, object?> { ["note"] = new Dictionary<string, object?> { ["text"] = "t", ["priority"] = "low" } }));
        Assert.Equal("{}", result?.ToString());
        Assert.Equal("""{"note":{"text":"t","priority":"low"}}""", _handler.Requests[^1].Body);

        await LegacyTools.Nested.GetAccount(client);
        Assert.Equal(TestClient.BaseAddress + "v1/account", _handler.Requests[^1].Uri.AbsoluteUri);
        Assert.Single(LegacyTools.Nested.CreateToolSet(client).Tools);
    }
}
