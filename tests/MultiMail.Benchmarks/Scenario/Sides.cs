using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace MultiMail.Benchmarks.Scenario;

/// <summary>
/// Every side of the comparison, each with its own HttpClient over its own handler: ours (direct, InvokeAsync, the
/// generated AIFunction), the hand-written client, Refit, and AIFunctionFactory over the hand-written client.
/// </summary>
public sealed class Sides
{
    private Sides(Func<HttpMessageHandler> handler, Action<MultiMailClientOptions>? configure, string peerMailbox)
    {
        var options = new MultiMailClientOptions { ApiKey = Inputs.ApiKey, BaseAddress = Inputs.BaseAddress, DefaultMailboxId = Inputs.Mailbox };
        configure?.Invoke(options);
        OursClient = new MultiMailClient(options, new HttpClient(handler()));
        Ours = new EmailTools(OursClient);
        OursFunction = Ours.SendEmailAIFunction;
        HandWritten = new HandWrittenClient(new HttpClient(handler()), peerMailbox);
        Refit = new RefitSender(new HttpClient(handler()), peerMailbox);
        PeerTools = new PeerTools(new HandWrittenClient(new HttpClient(handler()), peerMailbox));
        PeerFunction = AIFunctionFactory.Create(PeerTools.SendEmail, new AIFunctionFactoryOptions { Name = "send_email" });
        Floor = new TransportFloor(new HttpClient(handler()), peerMailbox);
    }

    public MultiMailClient OursClient { get; }

    public EmailTools Ours { get; }

    /// <summary>The generated AIFunction, read once as a host does when it builds an agent's tool list.</summary>
    public AIFunction OursFunction { get; }

    public HandWrittenClient HandWritten { get; }

    public RefitSender Refit { get; }

    public PeerTools PeerTools { get; }

    public AIFunction PeerFunction { get; }

    /// <summary>The transport floor: the same bytes, written once in advance, sent through HttpClient.</summary>
    public TransportFloor Floor { get; }

    /// <param name="handler">Makes each side's handler.</param>
    /// <param name="configure">Changes our client's options (ablations).</param>
    /// <param name="peerMailbox">The mailbox the peers send from; another one than ours only to prove the wire check fails.</param>
    public static Sides Create(Func<HttpMessageHandler> handler, Action<MultiMailClientOptions>? configure = null, string peerMailbox = Inputs.Mailbox) =>
        new(handler, configure, peerMailbox);

    /// <summary>What a chat client hands to an AIFunction: the model's JSON arguments parsed into a dictionary of JsonElements.</summary>
    public static AIFunctionArguments HostArguments() =>
        new(JsonSerializer.Deserialize(Inputs.ArgumentsJson, PeerJsonContext.Default.DictionaryStringObject)!);

    /// <summary>
    /// The host's parse done once: the AIFunction rows compare the functions' own work on the same dictionary (neither
    /// side changes it). The JSON-text row parses on both sides instead.
    /// </summary>
    public static AIFunctionArguments ParsedArguments { get; } = HostArguments();

    /// <summary>Ours from the model's JSON text.</summary>
    public ValueTask<string> OursInvokeAsync() => Ours.InvokeAsync("send_email", Inputs.ArgumentsJson);

    /// <summary>AIFunctionFactory's from the model's JSON text: the host's parse into a dictionary, then the call.</summary>
    public ValueTask<object?> PeerFunctionFromJsonAsync() => PeerFunction.InvokeAsync(HostArguments());

    public ValueTask<object?> OursFunctionInvokeAsync() => OursFunction.InvokeAsync(ParsedArguments);

    /// <summary>The generated AIFunction read from its property on every call (the property builds a new function each time).</summary>
    public ValueTask<object?> OursFunctionPropertyInvokeAsync() => Ours.SendEmailAIFunction.InvokeAsync(ParsedArguments);

    public ValueTask<object?> PeerFunctionInvokeAsync() => PeerFunction.InvokeAsync(ParsedArguments);

    public Task<string> OursDirectAsync() => Ours.SendEmail(Inputs.To, Inputs.Subject, Inputs.Markdown);

    public Task<string> HandWrittenAsync() => HandWritten.SendEmailAsync(Inputs.To, Inputs.Subject, Inputs.Markdown);

    public Task<string> RefitAsync() => Refit.SendEmailAsync(Inputs.To, Inputs.Subject, Inputs.Markdown);

    public Task<string> FloorAsync() => Floor.SendAsync();

    /// <summary>Every side's send, by name, as one uniform call.</summary>
    public IReadOnlyList<(string Name, Func<Task<object?>> Send)> All() => new (string, Func<Task<object?>>)[]
    {
        ("ours: SendEmail(...)", async () => await OursDirectAsync()),
        ("ours: InvokeAsync(json)", async () => await OursInvokeAsync()),
        ("ours: SendEmailAIFunction.InvokeAsync", async () => await OursFunctionInvokeAsync()),
        ("hand-written HttpClient + Utf8JsonWriter", async () => await HandWrittenAsync()),
        ("Refit 16", async () => await RefitAsync()),
        ("AIFunctionFactory.Create(...).InvokeAsync", async () => await PeerFunctionFromJsonAsync()),
        ("transport floor (prepared bytes through HttpClient)", async () => await FloorAsync()),
    };
}

/// <summary>
/// Not a peer: what every side pays at least, the same request with its body prepared in advance (no checks, no JSON
/// writing, no key), sent through HttpClient to the same handler and read back as text.
/// </summary>
public sealed class TransportFloor
{
    private static readonly System.Net.Http.Headers.MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };
    private readonly HttpClient _http;
    private readonly string _path;
    private readonly ReadOnlyMemory<byte> _body;

    public TransportFloor(HttpClient http, string mailbox)
    {
        HandWrittenClient.Configure(http);
        _http = http;
        _path = "/v1/mailboxes/" + Uri.EscapeDataString(mailbox) + "/send";
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        HandWrittenClient.WriteBody(buffer, _path, Inputs.To, Inputs.Subject, Inputs.Markdown);
        _body = buffer.WrittenMemory;
    }

    public async Task<string> SendAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _path);
        var content = new ReadOnlyMemoryContent(_body);
        content.Headers.ContentType = JsonContentType;
        request.Content = content;
        using var response = await _http.SendAsync(request).ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync().ConfigureAwait(false);
    }
}
