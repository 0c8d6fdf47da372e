using System;
using System.Text;

namespace MultiMail.Benchmarks.Scenario;

/// <summary>The one tool call every side makes: the same key, address, mailbox, arguments and canned API answer.</summary>
public static class Inputs
{
    public const string ApiKey = "bench-key-0123456789abcdef";
    public const string Mailbox = "mbx_bench01";
    public const string BaseAddressText = "https://api.multimail.test/";
    public static readonly Uri BaseAddress = new(BaseAddressText);

    /// <summary>The User-Agent our client sends; the peers send the same so the requests are equal on the wire.</summary>
    public static string UserAgent => MultiMailClient.UserAgent;

    public static readonly string[] To = { "ada@example.com" };
    public const string Subject = "Weekly summary: AI safety best practices";
    public const string Markdown =
        "# AI safety best practices\n\n" +
        "Here is this week's summary, as requested.\n\n" +
        "1. **Human oversight** of consequential actions: sends wait for approval.\n" +
        "2. **Least privilege**: only the email agent holds the send tools.\n" +
        "3. **Audit trails** for every decision, including refusals.\n\n" +
        "Reply to this email with questions.";

    /// <summary>The model's arguments for send_email, as a chat client hands them over (JSON text; a literal, so reading it costs nothing).</summary>
    public const string ArgumentsJson = "{\"to\":[\"ada@example.com\"],\"subject\":\"Weekly summary: AI safety best practices\",\"markdown\":\"# AI safety best practices\\n\\nHere is this week's summary, as requested.\\n\\n1. **Human oversight** of consequential actions: sends wait for approval.\\n2. **Least privilege**: only the email agent holds the send tools.\\n3. **Audit trails** for every decision, including refusals.\\n\\nReply to this email with questions.\"}";

    /// <summary>What the in-memory API answers to a send: 202 Accepted.</summary>
    public const string SendResponse = "{\"id\":\"em_01HZX3\",\"status\":\"pending_scan\",\"mailbox_id\":\"mbx_bench01\",\"thread_id\":\"th_01HZX3\"}";
    public static readonly byte[] SendResponseBytes = Encoding.UTF8.GetBytes(SendResponse);
}
