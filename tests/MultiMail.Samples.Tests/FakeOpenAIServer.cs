using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MultiMail.Samples.Tests;

/// <summary>
/// A tiny OpenAI-compatible chat-completions server on loopback, standing in for a real model server
/// (OPENAI_BASE_URL) so the samples' real-model path — Microsoft.Extensions.AI.OpenAI over HTTP, streaming and not —
/// is exercised offline. It answers by the agent's system message and records every request as received.
/// </summary>
internal sealed class FakeOpenAIServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeOpenAIServer(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    /// <summary>The endpoint to give the OpenAI client (ends in <c>/v1/</c>).</summary>
    public Uri Endpoint { get; }

    /// <summary>Every request body received, in order.</summary>
    public ConcurrentQueue<JsonObject> Requests { get; } = new();

    /// <summary>The Authorization headers received.</summary>
    public ConcurrentQueue<string> Authorizations { get; } = new();

    public static async Task<FakeOpenAIServer> StartAsync(Func<JsonObject, JsonObject> answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeOpenAIServer? server = null;
        app.MapPost("/v1/chat/completions", async (HttpContext http) =>
        {
            var request = (await JsonNode.ParseAsync(http.Request.Body))!.AsObject();
            server!.Requests.Enqueue(request);
            server.Authorizations.Enqueue(http.Request.Headers.Authorization.ToString());
            var message = answer(request);   // {"role":"assistant","content":…} or with "tool_calls"
            var finish = message.ContainsKey("tool_calls") ? "tool_calls" : "stop";
            if (request["stream"]?.GetValue<bool>() != true)
            {
                await http.Response.WriteAsJsonAsync(new JsonObject
                {
                    ["id"] = "chatcmpl-fake", ["object"] = "chat.completion", ["created"] = 0, ["model"] = request["model"]?.GetValue<string>(),
                    ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = finish }),
                    ["usage"] = new JsonObject { ["prompt_tokens"] = 1, ["completion_tokens"] = 1, ["total_tokens"] = 2 },
                });
                return;
            }

            http.Response.ContentType = "text/event-stream";
            if (message["tool_calls"] is JsonArray calls)
            {
                for (var i = 0; i < calls.Count; i++)
                {
                    var call = calls[i]!.DeepClone().AsObject();
                    call["index"] = i;
                    await WriteChunkAsync(http, request, new JsonObject { ["role"] = "assistant", ["tool_calls"] = new JsonArray(call) }, null);
                }
            }
            else
            {
                await WriteChunkAsync(http, request, new JsonObject { ["role"] = "assistant", ["content"] = message["content"]!.GetValue<string>() }, null);
            }

            await WriteChunkAsync(http, request, new JsonObject(), finish);
            await http.Response.WriteAsync("data: [DONE]\n\n");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new FakeOpenAIServer(app, new Uri(address.TrimEnd('/') + "/v1/"));
        return server;
    }

    /// <summary>The text of the first system message of a request.</summary>
    public static string SystemText(JsonObject request) =>
        request["messages"]!.AsArray().Select(m => m!.AsObject()).Where(m => m["role"]?.GetValue<string>() == "system").Select(Text).FirstOrDefault() ?? string.Empty;

    /// <summary>The text of a message, whether its content is a string or a list of parts.</summary>
    public static string Text(JsonObject message) => message["content"] switch
    {
        JsonValue value when value.TryGetValue(out string? text) => text,
        JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>())),
        _ => string.Empty,
    };

    /// <summary>The names of the tools a request offered.</summary>
    public static List<string> ToolNames(JsonObject request) =>
        request["tools"] is JsonArray tools ? tools.Select(t => t!["function"]!["name"]!.GetValue<string>()).ToList() : new List<string>();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static async Task WriteChunkAsync(HttpContext http, JsonObject request, JsonObject delta, string? finish)
    {
        var chunk = new JsonObject
        {
            ["id"] = "chatcmpl-fake", ["object"] = "chat.completion.chunk", ["created"] = 0, ["model"] = request["model"]?.GetValue<string>(),
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }),
        };
        await http.Response.WriteAsync("data: " + chunk.ToJsonString(new JsonSerializerOptions()) + "\n\n");
        await http.Response.Body.FlushAsync();
    }
}
