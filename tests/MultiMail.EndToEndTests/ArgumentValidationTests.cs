using System;
using System.Linq;
using System.Threading.Tasks;
using MultiMail.EndToEndTests.Infrastructure;
using MultiMail.Sandbox;
using Xunit.Abstractions;

namespace MultiMail.EndToEndTests;

/// <summary>Invalid model arguments are answered by the generated code and never reach the sandbox.</summary>
public sealed class ArgumentValidationTests
{
    private readonly ITestOutputHelper _output;

    public ArgumentValidationTests(ITestOutputHelper output) => _output = output;

    private static string Recipients(int count) =>
        "[" + string.Join(", ", Enumerable.Range(1, count).Select(i => "\"r" + i + "@example.com\"")) + "]";

    [Theory]
    [InlineData("send_email", "too many recipients", "'to' must have at most 50 items")]
    [InlineData("send_email", "not an address", "'to[0]' must be an email address")]
    [InlineData("send_email", "subject too long", "'subject' must be at most 998 characters (got 999)")]
    [InlineData("send_email", "missing markdown", "'markdown' is required")]
    [InlineData("send_email", "unknown parameter", "unknown parameter 'bcc'")]
    [InlineData("read_email", "dot-dot id", "'email_id' must be an id, not a relative path segment")]
    [InlineData("cancel_message", "traversal id", "'email_id' must be a plain id")]
    [InlineData("reply_email", "slash id", "'email_id' must be a plain id")]
    [InlineData("decide_email", "unknown action", "'action' must be one of: approve, reject")]
    [InlineData("check_inbox", "limit out of range", "'limit' must be between 1 and 100 (got 1000)")]
    public async Task InvalidArgumentsNeverReachTheSandbox(string tool, string problem, string named)
    {
        await using var sandbox = await MultiMailSandbox.StartAsync();
        using var agent = ToolSession.CountedAgent(sandbox);
        using var op = ToolSession.Operator(sandbox);
        var held = Results.Json(await agent.Tools.SendEmail(["bob@example.com"], "Held", "Waiting.")).Str("id");
        var inbound = await sandbox.SimulateInboundAsync(sandbox.DefaultMailboxId, new SandboxInboundEmail { From = "ann@example.com", Subject = "Hi", Markdown = "Hi" });
        var before = agent.Transport!.Requests.Count;
        var auditBefore = sandbox.GetAuditLog().Count;

        var arguments = problem switch
        {
            "too many recipients" => "{\"to\": " + Recipients(60) + ", \"subject\": \"Hi\", \"markdown\": \"Hello\"}",
            "not an address" => """{"to": ["bob at example"], "subject": "Hi", "markdown": "Hello"}""",
            "subject too long" => "{\"to\": [\"bob@example.com\"], \"subject\": \"" + new string('s', 999) + "\", \"markdown\": \"Hello\"}",
            "missing markdown" => """{"to": ["bob@example.com"], "subject": "Hi"}""",
            "unknown parameter" => """{"to": ["bob@example.com"], "subject": "Hi", "markdown": "Hello", "bcc": ["spy@example.com"]}""",
            "dot-dot id" => """{"email_id": ".."}""",
            "traversal id" => "{\"email_id\": \"../emails/" + held + "\"}",
            "slash id" => "{\"email_id\": \"" + inbound + "/../" + inbound + "\", \"markdown\": \"Hello\"}",
            "unknown action" => "{\"email_id\": \"" + held + "\", \"action\": \"approve_all\"}",
            "limit out of range" => """{"limit": 1000}""",
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };

        var text = await agent.ToolSet.InvokeAsync(tool, arguments);
        _output.WriteLine(text);

        Assert.StartsWith("Invalid arguments for " + tool + ": ", text, StringComparison.Ordinal);
        Assert.Contains(named, text, StringComparison.Ordinal);
        Assert.EndsWith("Fix the arguments and call " + tool + " again.", text, StringComparison.Ordinal);
        Assert.Equal(before, agent.Transport.Requests.Count);
        Assert.Equal(auditBefore, sandbox.GetAuditLog().Count);
        Assert.Empty(sandbox.GetOutbox());
        var stillPending = Assert.Single(Results.Json(await op.Tools.ListPending()).Items("emails"));
        Assert.Equal((held, "pending_send_approval"), (stillPending.Str("id"), stillPending.Str("status")));
    }

    [Fact]
    public async Task DirectCallsAreCheckedTheSameWay()
    {
        await using var sandbox = await MultiMailSandbox.StartAsync();
        using var agent = ToolSession.CountedAgent(sandbox);
        var recipients = Enumerable.Range(1, 60).Select(i => "r" + i + "@example.com").ToArray();
        var audited = sandbox.GetAuditLog().Count;

        var tooMany = await agent.Tools.SendEmail(recipients, "Hi", "Hello");
        Assert.Equal("Invalid arguments for send_email: 'to' must have at most 50 items (got 60). Fix the arguments and call send_email again.", tooMany);
        Assert.StartsWith("Invalid arguments for read_email: 'email_id'", await agent.Tools.ReadEmail(".."), StringComparison.Ordinal);
        Assert.StartsWith("Invalid arguments for check_inbox: 'mailbox_id'", await agent.Tools.CheckInbox(mailboxId: "../../oversight/pending"), StringComparison.Ordinal);
        Assert.StartsWith("Invalid arguments for reply_email: 'email_id'", await agent.Tools.ReplyEmail("em_1\r\nX-Evil: 1", "Hello"), StringComparison.Ordinal);

        Assert.Empty(agent.Transport!.Requests);
        Assert.Equal(audited, sandbox.GetAuditLog().Count);
        Assert.Empty(sandbox.GetOutbox());

        // The boundary itself is allowed: 50 recipients go through (and are held).
        var fifty = Results.Json(await agent.Tools.SendEmail(recipients[..50], "Hi", "Hello"));
        Assert.Equal("pending_scan", fifty.Str("status"));
        Assert.Equal(new[] { "POST /v1/mailboxes/" + sandbox.DefaultMailboxId + "/send" }, agent.Transport.Requests);
    }

    [Fact]
    public async Task HeaderInjectionAndEmptyRecipientListsAreRefusedBeforeTheServer()
    {
        await using var sandbox = await MultiMailSandbox.StartAsync();
        using var agent = ToolSession.CountedAgent(sandbox);

        // A line break in the subject (header injection) and an empty recipient list are refused by the client.
        var injected = await agent.ToolSet.InvokeAsync("send_email", """{"to": ["bob@example.com"], "subject": "Hi\r\nBcc: spy@example.com", "markdown": "Hello"}""");
        Assert.StartsWith("Invalid arguments for send_email: 'subject' must match the pattern", injected, StringComparison.Ordinal);
        var empty = await agent.ToolSet.InvokeAsync("send_email", """{"to": [], "subject": "Hi", "markdown": "Hello"}""");
        Assert.Equal("Invalid arguments for send_email: 'to' must have at least 1 item (got 0). Fix the arguments and call send_email again.", empty);

        Assert.Empty(agent.Transport!.To("/send"));
        Assert.Empty(sandbox.Audited("email.send"));
        Assert.Empty(sandbox.GetOutbox());
    }

    [Fact]
    public async Task TheServerRefusesHeaderInjectionFromCodeThatBypassesTheTools()
    {
        await using var sandbox = await MultiMailSandbox.StartAsync();
        using var raw = sandbox.CreateClient(sandbox.AgentApiKey);

        using var response = await raw.PostAsync(
            "v1/mailboxes/" + sandbox.DefaultMailboxId + "/send",
            new System.Net.Http.StringContent("""{"to": ["bob@example.com"], "subject": "Hi\r\nBcc: spy@example.com", "markdown": "Hello"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(sandbox.GetOutbox());
    }
}
