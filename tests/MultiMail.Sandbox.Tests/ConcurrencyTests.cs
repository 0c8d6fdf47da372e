using System.Linq;
using System.Threading.Tasks;
using MultiMail.Sandbox.Tests.Infrastructure;
using Xunit;

namespace MultiMail.Sandbox.Tests;

/// <summary>Concurrent requests: one winner per decision, no lost or duplicated sends.</summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public async Task TwoRacingDecisionsOnOneEmailHaveExactlyOneWinner()
    {
        await using var s = await TestSandbox.StartAsync();
        var secondKey = (await s.Admin.Post("v1/api-keys", new { name = "second reviewer", scopes = new[] { "oversight" } })).Str("api_key");
        using var secondReviewer = s.Sandbox.CreateClient(secondKey);
        var ids = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => s.SendAsync()));

        foreach (var id in ids)
        {
            var results = await Task.WhenAll(
                s.Oversight.Post("v1/oversight/decide", new { email_id = id, action = "approve" }),
                secondReviewer.Post("v1/oversight/decide", new { email_id = id, action = "reject" }));
            Assert.Equal([200, 409], results.Select(r => r.Status).Order());
            var winner = results.Single(r => r.Status == 200).Str("status");
            var status = (await s.ReadAsync(id)).Str("status");
            Assert.Equal(winner == "approved_and_sent" ? "archived" : "rejected", status);
            Assert.Equal(winner == "approved_and_sent" ? 1 : 0, s.OutboxFor(id).Length);
        }

        var decisions = s.Sandbox.GetAuditLog().Where(e => e.Action is "oversight.approve" or "oversight.reject").ToArray();
        Assert.Equal(ids.Length, decisions.Length);
        Assert.Equal(ids.Order(), decisions.Select(d => d.ResourceId).Order());
    }

    [Fact]
    public async Task AHundredConcurrentSendsAreAllStored()
    {
        await using var s = await TestSandbox.StartAsync();
        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(i =>
            s.Agent.Post("v1/mailboxes/" + s.Mailbox + "/send", Api.Email(subject: "Bulk " + i))));

        Assert.All(responses, r => Assert.Equal(202, r.Status));
        var ids = responses.Select(r => r.Str("id")).ToArray();
        Assert.Equal(100, ids.Distinct().Count());
        var pending = (await s.Oversight.Get("v1/oversight/pending")).Json.GetProperty("emails").EnumerateArray().Select(e => e.GetProperty("id").GetString()).ToArray();
        Assert.Equal(ids.Order(), pending.Order());
        Assert.Equal(100, s.Sandbox.GetAuditLog().Count(e => e.Action == "email.send"));
        var subjects = (await s.Agent.Get("v1/mailboxes/" + s.Mailbox + "/emails?limit=100")).Json.GetProperty("emails").EnumerateArray().Select(e => e.GetProperty("subject").GetString());
        Assert.Equal(Enumerable.Range(0, 100).Select(i => "Bulk " + i).Order(), subjects.Order());
    }

    [Fact]
    public async Task ConcurrentSendsWithOneIdempotencyKeyCreateOneEmail()
    {
        await using var s = await TestSandbox.StartAsync();
        var body = new { to = new[] { "bob@example.com" }, subject = "Once", markdown = "Only once", idempotency_key = "once" };
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => s.Agent.Post("v1/mailboxes/" + s.Mailbox + "/send", body)));
        Assert.Single(responses, r => r.Status == 202);
        Assert.Equal(19, responses.Count(r => r.Status == 200));
        Assert.Single(responses.Select(r => r.Str("id")).Distinct());
        Assert.Single((await s.Oversight.Get("v1/oversight/pending")).Json.GetProperty("emails").EnumerateArray());
    }
}
