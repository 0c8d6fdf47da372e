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
    }

    public MultiMailClient OursClient { get; }

    public EmailTools Ours { get; }

    /// <summary>The generated AIFunction, read once as a host does when it builds an agent's tool list.</summary>
    public AIFunction OursFunction { get; }

    public HandWrittenClient HandWritten { get; }

    public RefitSender Refit { get; }

    public PeerTools PeerTools { get; }

    public AIFunction PeerFunction { get; }

    /// <param name="handler">Makes each side's handler.</param>
    /// <param name="configure">Changes our client's options (ablations).</param>
    /// <param name="peerMailbox">The mailbox the peers send from; another one than ours only to prove the wire check fails.</param>
    public static Sides Create(Func<HttpMessageHandler> handler, Action<MultiMailClientOptions>? configure = null, string peerMailbox = Inputs.Mailbox) =>
        new(handler, configure, peerMailbox);

    /// <summary>What a chat client hands to an AIFunction: the model's JSON arguments parsed into a dictionary of JsonElements.</summary>
    public static AIFunctionArguments HostArguments() =>
        new(JsonSerializer.Deserialize(Inputs.ArgumentsJson, PeerJsonContext.Default.DictionaryStringObject)!);

    public ValueTask<string> OursInvokeAsync() => Ours.InvokeAsync("send_email", Inputs.ArgumentsJson);

    public ValueTask<object?> OursFunctionInvokeAsync() => OursFunction.InvokeAsync(HostArguments());

    /// <summary>The generated AIFunction read from its property on every call (the property builds a new function each time).</summary>
    public ValueTask<object?> OursFunctionPropertyInvokeAsync() => Ours.SendEmailAIFunction.InvokeAsync(HostArguments());

    public ValueTask<object?> PeerFunctionInvokeAsync() => PeerFunction.InvokeAsync(HostArguments());

    public Task<string> OursDirectAsync() => Ours.SendEmail(Inputs.To, Inputs.Subject, Inputs.Markdown);

    public Task<string> HandWrittenAsync() => HandWritten.SendEmailAsync(Inputs.To, Inputs.Subject, Inputs.Markdown);

    public Task<string> RefitAsync() => Refit.SendEmailAsync(Inputs.To, Inputs.Subject, Inputs.Markdown);

    /// <summary>Every side's send, by name, as one uniform call.</summary>
    public IReadOnlyList<(string Name, Func<Task<object?>> Send)> All() => new (string, Func<Task<object?>>)[]
    {
        ("ours: SendEmail(...)", async () => await OursDirectAsync()),
        ("ours: InvokeAsync(json)", async () => await OursInvokeAsync()),
        ("ours: SendEmailAIFunction.InvokeAsync", async () => await OursFunctionInvokeAsync()),
        ("hand-written HttpClient + Utf8JsonWriter", async () => await HandWrittenAsync()),
        ("Refit 16", async () => await RefitAsync()),
        ("AIFunctionFactory.Create(...).InvokeAsync", async () => await PeerFunctionInvokeAsync()),
    };
}
