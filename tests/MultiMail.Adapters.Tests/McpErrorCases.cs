using System.Collections.Generic;
using System.Linq;

namespace MultiMail.Adapters.Tests;

/// <summary>One tool call of the error table: the tool, its arguments, and what must come back.</summary>
/// <param name="Name">What the call shows.</param>
/// <param name="Tool">The tool (tests/MultiMail.McpTestServer).</param>
/// <param name="Arguments">The arguments as the model sends them.</param>
/// <param name="Kind">The expected error kind; <see cref="MultiMailToolErrorKind.None"/> for a success.</param>
/// <param name="TextStart">How the text for the model starts (or, for a success, a fragment it contains).</param>
public sealed record McpErrorCase(string Name, string Tool, IReadOnlyDictionary<string, object?> Arguments, MultiMailToolErrorKind Kind, string TextStart)
{
    public bool IsError => Kind != MultiMailToolErrorKind.None;

    public override string ToString() => Name;
}

/// <summary>
/// The table the MCP error tests run through every client (the MCP C# SDK's in-process client, the official MCP
/// Inspector CLI) and through Microsoft.Extensions.AI: 12 calls with bad arguments, 5 the API (or the network) refuses,
/// 4 that succeed. Every bad value survives the Inspector CLI, which converts arguments to the schema's types before it
/// sends them (a limit of "ten" would arrive as no limit at all).
/// </summary>
public static class McpErrorCases
{
    private static readonly string[] Ann = { "ann@example.com" };

    public static IReadOnlyList<McpErrorCase> All { get; } = new McpErrorCase[]
    {
        Bad("no arguments", "send_email", new()),
        Bad("an address that is not one", "send_email", new() { ["to"] = "not-an-address", ["subject"] = "Hi", ["markdown"] = "Hello" }),
        Bad("no recipients", "send_email", new() { ["to"] = System.Array.Empty<string>(), ["subject"] = "Hi", ["markdown"] = "Hello" }),
        Bad("a subject of two lines", "send_email", new() { ["to"] = Ann, ["subject"] = "Hi\nthere", ["markdown"] = "Hello" }),
        Bad("a subject of 999 characters", "send_email", new() { ["to"] = Ann, ["subject"] = new string('s', 999), ["markdown"] = "Hello" }),
        Bad("a parameter the tool does not take", "send_email", new() { ["to"] = Ann, ["subject"] = "Hi", ["markdown"] = "Hello", ["bcc"] = "eve@example.com" }),
        Bad("a limit of 0", "check_inbox", new() { ["limit"] = 0 }),
        Bad("a limit of 1000", "check_inbox", new() { ["limit"] = 1000 }),
        Bad("an email id with a query in it", "delete_tag", new() { ["email_id"] = "em_1?admin=1", ["key"] = "label" }),
        Bad("a reply without the email id", "reply_email", new() { ["markdown"] = "Thanks" }),
        Bad("an email id that is a path", "reply_email", new() { ["email_id"] = "../mailboxes", ["markdown"] = "Thanks" }),
        Bad("a tag without its key", "delete_tag", new() { ["email_id"] = "em_1" }),

        new("an email that does not exist (404)", "reply_email", new Dictionary<string, object?> { ["email_id"] = "em_does_not_exist", ["markdown"] = "Thanks" }, MultiMailToolErrorKind.ApiStatus, "Error 404"),
        new("a send from a read_only mailbox (403)", "send_email_read_only", new Dictionary<string, object?> { ["to"] = Ann, ["subject"] = "Hi", ["markdown"] = "Hello" }, MultiMailToolErrorKind.ApiStatus, "Error 403"),
        new("a revoked key (401)", "check_inbox_revoked_key", new Dictionary<string, object?> { ["limit"] = 5 }, MultiMailToolErrorKind.ApiStatus, "Error 401"),
        new("a used-up send quota (429)", "send_email_over_quota", new Dictionary<string, object?> { ["to"] = Ann, ["subject"] = "Hi", ["markdown"] = "Hello" }, MultiMailToolErrorKind.RateLimited, "Error 429"),
        new("an API nobody answers (network)", "check_inbox_offline", new Dictionary<string, object?> { ["limit"] = 5 }, MultiMailToolErrorKind.Network, "Error: could not reach the MultiMail API"),

        Ok("a send (held for approval)", "send_email", new() { ["to"] = Ann, ["subject"] = "Weekly summary", ["markdown"] = "All good." }, "\"id\":\"em_"),
        Ok("the inbox", "check_inbox", new() { ["limit"] = 5 }, "emails"),
        Ok("the inbox with the default limit", "check_inbox", new(), "emails"),
        Ok("a limit sent as a string", "check_inbox", new() { ["limit"] = "3" }, "emails"),
    };

    public static IEnumerable<object[]> Data => All.Select(c => new object[] { c });

    private static McpErrorCase Bad(string name, string tool, Dictionary<string, object?> arguments) =>
        new(name, tool, arguments, MultiMailToolErrorKind.InvalidArguments, "Invalid arguments for " + tool + ":");

    private static McpErrorCase Ok(string name, string tool, Dictionary<string, object?> arguments, string fragment) =>
        new(name, tool, arguments, MultiMailToolErrorKind.None, fragment);
}
