using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace MultiMail.TestSupport;

/// <summary>
/// A deterministic stand-in for a model (tests; the samples have their own in samples/Shared): it answers with the tool calls it is given, one turn each, then with a final
/// text that quotes the last tool result. Everything in between (function invocation) is the real framework's.
/// </summary>
public sealed class ScriptedChatClient : IChatClient
{
    private readonly Queue<(string Name, string ArgumentsJson)> _calls;
    private int _callId;

    public ScriptedChatClient(params (string Name, string ArgumentsJson)[] calls) => _calls = new(calls);

    /// <summary>Every request the framework sent, with the tools it offered.</summary>
    public List<(List<ChatMessage> Messages, IList<AITool>? Tools)> Requests { get; } = new();

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var history = messages.ToList();
        Requests.Add((history, options?.Tools));
        if (_calls.Count > 0)
        {
            var (name, json) = _calls.Dequeue();
            using var document = JsonDocument.Parse(json);
            var arguments = document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone());
            var call = new FunctionCallContent("call_" + (++_callId), name, arguments);
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, new List<AIContent> { call })));
        }

        var lastResult = history.SelectMany(m => m.Contents).OfType<FunctionResultContent>().LastOrDefault()?.Result?.ToString() ?? "no tool result";
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "Done. Last tool said: " + lastResult)));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
