using System;
using System.Collections.Generic;
using System.Text;

namespace MultiMail.Benchmarks.Scenario;

/// <summary>
/// Before anything is timed: every side sends its request through a recording handler, and all must be equal on the
/// wire (method, URI, Authorization, Accept, User-Agent, content type, body bytes) and all must get the 202 answer.
/// </summary>
public static class WireCheck
{
    /// <summary>Runs the check, after proving that it catches a difference (a peer sending from another mailbox).</summary>
    public static string Run()
    {
        try
        {
            Compare(Inputs.Mailbox + "x");
        }
        catch (InvalidOperationException ex) when (ex.Message.StartsWith("wire check: ", StringComparison.Ordinal) && ex.Message.Contains("differs", StringComparison.Ordinal))
        {
            return Compare(Inputs.Mailbox) + "wire check: a peer sending from another mailbox is caught, as it must be\n";
        }

        throw new InvalidOperationException("wire check: a peer sending to another mailbox was not caught; the check is broken");
    }

    private static string Compare(string peerMailbox)
    {
        var handlers = new List<RecordingHandler>();
        var sides = Sides.Create(
            () =>
            {
                var handler = new RecordingHandler();
                handlers.Add(handler);
                return handler;
            },
            peerMailbox: peerMailbox);

        // Handlers are created in this order: ours, hand-written, Refit, AIFunctionFactory's hand-written client, the floor.
        var byName = new Dictionary<string, RecordingHandler>
        {
            ["ours: SendEmail(...)"] = handlers[0],
            ["ours: InvokeAsync(json)"] = handlers[0],
            ["ours: SendEmailAIFunction.InvokeAsync"] = handlers[0],
            ["hand-written HttpClient + Utf8JsonWriter"] = handlers[1],
            ["Refit 16"] = handlers[2],
            ["AIFunctionFactory.Create(...).InvokeAsync"] = handlers[3],
            ["transport floor (prepared bytes through HttpClient)"] = handlers[4],
        };

        WireRequest? reference = null;
        string? referenceName = null;
        var report = new StringBuilder();
        foreach (var (name, send) in sides.All())
        {
            var result = send().GetAwaiter().GetResult();
            var text = result switch
            {
                string s => s,
                System.Text.Json.JsonElement e => e.ValueKind == System.Text.Json.JsonValueKind.String ? e.GetString()! : e.GetRawText(),
                _ => result?.ToString() ?? "(null)",
            };
            if (!text.Contains("\"id\":\"em_01HZX3\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("wire check: " + name + " did not return the API's answer: " + text);
            }

            var request = byName[name].Last ?? throw new InvalidOperationException("wire check: " + name + " sent nothing");
            if (reference is null)
            {
                reference = request;
                referenceName = name;
                report.Append("wire check: the request every side must send:\n").Append(request).Append("\n\n");
            }
            else if (request != reference)
            {
                throw new InvalidOperationException("wire check: " + name + " differs from " + referenceName + ":\n--- " + referenceName + "\n" + reference + "\n--- " + name + "\n" + request);
            }

            report.Append("wire check: equal: ").Append(name).Append('\n');
        }

        return report.ToString();
    }
}
