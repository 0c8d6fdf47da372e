using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Xunit;

namespace MultiMail.Sandbox.Tests.Infrastructure;

/// <summary>A started sandbox with clients for its three built-in keys.</summary>
internal sealed class TestSandbox : IAsyncDisposable
{
    private TestSandbox(MultiMailSandbox sandbox, ManualTimeProvider time)
    {
        Sandbox = sandbox;
        Time = time;
        Agent = sandbox.CreateClient(sandbox.AgentApiKey);
        Oversight = sandbox.CreateClient(sandbox.OversightApiKey);
        Admin = sandbox.CreateClient(sandbox.AdminApiKey);
        Anonymous = sandbox.CreateClient();
    }

    public MultiMailSandbox Sandbox { get; }

    public ManualTimeProvider Time { get; }

    public HttpClient Agent { get; }

    public HttpClient Oversight { get; }

    public HttpClient Admin { get; }

    public HttpClient Anonymous { get; }

    public string Mailbox => Sandbox.DefaultMailboxId;

    public static async Task<TestSandbox> StartAsync(Action<MultiMailSandboxOptions>? configure = null)
    {
        var time = ManualTimeProvider.StartingAt2026();
        var options = new MultiMailSandboxOptions { TimeProvider = time };
        configure?.Invoke(options);
        return new TestSandbox(await MultiMailSandbox.StartAsync(options), time);
    }

    /// <summary>Sends with the agent key and asserts the 202; returns the email id.</summary>
    public async Task<string> SendAsync(string? mailboxId = null, object? body = null)
    {
        var response = await Agent.Post("v1/mailboxes/" + (mailboxId ?? Mailbox) + "/send", body ?? Api.Email());
        Assert.True(response.Status == 202, response.ToString());
        Assert.Equal("pending_scan", response.Str("status"));
        return response.Str("id");
    }

    public async Task<ApiResponse> DecideAsync(string emailId, string action, string? reason = null) =>
        await Oversight.Post("v1/oversight/decide", new { email_id = emailId, action, reason });

    /// <summary>Reads an email as the admin (read access without the agent's key) and returns its JSON.</summary>
    public async Task<ApiResponse> ReadAsync(string emailId, string? mailboxId = null) =>
        await Admin.Get("v1/mailboxes/" + (mailboxId ?? Mailbox) + "/emails/" + emailId);

    public Task<string> InboundAsync(string? mailboxId = null, string from = "carol@example.com", string subject = "Question", string markdown = "Hello there", string? inReplyTo = null) =>
        Sandbox.SimulateInboundAsync(mailboxId ?? Mailbox, new SandboxInboundEmail { From = from, Subject = subject, Markdown = markdown, InReplyTo = inReplyTo });

    public SandboxOutboxMessage[] OutboxFor(string emailId) => Sandbox.GetOutbox().Where(m => m.EmailId == emailId).ToArray();

    public async ValueTask DisposeAsync()
    {
        Agent.Dispose();
        Oversight.Dispose();
        Admin.Dispose();
        Anonymous.Dispose();
        await Sandbox.DisposeAsync();
    }
}
