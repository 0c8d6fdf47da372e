using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace MultiMail.Samples;

/// <summary>
/// A deterministic stand-in for a language model, used when <c>OPENAI_API_KEY</c> is not set. Each request is answered
/// with the next scripted turn: a text, or a tool call. A tool call is a real <see cref="FunctionCallContent"/> (its
/// arguments parsed from JSON, as the OpenAI client does) that the agent framework's function-invocation loop runs
/// against the real tools, so the offline run takes the same code path as a real model. Only the model is scripted.
/// </summary>
public sealed class ScriptedChatClient : IChatClient
{
    private static int s_nextCallId;
    private readonly Queue<ScriptedTurn> _turns;

    /// <summary>Creates a scripted model that plays <paramref name="turns"/> in order, one per request.</summary>
    /// <param name="turns">The turns.</param>
    public ScriptedChatClient(params ScriptedTurn[] turns) => _turns = new Queue<ScriptedTurn>(turns);

    /// <summary>How many requests this scripted model answered.</summary>
    public int RequestCount { get; private set; }

    /// <summary>The text of the most recent tool result in <paramref name="conversation"/> for <paramref name="toolName"/>.</summary>
    /// <param name="conversation">The messages the model was sent.</param>
    /// <param name="toolName">The tool.</param>
    /// <returns>The result text, or <see langword="null"/>.</returns>
    public static string? LastToolResult(IReadOnlyList<ChatMessage> conversation, string toolName)
    {
        var calls = conversation.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Where(c => c.Name == toolName).Select(c => c.CallId).ToHashSet();
        return conversation.SelectMany(m => m.Contents).OfType<FunctionResultContent>().LastOrDefault(r => calls.Contains(r.CallId))?.Result?.ToString();
    }

    /// <summary>The text of the most recent message written by <paramref name="authorName"/> in <paramref name="conversation"/>.</summary>
    /// <param name="conversation">The messages the model was sent.</param>
    /// <param name="authorName">An agent's name.</param>
    /// <returns>The text, or <see langword="null"/>.</returns>
    public static string? LastTextFrom(IReadOnlyList<ChatMessage> conversation, string authorName) =>
        conversation.LastOrDefault(m => m.AuthorName == authorName && m.Text.Length > 0)?.Text;

    /// <inheritdoc/>
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var conversation = messages.ToList();
        var offered = options?.Tools?.Select(t => t.Name).ToList() ?? new List<string>();
        RequestCount++;
        if (!_turns.TryDequeue(out var turn))
        {
            throw new InvalidOperationException("The scripted model has no turn left for request " + RequestCount + ".");
        }

        var content = turn.Play(conversation, offered, "call_scripted_" + Interlocked.Increment(ref s_nextCallId));
        var message = new ChatMessage(ChatRole.Assistant, new List<AIContent> { content }) { MessageId = "msg_scripted_" + Guid.NewGuid().ToString("N") };
        return Task.FromResult(new ChatResponse(message)
        {
            ModelId = "scripted",
            FinishReason = content is FunctionCallContent ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop,
        });
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    /// <inheritdoc/>
    public void Dispose()
    {
    }
}

/// <summary>One turn of a <see cref="ScriptedChatClient"/>: what the stand-in model answers, given the conversation so far.</summary>
public sealed class ScriptedTurn
{
    private readonly Func<IReadOnlyList<ChatMessage>, string>? _text;
    private readonly string? _toolName;
    private readonly Func<IReadOnlyList<ChatMessage>, JsonObject>? _arguments;

    private ScriptedTurn(Func<IReadOnlyList<ChatMessage>, string>? text, string? toolName, Func<IReadOnlyList<ChatMessage>, JsonObject>? arguments)
    {
        _text = text;
        _toolName = toolName;
        _arguments = arguments;
    }

    /// <summary>The model answers with a text.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The turn.</returns>
    public static ScriptedTurn Say(string text) => new(_ => text, null, null);

    /// <summary>The model answers with a text written from the conversation (for example from a tool result).</summary>
    /// <param name="text">Writes the text.</param>
    /// <returns>The turn.</returns>
    public static ScriptedTurn Say(Func<IReadOnlyList<ChatMessage>, string> text) => new(text, null, null);

    /// <summary>The model calls a tool. The tool must be among the tools the agent offers the model.</summary>
    /// <param name="toolName">The tool's name.</param>
    /// <param name="arguments">Writes the arguments from the conversation.</param>
    /// <returns>The turn.</returns>
    public static ScriptedTurn CallTool(string toolName, Func<IReadOnlyList<ChatMessage>, JsonObject> arguments) => new(null, toolName, arguments);

    internal AIContent Play(IReadOnlyList<ChatMessage> conversation, IReadOnlyList<string> offeredTools, string callId)
    {
        if (_toolName is null)
        {
            return new TextContent(_text!(conversation));
        }

        if (!offeredTools.Contains(_toolName))
        {
            // A real model cannot call a tool it was not offered; neither can the script.
            throw new InvalidOperationException(
                "The script calls '" + _toolName + "', but the agent offered the model " +
                (offeredTools.Count == 0 ? "no tools" : "only " + string.Join(", ", offeredTools)) + ".");
        }

        // Arguments travel as JSON text and are parsed back, exactly as a real model's tool call arrives.
        var json = _arguments!(conversation).ToJsonString();
        return FunctionCallContent.CreateFromParsedArguments(json, callId, _toolName, static text => JsonSerializer.Deserialize<Dictionary<string, object?>>(text));
    }
}
