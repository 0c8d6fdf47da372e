using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using MultiMail.Sandbox.Tests.Infrastructure;
using Xunit;

namespace MultiMail.Sandbox.Tests;

/// <summary>Check inbox (filters, cursor paging), read-marks-read, threads, attachments, tags and contacts.</summary>
public sealed class InboxTests
{
    private static string[] Ids(ApiResponse list) => list.Json.GetProperty("emails").EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToArray();

    [Fact]
    public async Task CursorPagingWalksTheWholeInboxNewestFirstWithoutOverlap()
    {
        await using var s = await TestSandbox.StartAsync();
        var sent = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            sent.Add(await s.InboundAsync(subject: "Message " + i));
        }

        var path = "v1/mailboxes/" + s.Mailbox + "/emails";
        var first = await s.Agent.Get(path);
        Assert.Equal(20, Ids(first).Length);
        Assert.Equal(sent.AsEnumerable().Reverse().Take(20), Ids(first));
        var second = await s.Agent.Get(path + "?cursor=" + first.Str("cursor"));
        Assert.Equal(sent.Take(5).Reverse(), Ids(second));
        Assert.Equal(JsonValueKind.Null, second.Json.GetProperty("cursor").ValueKind);

        Assert.Equal(25, Ids(await s.Agent.Get(path + "?limit=100")).Length);
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await s.Agent.Get(path + "?limit=7" + (cursor is null ? string.Empty : "&cursor=" + cursor));
            Assert.True(Ids(page).Length <= 7);
            seen.AddRange(Ids(page));
            cursor = page.Json.GetProperty("cursor").GetString();
        }
        while (cursor is not null);
        Assert.Equal(sent.AsEnumerable().Reverse(), seen);

        foreach (var bad in new[] { "limit=0", "limit=101", "limit=abc", "limit=-5", "cursor=xyz", "status=sent", "direction=sideways", "has_attachments=yes", "date_after=notadate", "since_id=em_unknown" })
        {
            var response = await s.Agent.Get(path + "?" + bad);
            Assert.True(response.Status == 400, bad + " → " + response);
            Contract.AssertError(response);
        }
    }

    [Fact]
    public async Task FiltersNarrowTheList()
    {
        await using var s = await TestSandbox.StartAsync();
        var invoice = await s.Sandbox.SimulateInboundAsync(s.Mailbox, new SandboxInboundEmail
        {
            From = "billing@vendor.example",
            Subject = "Invoice 2026-03",
            Markdown = "Attached.",
            Attachments = [new SandboxAttachment("invoice.txt", "text/plain", "total: 42"u8.ToArray())],
        });
        s.Time.Advance(TimeSpan.FromHours(1));
        var hello = await s.InboundAsync(from: "friend@example.org", subject: "Hello again");
        s.Time.Advance(TimeSpan.FromHours(1));
        var outbound = await s.SendAsync();
        var path = "v1/mailboxes/" + s.Mailbox + "/emails?";

        Assert.Equal([invoice], Ids(await s.Agent.Get(path + "sender=VENDOR")));
        Assert.Equal([invoice], Ids(await s.Agent.Get(path + "subject_contains=invoice")));
        Assert.Equal([invoice], Ids(await s.Agent.Get(path + "has_attachments=true")));
        Assert.Equal([outbound, hello], Ids(await s.Agent.Get(path + "has_attachments=false")));
        Assert.Equal([outbound], Ids(await s.Agent.Get(path + "direction=outbound")));
        Assert.Equal([hello, invoice], Ids(await s.Agent.Get(path + "direction=inbound")));
        Assert.Equal([outbound], Ids(await s.Agent.Get(path + "status=pending_send_approval")));
        Assert.Equal([outbound, hello], Ids(await s.Agent.Get(path + "since_id=" + invoice)));
        Assert.Equal([hello], Ids(await s.Agent.Get(path + "date_after=2026-03-02T09:30:00Z&date_before=2026-03-02T10:30:00Z")));

        var attachment = await s.Agent.Get("v1/mailboxes/" + s.Mailbox + "/emails/" + invoice + "/attachments/invoice.txt");
        Assert.Equal(200, attachment.Status);
        Assert.Equal("text/plain", attachment.ContentHeaders!.ContentType!.MediaType);
        Assert.Equal("total: 42", attachment.Text);
        Assert.Equal(404, (await s.Agent.Get("v1/mailboxes/" + s.Mailbox + "/emails/" + invoice + "/attachments/other.txt")).Status);
    }

    [Fact]
    public async Task ReadingAnUnreadEmailMarksItRead()
    {
        await using var s = await TestSandbox.StartAsync();
        var id = await s.InboundAsync();
        var unread = "v1/mailboxes/" + s.Mailbox + "/emails?status=unread";
        Assert.Equal([id], Ids(await s.Agent.Get(unread)));

        var first = await s.Agent.Get("v1/mailboxes/" + s.Mailbox + "/emails/" + id);
        Assert.Equal("read", first.Str("status"));
        Assert.Equal("Hello there", first.Str("markdown"));
        Assert.Empty(Ids(await s.Agent.Get(unread)));
        Assert.Equal([id], Ids(await s.Agent.Get("v1/mailboxes/" + s.Mailbox + "/emails?status=read")));

        Assert.Equal("read", (await s.Agent.Get("v1/mailboxes/" + s.Mailbox + "/emails/" + id)).Str("status"));
        Assert.Single(s.Sandbox.GetAuditLog(), e => e.Action == "email.read" && e.ResourceId == id);
        Assert.Equal(404, (await s.Agent.Get("v1/mailboxes/" + s.Mailbox + "/emails/em_nope")).Status);
        Assert.Equal("Mailbox not found", (await s.Agent.Get("v1/mailboxes/nope/emails/" + id)).Error);
    }

    [Fact]
    public async Task RepliesAndInboundAnswersShareAThread()
    {
        await using var s = await TestSandbox.StartAsync();
        var question = await s.InboundAsync(from: "carol@example.com", subject: "Fwd: Re: Pricing");
        s.Time.Advance(TimeSpan.FromMinutes(1));
        var reply = await s.Agent.Post("v1/mailboxes/" + s.Mailbox + "/reply/" + question, new { markdown = "It is 10 EUR.", cc = new[] { "sales@example.com" } });
        await s.DecideAsync(reply.Str("id"), "approve");
        s.Time.Advance(TimeSpan.FromMinutes(1));
        var answer = await s.InboundAsync(from: "carol@example.com", subject: "Re: Re: Pricing", inReplyTo: reply.Str("id"));
        var unrelated = await s.InboundAsync(subject: "Pricing");

        var threadId = reply.Str("thread_id");
        var thread = await s.Agent.Get("v1/mailboxes/" + s.Mailbox + "/threads/" + threadId);
        Assert.Equal(200, thread.Status);
        Assert.Equal(3, thread.Json.GetProperty("message_count").GetInt32());
        var emails = thread.Json.GetProperty("emails").EnumerateArray().ToArray();
        Assert.Equal([question, reply.Str("id"), answer], emails.Select(e => e.GetProperty("id").GetString()));
        Assert.Equal(["inbound", "outbound", "inbound"], emails.Select(e => e.GetProperty("direction").GetString()));
        Assert.Equal(["Pricing", "Re: Pricing", "Pricing"], emails.Select(e => e.GetProperty("subject").GetString()));
        Assert.Equal(
            ["carol@example.com", "agent@sandbox.multimail.dev", "sales@example.com"],
            thread.Json.GetProperty("participants").EnumerateArray().Select(p => p.GetString()));
        Assert.True(thread.Json.GetProperty("has_unanswered_inbound").GetBoolean());
        Assert.Equal("2026-03-02T09:02:00.000Z", thread.Str("last_activity"));

        var other = await s.Agent.Get("v1/mailboxes/" + s.Mailbox + "/emails/" + unrelated);
        Assert.NotEqual(threadId, other.Str("thread_id"));
        Assert.Equal(404, (await s.Agent.Get("v1/mailboxes/" + s.Mailbox + "/threads/th_nope")).Status);
        Assert.Equal(400, (await s.Admin.Post("sandbox/v1/mailboxes/" + s.Mailbox + "/inbound", new { from = "a@example.com", subject = "s", markdown = "m", in_reply_to = "em_nope" })).Status);
    }

    [Fact]
    public async Task TagsMergeAndDeleteSingleKeys()
    {
        await using var s = await TestSandbox.StartAsync();
        var id = await s.InboundAsync();
        var path = "v1/mailboxes/" + s.Mailbox + "/emails/" + id + "/tags";

        Assert.Equal(200, (await s.Agent.Put(path, new { tags = new { priority = "high", customer = "acme" } })).Status);
        var merged = await s.Agent.Put(path, new { tags = new { priority = "low", stage = "triaged" } });
        Assert.Equal(
            new Dictionary<string, string> { ["customer"] = "acme", ["priority"] = "low", ["stage"] = "triaged" },
            merged.Json.GetProperty("tags").Deserialize<Dictionary<string, string>>());

        var deleted = await s.Agent.Delete(path + "/customer");
        Assert.True(deleted.Json.GetProperty("deleted").GetBoolean());
        Assert.False((await s.Agent.Delete(path + "/customer")).Json.GetProperty("deleted").GetBoolean());
        var now = await s.Agent.Get(path);
        Assert.Equal(["priority", "stage"], now.Json.GetProperty("tags").EnumerateObject().Select(p => p.Name));
        Assert.Equal("low", (await s.Agent.Get("v1/mailboxes/" + s.Mailbox + "/emails/" + id)).Json.GetProperty("tags").GetProperty("priority").GetString());

        Assert.Equal(400, (await s.Agent.Put(path, new { tags = new { count = 3 } })).Status);
        Assert.Equal(400, (await s.Agent.Put(path, new { labels = new { a = "b" } })).Status);
        Assert.Equal(403, (await s.Oversight.Put(path, new { tags = new { a = "b" } })).Status);
        Assert.Equal(404, (await s.Agent.Put("v1/mailboxes/" + s.Mailbox + "/emails/em_nope/tags", new { tags = new { a = "b" } })).Status);
    }

    [Fact]
    public async Task ContactsAreSearchableByNameOrEmailAndDeletedByAdmins()
    {
        await using var s = await TestSandbox.StartAsync();
        var bob = await s.Agent.Post("v1/contacts", new { name = "Bob Builder", email = "bob@builders.example", tags = new[] { "vendor" } });
        Assert.Equal(201, bob.Status);
        Assert.Equal(201, (await s.Agent.Post("v1/contacts", new { name = "Alice Smith", email = "alice@example.com" })).Status);

        string[] Names(ApiResponse r) => r.Json.GetProperty("contacts").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToArray();
        Assert.Equal(["Alice Smith", "Bob Builder"], Names(await s.Agent.Get("v1/contacts")));
        Assert.Equal(["Bob Builder"], Names(await s.Agent.Get("v1/contacts?q=BUILD")));
        Assert.Equal(["Alice Smith"], Names(await s.Agent.Get("v1/contacts?q=alice@")));
        Assert.Empty(Names(await s.Agent.Get("v1/contacts?q=zed")));
        Assert.Equal(["vendor"], bob.Json.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));

        Assert.Equal("Name and email required", (await s.Agent.Post("v1/contacts", new { email = "x@example.com" })).Error);
        Assert.Equal(400, (await s.Agent.Post("v1/contacts", new { name = "X", email = "not-an-email" })).Status);
        Assert.Equal(403, (await s.Agent.Delete("v1/contacts/" + bob.Str("id"))).Status);
        Assert.Equal(200, (await s.Admin.Delete("v1/contacts/" + bob.Str("id"))).Status);
        Assert.Equal(404, (await s.Admin.Delete("v1/contacts/" + bob.Str("id"))).Status);
        Assert.Equal(["Alice Smith"], Names(await s.Agent.Get("v1/contacts")));
    }
}
