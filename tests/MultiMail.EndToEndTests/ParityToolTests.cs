using System;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using MultiMail.EndToEndTests.Infrastructure;
using MultiMail.EndToEndTests.Tools;
using MultiMail.Sandbox;

namespace MultiMail.EndToEndTests;

/// <summary>
/// Issue 15's operations end to end: generated methods → runtime (runtime operations included) → real HTTP → the
/// sandbox's oversight, and back.
/// </summary>
public sealed class ParityToolTests
{
    private static ParityMailTools Tools(MultiMailSandbox sandbox, string key) =>
        new(new MultiMailClient(new MultiMailClientOptions { ApiKey = key, BaseAddress = sandbox.BaseAddress, DefaultMailboxId = sandbox.DefaultMailboxId, Timeout = TimeSpan.FromSeconds(10) }));

    [Fact]
    public async Task Schedule_email_is_held_for_approval_then_delivered_at_its_time()
    {
        var clock = ManualTimeProvider.StartingNow();
        await using var sandbox = await MultiMailSandbox.StartAsync(new MultiMailSandboxOptions { TimeProvider = clock });
        var agent = Tools(sandbox, sandbox.AgentApiKey);
        using var op = ToolSession.Operator(sandbox);

        var at = clock.GetUtcNow().AddHours(1).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var id = Results.Json(await agent.ScheduleEmail(["bob@example.com"], "Later", "See you.", at)).Str("id");
        Assert.Equal("approved", Results.Json(await op.Tools.DecideEmail(id, Decision.Approve)).Str("status"));
        Assert.Equal("scheduled", Results.Json(await agent.ReadEmail(id)).Str("status"));

        clock.Advance(TimeSpan.FromHours(1));
        await sandbox.ReleaseDueScheduledEmailsAsync();
        Assert.Equal(id, Assert.Single(sandbox.GetOutbox()).EmailId);

        var local = await agent.ScheduleEmail(["bob@example.com"], "Later", "See you.", "2026-03-15T14:00:00+02:00");
        Assert.StartsWith("Invalid arguments for schedule_email: 'send_at'", local);   // the contract wants UTC ending in Z
    }

    [Fact]
    public async Task Download_attachment_returns_the_exact_bytes()
    {
        await using var sandbox = await MultiMailSandbox.StartAsync();
        var bytes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var id = await sandbox.SimulateInboundAsync(sandbox.DefaultMailboxId, new SandboxInboundEmail
        {
            From = "carol@example.com",
            Subject = "Every byte",
            Markdown = "Attached.",
            Attachments = [new SandboxAttachment("all bytes.bin", "application/octet-stream", bytes)],
        });

        var file = Results.Json(await Tools(sandbox, sandbox.AgentApiKey).DownloadAttachment(id, "all bytes.bin"));

        Assert.Equal("all bytes.bin", file.Str("filename"));
        Assert.Equal("application/octet-stream", file.Str("content_type"));
        Assert.Equal(256, file.GetProperty("size_bytes").GetInt32());
        Assert.Equal(bytes, Convert.FromBase64String(file.Str("content_base64")));
        Assert.Contains("404", await Tools(sandbox, sandbox.AgentApiKey).DownloadAttachment(id, "missing.bin"));
    }

    [Fact]
    public async Task Wait_for_email_returns_the_first_matching_new_mail()
    {
        await using var sandbox = await MultiMailSandbox.StartAsync();
        await sandbox.SimulateInboundAsync(sandbox.DefaultMailboxId, new SandboxInboundEmail { From = "old@example.com", Subject = "Already here", Markdown = "x" });

        var waiting = Tools(sandbox, sandbox.AgentApiKey).WaitForEmail(60, new WaitFilter { SubjectContains = "invoice" });

        // The tool first notes the newest email, then waits for newer ones; mail keeps arriving until it answers, so some
        // arrives after that first look however slow this machine is.
        for (var i = 1; !waiting.IsCompleted && i <= 20; i++)
        {
            await sandbox.SimulateInboundAsync(sandbox.DefaultMailboxId, new SandboxInboundEmail { From = "news@example.com", Subject = "Newsletter " + i, Markdown = "x" });
            await sandbox.SimulateInboundAsync(sandbox.DefaultMailboxId, new SandboxInboundEmail { From = "billing@example.com", Subject = "Your invoice " + i, Markdown = "x" });
            await Task.WhenAny(waiting, Task.Delay(1000));
        }

        var found = Results.Json(await waiting);
        Assert.True(found.GetProperty("found").GetBoolean());
        var subjects = found.GetProperty("emails").EnumerateArray().Select(e => e.Str("subject")).ToList();
        Assert.NotEmpty(subjects);
        Assert.All(subjects, subject => Assert.StartsWith("Your invoice ", subject));
    }

    [Fact]
    public async Task Manage_upgrade_raises_the_mode_only_with_the_operator_s_code()
    {
        await using var sandbox = await MultiMailSandbox.StartAsync();
        var agent = Tools(sandbox, sandbox.AgentApiKey);

        Assert.Equal("upgrade_requested", Results.Json(await agent.ManageUpgrade("request", targetMode: "monitored")).Str("status"));
        Assert.Contains("403", await agent.ManageUpgrade("apply", code: "AAA-AAA"));
        var notice = sandbox.GetOutbox().Last(m => m.Kind == "operator_notice");
        var code = Regex.Match(notice.Markdown, @"code \(valid 24 hours\): (\S+)").Groups[1].Value;
        Assert.Equal("monitored", Results.Json(await agent.ManageUpgrade("apply", code: code)).Str("oversight_mode"));
        Assert.StartsWith("Invalid arguments for manage_upgrade: 'code' is required when action is apply", await agent.ManageUpgrade("apply"));
    }

    [Fact]
    public async Task Manage_spam_status_quarantines_and_restores_inbound_mail_and_delete_mailbox_needs_admin()
    {
        await using var sandbox = await MultiMailSandbox.StartAsync();
        var agent = Tools(sandbox, sandbox.AgentApiKey);
        var id = await sandbox.SimulateInboundAsync(sandbox.DefaultMailboxId, new SandboxInboundEmail { From = "spam@example.com", Subject = "Win", Markdown = "x" });

        Assert.Equal("spam_quarantined", Results.Json(await agent.ManageSpamStatus(id, "report")).Str("status"));
        Assert.Equal("unread", Results.Json(await agent.ManageSpamStatus(id, "clear")).Str("status"));

        var mailbox = await sandbox.CreateMailboxAsync("temp");
        Assert.Contains("403", await agent.DeleteMailbox(mailbox));
        Assert.Equal("deleted", Results.Json(await Tools(sandbox, sandbox.AdminApiKey).DeleteMailbox(mailbox)).Str("status"));
    }
}
