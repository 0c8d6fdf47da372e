using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using MultiMail.Sandbox.Auth;
using MultiMail.Sandbox.Oversight;
using MultiMail.Sandbox.Tests.Infrastructure;
using Xunit;

namespace MultiMail.Sandbox.Tests.ModelBased;

/// <summary>
/// Drives one mailbox of the shared sandbox over HTTP as an agent (its own read+send key), an admin and an operator
/// (the oversight key), asks the <see cref="OversightModel"/> what each call must answer, and after every step checks
/// the issue's invariants against the sandbox:
/// <list type="bullet">
/// <item>the agent-visible mail, the pending queue (with everything the operator is shown) and the mode equal the model's;</item>
/// <item>the outbox holds exactly the model's delivered mail, each once, exactly as shown, gated mail only after an oversight approval;</item>
/// <item>a mode rises only through a valid code; no key gains a scope;</item>
/// <item>no key appears in any response, log line or audit entry.</item>
/// </list>
/// </summary>
internal sealed class OversightDriver
{
    private static int _sequence;
    private readonly SandboxHost _host;
    private readonly string[] _keys;
    private long _lastAuditSeq;
    private HttpClient? _agent;
    private int _agentRestarts;

    private OversightDriver(SandboxHost host, OversightModel model, string agentKey, string agentKeyId, long lastAuditSeq)
    {
        _host = host;
        Model = model;
        AgentKey = agentKey;
        AgentKeyId = agentKeyId;
        _lastAuditSeq = lastAuditSeq;
        _keys = [agentKey, SandboxHost.AgentKey, SandboxHost.OversightKey, SandboxHost.AdminKey];
    }

    public OversightModel Model { get; }

    public string AgentKey { get; }

    public string AgentKeyId { get; }

    public int Steps { get; private set; }

    public static long TotalSteps;

    private HttpClient Agent
    {
        get
        {
            if (_agent is null || _agentRestarts != _host.Restarts)
            {
                _agent?.Dispose();
                _agent = _host.Client(AgentKey);
                _agentRestarts = _host.Restarts;
            }

            return _agent;
        }
    }

    private long Now => _host.Time.GetUtcNow().ToUnixTimeMilliseconds();

    private string Path => "v1/mailboxes/" + Model.MailboxId;

    /// <summary>A new mailbox in <paramref name="mode"/> with a new agent key; the previous sequence's leftovers leave the queue.</summary>
    public static async Task<OversightDriver> StartAsync(SandboxHost host, string mode)
    {
        foreach (var item in (await host.Oversight.Get("v1/oversight/pending")).Json.GetProperty("emails").EnumerateArray())
        {
            await host.Oversight.Post("v1/oversight/decide", new { email_id = item.GetProperty("id").GetString(), action = "reject", reason = "cleanup" });
        }

        var n = System.Threading.Interlocked.Increment(ref _sequence);
        var mailboxId = await host.Sandbox.CreateMailboxAsync("seq" + n.ToString(CultureInfo.InvariantCulture), OversightModes.Parse(mode));
        var key = await host.Admin.Post("v1/api-keys", new { name = "agent " + n, scopes = new[] { "read", "send" } });
        Assert.Equal(201, key.Status);
        var audit = host.Sandbox.Services.GetRequiredService<AuditService>().Page(null, 1);
        var model = new OversightModel { MailboxId = mailboxId, MailboxAddress = "seq" + n + "@sandbox.multimail.dev", Mode = mode };
        return new OversightDriver(host, model, key.Str("api_key"), key.Str("id"), audit.Count == 0 ? 0 : audit[0].Seq);
    }

    // ---- agent ----------------------------------------------------------------------------------------------------

    public async Task SendAsync(SendOp op)
    {
        var body = new Dictionary<string, object?>
        {
            ["to"] = op.To,
            ["subject"] = op.Subject,
            ["markdown"] = op.Markdown,
        };
        if (op.Cc.Length > 0) { body["cc"] = op.Cc; }
        if (op.Bcc.Length > 0) { body["bcc"] = op.Bcc; }
        if (op.Attachments.Length > 0) { body["attachments"] = Wire(op.Attachments); }
        if (op.IdempotencyKey is not null) { body["idempotency_key"] = op.IdempotencyKey; }
        long? sendAt = op.SendAtMinutes is { } minutes ? Now + (long)TimeSpan.FromMinutes(minutes).TotalMilliseconds : null;
        if (sendAt is { } at) { body["send_at"] = DateTimeOffset.FromUnixTimeMilliseconds(at).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture); }
        if (op.GateTiming is not null) { body["gate_timing"] = op.GateTiming; }

        var response = await Call(Agent, HttpMethod.Post, Path + "/send", body);
        var invalid = !op.To.Concat(op.Cc).Concat(op.Bcc).All(ValidAddress) || op.Subject.Contains('\n') || op.Markdown.Trim().Length == 0 || !ValidAttachments(op.Attachments);
        var expected = Model.AgentKeyRevoked ? 401 : invalid ? 400 : Model.Mode == "read_only" ? 403 : sendAt is { } s && s <= Now ? 400 : 0;
        if (expected == 0 && Replay(op.IdempotencyKey) is { } replay)
        {
            ExpectReplay(response, replay);
            return;
        }

        if (expected != 0)
        {
            Expect(response, expected);
            return;
        }

        Expect(response, 202);
        var gateTiming = op.GateTiming ?? "gate_first";
        var status = Model.HoldsOutbound
            ? (sendAt is not null && gateTiming == "schedule_first" ? "scheduled" : "pending_send_approval")
            : (sendAt is not null ? "scheduled" : "archived");
        Create(response.Str("id"), op.To, op.Cc, op.Bcc, op.Subject, op.Markdown, op.Attachments, sendAt, status, op.IdempotencyKey);
    }

    public async Task ReplyAsync(ReplyOp op)
    {
        var parent = Pick(op.ParentIndex);
        var parentId = parent?.Id ?? "em_unknown";
        var body = new Dictionary<string, object?> { ["markdown"] = op.Markdown };
        if (op.Cc.Length > 0) { body["cc"] = op.Cc; }
        if (op.Bcc.Length > 0) { body["bcc"] = op.Bcc; }
        if (op.Attachments.Length > 0) { body["attachments"] = Wire(op.Attachments); }
        if (op.IdempotencyKey is not null) { body["idempotency_key"] = op.IdempotencyKey; }

        var response = await Call(Agent, HttpMethod.Post, Path + "/reply/" + parentId, body);
        var invalid = !op.Cc.Concat(op.Bcc).All(ValidAddress) || op.Markdown.Trim().Length == 0 || !ValidAttachments(op.Attachments);
        var expected = Model.AgentKeyRevoked ? 401 : invalid ? 400 : Model.Mode == "read_only" ? 403 : parent is not { Visible: true } ? 404 : 0;
        if (expected != 0)
        {
            Expect(response, expected);
            return;
        }

        if (Replay(op.IdempotencyKey) is { } replay)
        {
            ExpectReplay(response, replay);
            return;
        }

        var hash = op.Markdown + "|" + string.Join(",", op.Cc) + "|" + string.Join(",", op.Bcc) + "|" + string.Join(",", op.Attachments.Select(a => a.Name + a.ContentType + a.Text));
        if (Model.Replies.Any(r => r.ParentId == parent!.Id && r.Hash == hash && r.At > Now - (long)OversightModel.DuplicateReplyWindow.TotalMilliseconds))
        {
            Expect(response, 409);
            return;
        }

        Expect(response, 202);
        Model.Replies.Add((parent!.Id, hash, Now));
        var to = parent.Direction == "inbound" ? new[] { parent.From } : parent.To.ToArray();
        var subject = parent.Subject.StartsWith("Re:", StringComparison.OrdinalIgnoreCase) ? parent.Subject : "Re: " + parent.Subject;
        Create(response.Str("id"), to, op.Cc, op.Bcc, subject, op.Markdown, op.Attachments, null, Model.HoldsOutbound ? "pending_send_approval" : "archived", op.IdempotencyKey);
    }

    public async Task CancelAsync(int index)
    {
        var email = Pick(index);
        var response = await Call(Agent, HttpMethod.Post, Path + "/emails/" + (email?.Id ?? "em_unknown") + "/cancel", null);
        if (Model.AgentKeyRevoked)
        {
            Expect(response, 401);
        }
        else if (email is not { Visible: true })
        {
            // Held inbound mail is as unknown to the agent as mail that does not exist.
            Expect(response, 404);
            Assert.Equal("{\"error\":\"Email not found\"}", response.Text);
        }
        else if (email.Status == "cancelled")
        {
            Expect(response, 200);
        }
        else if (email.Status is "pending_send_approval" or "scheduled")
        {
            Expect(response, 200);
            email.Status = "cancelled";
        }
        else
        {
            Expect(response, 409);
        }
    }

    public async Task ReadAsync(int index)
    {
        var email = Pick(index);
        var response = await Call(Agent, HttpMethod.Get, Path + "/emails/" + (email?.Id ?? "em_unknown"), null);
        if (Model.AgentKeyRevoked)
        {
            Expect(response, 401);
            return;
        }

        if (email is not { Visible: true })
        {
            Expect(response, 404);
            return;
        }

        Expect(response, 200);
        if (email.Status == "unread")
        {
            email.Status = "read";
        }

        Assert.Equal(email.Status, response.Str("status"));
        Assert.Equal(email.Markdown, response.Str("markdown"));
    }

    public async Task ListSinceAsync(int index)
    {
        var email = Pick(index);
        var response = await Call(Agent, HttpMethod.Get, Path + "/emails?since_id=" + (email?.Id ?? "em_unknown"), null);
        var unknown = await Call(Agent, HttpMethod.Get, Path + "/emails?since_id=em_unknown", null);
        if (Model.AgentKeyRevoked)
        {
            Expect(response, 401);
        }
        else if (email is not { Visible: true })
        {
            // since_id must not reveal that held mail exists.
            Assert.Equal((unknown.Status, unknown.Text), (response.Status, response.Text));
        }
        else
        {
            Expect(response, 200);
            var later = Model.Emails.Skip(Model.Emails.IndexOf(email) + 1).Where(e => e.Visible).Select(e => e.Id).OrderBy(i => i, StringComparer.Ordinal);
            Assert.Equal(later, response.Json.GetProperty("emails").EnumerateArray().Select(e => e.GetProperty("id").GetString()!).OrderBy(i => i, StringComparer.Ordinal));
        }
    }

    /// <summary>The agent tries what only others may do: decide its own mail, raise the mode, mint or widen a key.</summary>
    public async Task EscalateAsync(int kind)
    {
        var own = Model.Pending.FirstOrDefault()?.Id ?? "em_unknown";
        var response = kind switch
        {
            0 => await Call(Agent, HttpMethod.Post, "v1/oversight/decide", new { email_id = own, action = "approve" }),
            1 => await Call(Agent, HttpMethod.Patch, Path, new { oversight_mode = "autonomous" }),
            2 => await Call(Agent, HttpMethod.Post, "v1/api-keys", new { name = "mine", scopes = new[] { "oversight" } }),
            3 => await Call(Agent, HttpMethod.Patch, "v1/api-keys/" + AgentKeyId, new { scopes = new[] { "read", "send", "oversight" } }),
            _ => await Call(Agent, HttpMethod.Get, "v1/oversight/pending", null),
        };
        Expect(response, Model.AgentKeyRevoked ? 401 : 403);
    }

    public async Task RequestUpgradeAsync(string target)
    {
        var response = await Call(Agent, HttpMethod.Post, Path + "/request-upgrade", new { target_mode = target });
        var hourAgo = Now - (long)TimeSpan.FromHours(1).TotalMilliseconds;
        var expected = Model.AgentKeyRevoked ? 401
            : OversightModel.Rank(target) <= OversightModel.Rank(Model.Mode) ? 400
            : Model.UpgradeRequests.Count(r => r.CreatedAt > hourAgo) >= 3 ? 429
            : 200;
        Expect(response, expected);
        if (expected == 200)
        {
            var notice = _host.Sandbox.GetOutbox(Model.MailboxId).Last(m => m.Kind == "operator_notice" && m.Subject.StartsWith("Upgrade request for", StringComparison.Ordinal) && !m.Subject.Contains("voided", StringComparison.Ordinal));
            var code = Regex.Match(notice.Markdown, @"\b[A-Z0-9]{3}-[A-Z0-9]{3}\b").Value;
            Model.UpgradeRequests.Add(new ModelUpgradeRequest { Target = target, Code = code, CreatedAt = Now });
        }
    }

    /// <summary>
    /// Redeems a code: 0 = the newest open request's real code (the operator handed it over), 1 = a stale one, 2+ = a
    /// burst of <paramref name="guesses"/> wrong codes (an agent brute-forcing).
    /// </summary>
    public async Task UpgradeAsync(int kind, string guess, int guesses)
    {
        for (var i = 1; kind >= 2 && i < guesses; i++)
        {
            await UpgradeAsync(kind, guess + i.ToString(CultureInfo.InvariantCulture), 1);
        }

        var open = Model.OpenRequests(Now).ToArray();
        var code = kind switch
        {
            0 when open.Length > 0 => open[^1].Code,
            1 when Model.UpgradeRequests.Count > 0 => Model.UpgradeRequests[0].Code,
            _ => guess,
        };
        var response = await Call(Agent, HttpMethod.Post, Path + "/upgrade", new { code });
        if (Model.AgentKeyRevoked)
        {
            Expect(response, 401);
            return;
        }

        if (open.Length == 0)
        {
            Expect(response, 404);
            return;
        }

        if (open.FirstOrDefault(r => r.Code == code) is { } match)
        {
            Expect(response, 200);
            Model.SetMode(match.Target);
            Model.Upgrades++;
            return;
        }

        Expect(response, 403);
        foreach (var request in open)
        {
            request.WrongCodes++;
            request.Closed |= request.WrongCodes >= OversightModel.MaxWrongCodes;
        }
    }

    // ---- operator and admin ---------------------------------------------------------------------------------------

    public async Task DecideAsync(int index, bool approve, bool onPage = false)
    {
        var pending = Model.Pending.ToArray();
        var email = pending.Length > 0 ? pending[index % pending.Length] : index < Model.Emails.Count ? Model.Emails[index] : null;
        email ??= Model.Emails.Count > 0 ? Model.Emails[index % Model.Emails.Count] : null;
        var action = approve ? "approve" : "reject";
        if (onPage)
        {
            // The review page: a form post with the session cookie and the antiforgery token; the outcome comes back as a notice.
            var (page, token) = await _host.ReviewPageAsync();
            var form = new Dictionary<string, string> { ["email_id"] = email?.Id ?? "em_unknown", ["action"] = action, ["__RequestVerificationToken"] = token };
            using var posted = await page.PostFormAsync("/review/decide", form, withToken: false);
            var location = posted.Headers.Location?.OriginalString ?? string.Empty;
            NoKey(location + await posted.Content.ReadAsStringAsync(), "review decision");
            Assert.Equal(System.Net.HttpStatusCode.Redirect, posted.StatusCode);
            Assert.StartsWith("/?notice=", location, StringComparison.Ordinal);
            if (email is not null && email.Status is "pending_send_approval" or "pending_inbound_approval")
            {
                Apply(email, approve);
            }

            return;
        }

        var response = await Call(_host.Oversight, HttpMethod.Post, "v1/oversight/decide", new { email_id = email?.Id ?? "em_unknown", action });
        if (email is null)
        {
            Expect(response, 404);
            return;
        }

        if (email.Status is not ("pending_send_approval" or "pending_inbound_approval"))
        {
            Expect(response, 409);
            return;
        }

        Expect(response, 200);
        Apply(email, approve);
        Assert.Equal(email.Status switch { "rejected" => "rejected", "archived" => "approved_and_sent", _ => "approved" }, response.Str("status"));
    }

    private void Apply(ModelEmail email, bool approve)
    {
        if (!approve)
        {
            email.Status = "rejected";
        }
        else if (email.Direction == "inbound")
        {
            email.Status = "unread";
        }
        else
        {
            email.Approved = true;
            email.Status = email.SendAt is { } at && at > Now ? "scheduled" : "archived";
            if (email.Status == "archived")
            {
                email.DeliveredInMode = Model.Mode;
            }
        }
    }

    public async Task InboundAsync(InboundOp op)
    {
        var response = await Call(_host.Admin, HttpMethod.Post, "sandbox/v1/mailboxes/" + Model.MailboxId + "/inbound", new { from = op.From, subject = op.Subject, markdown = op.Markdown });
        Expect(response, 201);
        var subject = op.Subject.Trim();
        while (Regex.Match(subject, "^(re:|fwd:|fw:)", RegexOptions.IgnoreCase) is { Success: true } prefix)
        {
            subject = subject[prefix.Length..].TrimStart();
        }

        Model.Emails.Add(new ModelEmail
        {
            Id = response.Str("id"),
            Direction = "inbound",
            From = op.From,
            To = [Model.MailboxAddress],
            Cc = [],
            Bcc = [],
            Subject = subject,
            Markdown = op.Markdown,
            Attachments = [],
            Status = Model.Mode == "gated_all" ? "pending_inbound_approval" : "unread",
        });
    }

    /// <summary>The admin lowers (or tries to raise) the mode over the API; upgrades are refused there.</summary>
    public async Task PatchModeAsync(string mode)
    {
        var response = await Call(_host.Admin, HttpMethod.Patch, Path, new { oversight_mode = mode });
        if (OversightModel.Rank(mode) > OversightModel.Rank(Model.Mode))
        {
            Expect(response, 400);
            return;
        }

        Expect(response, 200);
        Model.SetMode(mode);
    }

    /// <summary>The operator sets any mode directly (the in-process helper stands for the operator's dashboard).</summary>
    public async Task OperatorSetModeAsync(string mode)
    {
        await _host.Sandbox.SetOversightModeAsync(Model.MailboxId, OversightModes.Parse(mode));
        Model.SetMode(mode);
    }

    public async Task PatchAutoBccAsync(string? address)
    {
        Expect(await Call(_host.Admin, HttpMethod.Patch, Path, new { auto_bcc = address }), 200);
        Model.AutoBcc = address;
    }

    public async Task RevokeAgentKeyAsync()
    {
        var response = await Call(_host.Admin, HttpMethod.Delete, "v1/api-keys/" + AgentKeyId, null);
        Expect(response, Model.AgentKeyRevoked ? 404 : 200);
        Model.AgentKeyRevoked = true;
    }

    public async Task AdvanceClockAsync(int seconds)
    {
        _host.Time.Advance(TimeSpan.FromSeconds(seconds));
        await _host.Sandbox.ReleaseDueScheduledEmailsAsync();
        Model.ReleaseDue(Now);
    }

    public Task RestartAsync() => _host.RestartAsync();

    // ---- invariants -----------------------------------------------------------------------------------------------

    /// <summary>Checks every invariant against the sandbox; throws (and so fails the sequence) on the first violation.</summary>
    /// <param name="step">What was done (kept for the failure report).</param>
    /// <param name="viaHttp">
    /// Read the mode, the agent's view and the operator's queue over HTTP (the final check of every sequence); other
    /// steps read them through the same services and response types in process, which keeps 2,000 sequences fast.
    /// </param>
    public async Task CheckAsync(string step, bool viaHttp = false)
    {
        Steps++;
        System.Threading.Interlocked.Increment(ref TotalSteps);
        Model.Log.Add(step);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await CheckCoreAsync(viaHttp);
        }
        finally
        {
            System.Threading.Interlocked.Add(ref CheckTicks, clock.ElapsedTicks);
        }
    }

    /// <summary>Time spent checking invariants, in <see cref="System.Diagnostics.Stopwatch"/> ticks (reported with the counts).</summary>
    public static long CheckTicks;

    private async Task CheckCoreAsync(bool viaHttp)
    {

        // The mode.
        var mode = viaHttp
            ? (await Call(_host.Admin, HttpMethod.Get, Path, null)).Str("oversight_mode")
            : _host.Sandbox.Services.GetRequiredService<MailboxService>().Get(Model.MailboxId)!.Mode.ToWire();
        Assert.Equal(Model.Mode, mode);

        // What the agent can see (the admin key reads the same view without marking anything read).
        Dictionary<string, string> visible;
        if (viaHttp)
        {
            var list = await Call(_host.Admin, HttpMethod.Get, Path + "/emails?limit=100", null);
            visible = list.Json.GetProperty("emails").EnumerateArray().ToDictionary(e => e.GetProperty("id").GetString()!, e => e.GetProperty("status").GetString()!);
        }
        else
        {
            var filter = new Storage.EmailFilter(null, null, null, null, null, null, null, null, null);
            visible = _host.Sandbox.Services.GetRequiredService<InboxService>().List(Model.MailboxId, filter, null, 100).Value.Page.ToDictionary(e => e.Id, e => e.Status);
        }

        var expectedVisible = Model.Visible.ToDictionary(e => e.Id, e => e.Status);
        Assert.Equal(expectedVisible.OrderBy(p => p.Key, StringComparer.Ordinal), visible.OrderBy(p => p.Key, StringComparer.Ordinal));

        // The operator's queue shows everything the recipients will get.
        var queue = viaHttp
            ? (await Call(_host.Oversight, HttpMethod.Get, "v1/oversight/pending", null)).Json
            : JsonSerializer.SerializeToElement(
                new { emails = _host.Sandbox.Services.GetRequiredService<ReviewService>().Pending().Select(Endpoints.PendingEmailDto.Of).ToArray() },
                new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower });
        var pending = queue.GetProperty("emails").EnumerateArray()
            .Where(e => e.GetProperty("mailbox_id").GetString() == Model.MailboxId)
            .ToDictionary(e => e.GetProperty("id").GetString()!);
        Assert.Equal(Model.Pending.Select(e => e.Id).Order(StringComparer.Ordinal), pending.Keys.Order(StringComparer.Ordinal));
        foreach (var email in Model.Pending)
        {
            var shown = pending[email.Id];
            Assert.Equal(email.To, Strings(shown.GetProperty("to")));
            Assert.Equal(email.Cc, Strings(shown.GetProperty("cc")));
            Assert.Equal(email.Bcc, Strings(shown.GetProperty("bcc")));
            Assert.Equal(email.Subject, shown.GetProperty("subject").GetString());
            Assert.Equal(email.Markdown, shown.GetProperty("body_markdown").GetString());
            Assert.Equal(
                email.Attachments.Select(a => (a.Name, a.ContentType, Encoding.UTF8.GetByteCount(a.Text))),
                shown.GetProperty("attachments").EnumerateArray().Select(a => (a.GetProperty("name").GetString()!, a.GetProperty("content_type").GetString()!, a.GetProperty("size").GetInt32())));
            Assert.Equal(email.SendAt, shown.GetProperty("send_at").GetString() is { } sendAt ? DateTimeOffset.Parse(sendAt, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds() : null);
        }

        // What left: exactly the delivered mail, once each, exactly as shown; gated mail only after an approval.
        var deliveries = _host.Sandbox.GetOutbox(Model.MailboxId).Where(m => m.Kind == "delivery").ToArray();
        Assert.Equal(deliveries.Length, deliveries.Select(d => d.EmailId).Distinct().Count());
        var delivered = Model.Emails.Where(e => e.Direction == "outbound" && e.Status == "archived").ToArray();
        Assert.Equal(delivered.Select(e => e.Id).Order(StringComparer.Ordinal), deliveries.Select(d => d.EmailId!).Order(StringComparer.Ordinal));
        foreach (var email in delivered)
        {
            var sent = deliveries.Single(d => d.EmailId == email.Id);
            Assert.True(!email.CreatedGated || email.Approved || email.DeliveredInMode is "monitored" or "autonomous", "gated email " + email.Id + " left without an approval");
            Assert.Equal(email.To, sent.To);
            Assert.Equal(email.Cc, sent.Cc);
            Assert.Equal(email.Bcc, sent.Bcc);
            Assert.Equal(email.Subject, sent.Subject);
            Assert.Equal(email.Markdown, sent.Markdown);
            Assert.Equal(email.Attachments.Select(a => (a.Name, a.ContentType, a.Text)), sent.Attachments.Select(a => (a.Name, a.ContentType, Encoding.UTF8.GetString(a.Content))));
        }

        // New audit entries: no key; every approval by the oversight key; upgrades only as the model made them.
        var audit = _host.Sandbox.Services.GetRequiredService<AuditService>();
        var fresh = new List<Storage.AuditRecord>();
        for (long? before = null; ;)
        {
            var page = audit.Page(before, 25);
            fresh.AddRange(page.Where(a => a.Seq > _lastAuditSeq));
            if (page.Count < 25 || page[^1].Seq <= _lastAuditSeq)
            {
                break;
            }

            before = page[^1].Seq;
        }

        if (fresh.Count > 0)
        {
            _lastAuditSeq = fresh.Max(a => a.Seq);
        }

        foreach (var entry in fresh)
        {
            NoKey(entry.ActorKeyId + " " + entry.ResourceId + " " + entry.MetadataJson, "audit entry " + entry.Action);
            if (entry.Action == "oversight.approve")
            {
                Assert.Equal("key_oversight", entry.ActorKeyId);
            }
        }

        Model.UpgradesAudited += fresh.Count(a => a.Action == "mailbox.upgrade" && a.ResourceId == Model.MailboxId);
        Assert.Equal(Model.Upgrades, Model.UpgradesAudited);

        // No log line carries a key.
        foreach (var line in _host.Logs.Drain())
        {
            NoKey(line, "log line");
        }

        // No key gained a scope.
        var keys = _host.Sandbox.Services.GetRequiredService<ApiKeyService>();
        if (keys.FindActive(AgentKeyId) is { } agentKey)
        {
            Assert.Equal(["read", "send"], agentKey.Scopes.Order(StringComparer.Ordinal));
        }
        else
        {
            Assert.True(Model.AgentKeyRevoked, "the agent key disappeared");
        }
    }

    public bool FinalCheck()
    {
        CheckAsync("final", viaHttp: true).GetAwaiter().GetResult();
        return true;
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private void Create(string id, IReadOnlyList<string> to, IReadOnlyList<string> cc, IReadOnlyList<string> bcc, string subject, string markdown, Attachment[] attachments, long? sendAt, string status, string? idempotencyKey)
    {
        var fullBcc = Model.AutoBcc is { } extra && !bcc.Contains(extra, StringComparer.OrdinalIgnoreCase) ? [.. bcc, extra] : bcc;
        Model.Emails.Add(new ModelEmail
        {
            Id = id,
            Direction = "outbound",
            From = Model.MailboxAddress,
            To = to,
            Cc = cc,
            Bcc = fullBcc,
            Subject = subject,
            Markdown = markdown,
            Attachments = attachments.Select(a => new ModelAttachment(a.Name, a.ContentType, a.Text)).ToArray(),
            SendAt = sendAt,
            Status = status,
            CreatedGated = Model.HoldsOutbound,
            DeliveredInMode = status == "archived" ? Model.Mode : null,
        });
        if (idempotencyKey is not null)
        {
            Model.IdempotencyKeys[idempotencyKey] = (id, Now);
        }
    }

    /// <summary>An email of the model chosen by a generated index (8 stands for an id that does not exist).</summary>
    private ModelEmail? Pick(int index) => index >= 8 || Model.Emails.Count == 0 ? null : Model.Emails[index % Model.Emails.Count];

    private ModelEmail? Replay(string? key) =>
        key is not null && Model.IdempotencyKeys.TryGetValue(key, out var earlier) && earlier.At > Now - (long)OversightModel.IdempotencyTtl.TotalMilliseconds
            ? Model.Find(earlier.EmailId)
            : null;

    private static void ExpectReplay(ApiResponse response, ModelEmail replay)
    {
        if (replay.Status is "cancelled" or "rejected" or "send_failed")
        {
            Expect(response, 409);
            Assert.Contains(replay.Id, response.Error, StringComparison.Ordinal);
            return;
        }

        Expect(response, 200);
        Assert.Equal((replay.Id, "already_sent"), (response.Str("id"), response.Str("status")));
    }

    private async Task<ApiResponse> Call(HttpClient client, HttpMethod method, string path, object? body)
    {
        var response = await client.Call(method, path, body);
        NoKey(response.Text, method + " " + path);
        return response;
    }

    private void NoKey(string text, string where)
    {
        foreach (var key in _keys)
        {
            Assert.False(text.Contains(key[8..], StringComparison.Ordinal), "a key appeared in " + where + ": " + text);
        }
    }

    private static void Expect(ApiResponse response, int status) =>
        Assert.True(response.Status == status, "expected " + status + ", got " + response);

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();

    private static bool ValidAddress(string address) => !address.Any(c => c is '\u200B' or '\u202E' or '\u00A0');

    private static bool ValidAttachments(Attachment[] attachments) =>
        attachments.All(a => !a.ContentType.Contains('\n')) && attachments.Select(a => a.Name).Distinct(StringComparer.Ordinal).Count() == attachments.Length;

    private static object[] Wire(Attachment[] attachments) =>
        attachments.Select(a => (object)new { name = a.Name, content_base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(a.Text)), content_type = a.ContentType }).ToArray();

    public override string ToString() => Model.ToString();
}

internal sealed record Attachment(string Name, string ContentType, string Text)
{
    public override string ToString() => Name + "(" + ContentType.Replace("\n", "\\n", StringComparison.Ordinal) + ")";
}

internal sealed record SendOp(string[] To, string[] Cc, string[] Bcc, string Subject, string Markdown, Attachment[] Attachments, int? SendAtMinutes, string? GateTiming, string? IdempotencyKey)
{
    public override string ToString() =>
        "Send(to=" + string.Join("|", To) + " cc=" + string.Join("|", Cc) + " bcc=" + string.Join("|", Bcc) + " subject=" + Subject + " att=" + string.Join("|", Attachments.AsEnumerable())
        + " send_at=+" + SendAtMinutes + "m " + GateTiming + " key=" + IdempotencyKey + ")";
}

internal sealed record ReplyOp(int ParentIndex, string[] Cc, string[] Bcc, string Markdown, Attachment[] Attachments, string? IdempotencyKey)
{
    public override string ToString() => "Reply(#" + ParentIndex + " cc=" + string.Join("|", Cc) + " bcc=" + string.Join("|", Bcc) + " body=" + Markdown + " key=" + IdempotencyKey + ")";
}

internal sealed record InboundOp(string From, string Subject, string Markdown);
