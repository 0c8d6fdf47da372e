using System;
using System.ClientModel;
using Microsoft.Extensions.AI;
using OpenAI;

namespace MultiMail.Samples;

/// <summary>
/// Which model the samples' agents talk to: a real OpenAI-compatible model when <c>OPENAI_API_KEY</c> is set
/// (<c>OPENAI_BASE_URL</c> for another endpoint such as a local server, <c>OPENAI_MODEL</c>, default
/// <c>gpt-4o-mini</c>), otherwise each agent's <see cref="ScriptedChatClient"/>.
/// </summary>
public sealed class SampleModel
{
    /// <summary>The default model id.</summary>
    public const string DefaultModelId = "gpt-4o-mini";

    private readonly IChatClient? _chatClient;

    private SampleModel(IChatClient? chatClient, string description)
    {
        _chatClient = chatClient;
        Description = description;
    }

    /// <summary>The scripted stand-in: every agent gets its own script.</summary>
    public static SampleModel Scripted { get; } = new(null, "scripted stand-in (set OPENAI_API_KEY for a real model)");

    /// <summary>Whether the agents are played by scripts.</summary>
    public bool IsScripted => _chatClient is null;

    /// <summary>What the model is, for the console (never the key).</summary>
    public string Description { get; }

    /// <summary>A real model from <c>OPENAI_API_KEY</c>, <c>OPENAI_BASE_URL</c> and <c>OPENAI_MODEL</c>, or <see cref="Scripted"/>.</summary>
    /// <returns>The model.</returns>
    public static SampleModel FromEnvironment()
    {
        var apiKey = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            return Scripted;
        }

        var modelId = Environment.GetEnvironmentVariable("OPENAI_MODEL");
        var baseUrl = Environment.GetEnvironmentVariable("OPENAI_BASE_URL");
        return OpenAICompatible(
            apiKey.Trim(),
            string.IsNullOrWhiteSpace(modelId) ? DefaultModelId : modelId.Trim(),
            string.IsNullOrWhiteSpace(baseUrl) ? null : new Uri(baseUrl.Trim()));
    }

    /// <summary>An OpenAI-compatible chat-completions model through Microsoft.Extensions.AI.OpenAI.</summary>
    /// <param name="apiKey">The API key.</param>
    /// <param name="modelId">The model, for example <c>gpt-4o-mini</c>.</param>
    /// <param name="endpoint">Another endpoint (a local OpenAI-compatible server); <see langword="null"/> for OpenAI's.</param>
    /// <returns>The model.</returns>
    public static SampleModel OpenAICompatible(string apiKey, string modelId, Uri? endpoint = null)
    {
        var options = new OpenAIClientOptions();
        if (endpoint is not null)
        {
            options.Endpoint = endpoint;
        }

        IChatClient chatClient = new OpenAI.Chat.ChatClient(modelId, new ApiKeyCredential(apiKey), options).AsIChatClient();
        return new SampleModel(chatClient, modelId + " at " + (endpoint?.ToString() ?? "OpenAI") + " (OPENAI_API_KEY " + Secrets.Prefix(apiKey) + ")");
    }

    /// <summary>The chat client for one agent: the real model, or offline that agent's script.</summary>
    /// <param name="offlineScript">What the agent's stand-in model answers offline.</param>
    /// <returns>The chat client to give the agent.</returns>
    public IChatClient GetChatClient(ScriptedChatClient offlineScript) => _chatClient ?? offlineScript;
}
