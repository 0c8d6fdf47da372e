using System;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using MultiMail.Sandbox.Storage;

namespace MultiMail.Sandbox.Oversight;

/// <summary>
/// Operator approval codes for account actions an agent's admin key must not complete alone (deleting the account,
/// moving the oversight address), as the real service does (API.md §4, "gated by an emailed operator approval code"):
/// the first call mails a one-time code to the operator's current oversight address; the call repeated with that code
/// completes the action. Codes are single use, expire after 24 hours, and 5 wrong codes void the request.
/// </summary>
internal sealed class ApprovalService
{
    internal const int MaxWrongCodes = 5;
    private const string CodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private static readonly TimeSpan CodeTtl = TimeSpan.FromHours(24);

    private readonly Outbox _outbox;
    private readonly TimeProvider _time;

    public ApprovalService(Outbox outbox, TimeProvider time)
    {
        _outbox = outbox;
        _time = time;
    }

    /// <summary>Opens a request inside the caller's transaction and mails the code to the operator.</summary>
    public void Request(SqliteConnection c, SqliteTransaction t, string actor, string action, string payload, string what, long now)
    {
        var code = NewCode();
        ApprovalRows.Open(c, t, Ids.New("apr_", _time), action, payload, HashCode(code), now);
        var mailbox = MetaRows.Get(c, t, "default_mailbox_id") ?? "sandbox";
        _outbox.NotifyOperator(
            c,
            t,
            mailbox,
            "Approval needed: " + what,
            "An API key asked to " + what + ".\n\nIf you agree, give it this one-time approval code (valid 24 hours): " + code
            + "\n\nIf you do not, ignore this message; nothing changes without the code.",
            now);
        AuditRows.Insert(c, t, _time, "approval.request", "approval", action, actor);
    }

    /// <summary>Redeems a code inside the caller's transaction: the request's payload, or 403 (wrong code) / 404 (nothing pending).</summary>
    public ServiceResult<string> Redeem(SqliteConnection c, SqliteTransaction t, string actor, string action, string code, long now)
    {
        var since = now - (long)CodeTtl.TotalMilliseconds;
        if (!ApprovalRows.HasOpen(c, t, action, since))
        {
            return new ServiceError(404, "No pending approval request: call without approval_code first, so the operator gets a code.");
        }

        if (ApprovalRows.Redeem(c, t, action, HashCode(code), since, now) is { } payload)
        {
            AuditRows.Insert(c, t, _time, "approval.redeem", "approval", action, actor);
            return payload;
        }

        var left = ApprovalRows.RecordWrongCode(c, t, action, now, MaxWrongCodes);
        AuditRows.Insert(c, t, _time, "approval.refused", "approval", action, actor, new { attempts_left = left });
        return new ServiceError(403, left > 0
            ? "Invalid or expired approval code (" + left + " attempt" + (left == 1 ? string.Empty : "s") + " left)."
            : "Invalid approval code: the request is void after " + MaxWrongCodes + " wrong codes; start again without approval_code.");
    }

    private static string NewCode()
    {
        var chars = new char[7];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = i == 3 ? '-' : CodeAlphabet[RandomNumberGenerator.GetInt32(CodeAlphabet.Length)];
        }

        return new string(chars);
    }

    private static string HashCode(string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code.Trim().ToUpperInvariant())));
}
