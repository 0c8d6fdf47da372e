using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using CsCheck;
using MultiMail.Sandbox.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace MultiMail.Sandbox.Tests.ModelBased;

/// <summary>
/// Decisions racing each other and the agent's cancel (CsCheck <c>SampleParallel</c>): operators approve and reject over
/// the API and on the review page while the agent cancels, in parallel. Whatever the interleaving, the outcome must be
/// one some sequential order would give: approved mail leaves exactly once, rejected and cancelled mail never leaves.
/// CI runs 100 races; <c>MM_RACE_ITERATIONS</c> asks for more.
/// </summary>
public sealed class DecisionRaceTests
{
    private readonly ITestOutputHelper _output;

    public DecisionRaceTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task Racing_approvals_rejections_and_cancels_linearize()
    {
        await using var host = await SandboxHost.StartAsync();
        var iterations = long.TryParse(Environment.GetEnvironmentVariable("MM_RACE_ITERATIONS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 100;
        var count = 0;

        var initial = Gen.Int[1, 3].Select(emails =>
        {
            System.Threading.Interlocked.Increment(ref count);
            var race = Race.StartAsync(host, emails).GetAwaiter().GetResult();
            return (race, race.Model());
        });

        var approve = Gen.Int[0, 2].Operation<Race, Dictionary<int, string>>(i => " approve(api) #" + i, (r, i) => r.Decide(i, "approve"), (m, i) => Decide(m, i, "archived"));
        var reject = Gen.Int[0, 2].Operation<Race, Dictionary<int, string>>(i => " reject(api) #" + i, (r, i) => r.Decide(i, "reject"), (m, i) => Decide(m, i, "rejected"));
        var page = Gen.Int[0, 2].Operation<Race, Dictionary<int, string>>(i => " approve(page) #" + i, (r, i) => r.DecideOnPage(i), (m, i) => Decide(m, i, "archived"));
        var cancel = Gen.Int[0, 2].Operation<Race, Dictionary<int, string>>(i => " cancel(agent) #" + i, (r, i) => r.Cancel(i), (m, i) => Decide(m, i, "cancelled"));

        await Task.Run(() => initial.SampleParallel(
            [approve, reject, page, cancel],
            equal: (race, model) => race.Matches(model),
            maxSequentialOperations: 2,
            maxParallelOperations: 4,
            iter: iterations,
            threads: 1,
            printActual: r => r.ToString(),
            printModel: m => string.Join(", ", m.OrderBy(p => p.Key).Select(p => "#" + p.Key + ":" + p.Value)),
            writeLine: _output.WriteLine));
        _output.WriteLine("races: " + count + " initial states");
        Assert.True(count >= iterations);
    }

    private static void Decide(Dictionary<int, string> model, int index, string outcome)
    {
        if (model.TryGetValue(index, out var status) && status == "pending_send_approval")
        {
            model[index] = outcome;
        }
    }

    /// <summary>One race: a fresh gated mailbox with a few pending emails, an API operator, a signed-in review page and the agent.</summary>
    internal sealed class Race
    {
        private readonly SandboxHost _host;
        private readonly string _mailbox;
        private readonly string[] _emails;
        private readonly ReviewSession _page;
        private readonly ConcurrentDictionary<string, int> _sent = new();

        private readonly string _token;

        private Race(SandboxHost host, string mailbox, string[] emails, ReviewSession page, string token)
        {
            _token = token;
            _host = host;
            _mailbox = mailbox;
            _emails = emails;
            _page = page;
        }

        public static async Task<Race> StartAsync(SandboxHost host, int emails)
        {
            var mailbox = await host.Sandbox.CreateMailboxAsync("race" + Guid.NewGuid().ToString("N")[..12]);
            using var agent = host.Client(SandboxHost.AgentKey);
            var ids = new string[emails];
            for (var i = 0; i < emails; i++)
            {
                ids[i] = (await agent.Post("v1/mailboxes/" + mailbox + "/send", Api.Email(subject: "race " + i))).Str("id");
            }

            // Initial states are generated while earlier ones are still being compared, so nothing here may touch
            // another race's mail; the page's antiforgery token is read once (it stays valid for the session).
            var page = new ReviewSession(host.Sandbox);
            await page.LoginAsync(SandboxHost.OversightKey);
            return new Race(host, mailbox, ids, page, await page.TokenAsync());
        }

        public Dictionary<int, string> Model() => Enumerable.Range(0, _emails.Length).ToDictionary(i => i, _ => "pending_send_approval");

        public void Decide(int index, string action)
        {
            if (index >= _emails.Length)
            {
                return;
            }

            var response = _host.Oversight.Post("v1/oversight/decide", new { email_id = _emails[index], action }).GetAwaiter().GetResult();
            Assert.True(response.Status is 200 or 409, response.ToString());
            if (response.Status == 200 && response.Str("status") == "approved_and_sent")
            {
                _sent.AddOrUpdate(_emails[index], 1, (_, c) => c + 1);
            }
        }

        public void DecideOnPage(int index)
        {
            if (index >= _emails.Length)
            {
                return;
            }

            var form = new Dictionary<string, string> { ["email_id"] = _emails[index], ["action"] = "approve", ["__RequestVerificationToken"] = _token };
            var response = _page.PostFormAsync("/review/decide", form, withToken: false).GetAwaiter().GetResult();
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        public void Cancel(int index)
        {
            if (index >= _emails.Length)
            {
                return;
            }

            using var agent = _host.Client(SandboxHost.AgentKey);
            var response = agent.Post("v1/mailboxes/" + _mailbox + "/emails/" + _emails[index] + "/cancel").GetAwaiter().GetResult();
            Assert.True(response.Status is 200 or 409, response.ToString());
        }

        /// <summary>The sandbox's final state equals the model's, and each approved email left exactly once.</summary>
        public bool Matches(Dictionary<int, string> model)
        {
            var outbox = _host.Sandbox.GetOutbox(_mailbox).Where(m => m.Kind == "delivery").GroupBy(m => m.EmailId!).ToDictionary(g => g.Key, g => g.Count());
            for (var i = 0; i < _emails.Length; i++)
            {
                var status = _host.Admin.Get("v1/mailboxes/" + _mailbox + "/emails/" + _emails[i]).GetAwaiter().GetResult().Str("status");
                var delivered = outbox.GetValueOrDefault(_emails[i]);
                if (status != model[i] || delivered != (status == "archived" ? 1 : 0) || _sent.GetValueOrDefault(_emails[i]) > 1)
                {
                    return false;
                }
            }

            return true;
        }

        public override string ToString() => _mailbox + " " + string.Join(", ", _emails);
    }
}
