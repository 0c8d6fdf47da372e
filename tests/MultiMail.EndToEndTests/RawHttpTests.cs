using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Tasks;
using MultiMail.EndToEndTests.Infrastructure;
using MultiMail.EndToEndTests.Tools;
using MultiMail.Identity;
using MultiMail.Sandbox;

namespace MultiMail.EndToEndTests;

/// <summary>
/// Code an agent wrote and ran (a plain <see cref="HttpClient"/> with the agent's key) gets no way around oversight: it
/// is gated exactly like the generated tool.
/// </summary>
public sealed class RawHttpTests
{
    private static HttpClient AgentCode(MultiMailSandbox sandbox)
    {
        var http = new HttpClient { BaseAddress = sandbox.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", sandbox.AgentApiKey);
        return http;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient http, string path, object body)
    {
        using var response = await http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return (response.StatusCode, document.RootElement.Clone());
    }

    [Fact]
    public async Task ARawSendIsHeldForApprovalLikeTheTools()
    {
        await using var sandbox = await MultiMailSandbox.StartAsync();
        using var agent = ToolSession.Agent(sandbox);
        using var op = ToolSession.Operator(sandbox);
        using var http = AgentCode(sandbox);

        var (status, body) = await PostAsync(http, "v1/mailboxes/" + sandbox.DefaultMailboxId + "/send", new { to = new[] { "bob@example.com" }, subject = "Script", markdown = "Sent by generated code." });
        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("pending_scan", body.Str("status"));
        var rawId = body.Str("id");

        // The tool's send of the same kind gets the same treatment.
        var toolId = Results.Json(await agent.Tools.SendEmail(["bob@example.com"], "Tool", "Sent by the tool.")).Str("id");

        Assert.Empty(sandbox.GetOutbox());
        var pending = Results.Json(await op.Tools.ListPending()).Items("emails");
        Assert.Equal(2, pending.Count);
        Assert.All(pending, p => Assert.Equal("pending_send_approval", p.Str("status")));
        Assert.Contains(pending, p => p.Str("id") == rawId);
        Assert.Contains(pending, p => p.Str("id") == toolId);
        Assert.Equal("pending_send_approval", Results.Json(await agent.Tools.ReadEmail(rawId)).Str("status"));

        // The same code cannot approve its own mail.
        var (selfStatus, selfBody) = await PostAsync(http, "v1/oversight/decide", new { email_id = rawId, action = "approve" });
        Assert.Equal(HttpStatusCode.Forbidden, selfStatus);
        Assert.Equal("Requires oversight scope", selfBody.Str("error"));
        Assert.Empty(sandbox.GetOutbox());

        // Only the operator's approval delivers it.
        Assert.Equal("approved_and_sent", Results.Json(await op.Tools.DecideEmail(rawId, Decision.Approve)).Str("status"));
        var delivered = Assert.Single(sandbox.GetOutbox());
        Assert.Equal(rawId, delivered.EmailId);
        Assert.Equal("gated_send", MultiMailIdentity.Verify(delivered.IdentityHeader, sandbox.SigningKeyJwk).Claims?.Oversight);
        Assert.Equal(toolId, Assert.Single(Results.Json(await op.Tools.ListPending()).Items("emails")).Str("id"));
    }

    [Fact]
    public async Task ARawSendAndReplyFromAReadOnlyMailboxGetTheSame403()
    {
        await using var sandbox = await MultiMailSandbox.StartAsync();
        using var agent = ToolSession.Agent(sandbox);
        using var http = AgentCode(sandbox);
        await sandbox.SetOversightModeAsync(sandbox.DefaultMailboxId, SandboxOversightMode.ReadOnly);
        var inbound = await sandbox.SimulateInboundAsync(sandbox.DefaultMailboxId, new SandboxInboundEmail { From = "ann@example.com", Subject = "Hi", Markdown = "Hi" });

        var (sendStatus, sendBody) = await PostAsync(http, "v1/mailboxes/" + sandbox.DefaultMailboxId + "/send", new { to = new[] { "bob@example.com" }, subject = "Script", markdown = "Hello" });
        var (replyStatus, replyBody) = await PostAsync(http, "v1/mailboxes/" + sandbox.DefaultMailboxId + "/reply/" + inbound, new { markdown = "Hello" });
        Assert.Equal(HttpStatusCode.Forbidden, sendStatus);
        Assert.Equal(HttpStatusCode.Forbidden, replyStatus);
        var error = sendBody.Str("error");
        Assert.StartsWith("Mailbox is in read_only mode:", error, StringComparison.Ordinal);
        Assert.Equal(error, replyBody.Str("error"));

        // The tool reports the very same refusal.
        var toolText = await agent.Tools.SendEmail(["bob@example.com"], "Tool", "Hello");
        Assert.Equal("Error 403 (blocked by oversight): " + error.TrimEnd('.') + ". Sending from this mailbox is blocked: it is read_only, or the API key lacks the send scope. Do not retry; a human operator must change the mailbox's oversight mode or the key.", toolText);

        Assert.Empty(Results.Json(await agent.Tools.CheckInbox(direction: "outbound")).Items("emails"));
        Assert.Empty(sandbox.GetOutbox());
        Assert.Equal(3, sandbox.Audited("email.send_blocked").Count);
    }
}
