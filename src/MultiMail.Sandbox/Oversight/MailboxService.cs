using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MultiMail.Sandbox.Storage;

namespace MultiMail.Sandbox.Oversight;

/// <summary>Mailbox lifecycle: create, update (mode downgrades only), delete, and the operator-code upgrade flow.</summary>
internal sealed class MailboxService
{
    private const int MaxUpgradeRequestsPerHour = 3;

    /// <summary>Wrong codes a request survives; the next one voids it (and the operator is told).</summary>
    internal const int MaxWrongCodes = 5;
    private const string CodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private static readonly TimeSpan UpgradeCodeTtl = TimeSpan.FromHours(24);

    private readonly SandboxDatabase _database;
    private readonly Outbox _outbox;
    private readonly SandboxSettings _settings;
    private readonly TimeProvider _time;

    public MailboxService(SandboxDatabase database, Outbox outbox, SandboxSettings settings, TimeProvider time)
    {
        _database = database;
        _outbox = outbox;
        _settings = settings;
        _time = time;
    }

    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>An active mailbox, or <see langword="null"/>.</summary>
    public MailboxRecord? Get(string mailboxId) => _database.Read(c => MailboxRows.Get(c, null, mailboxId));

    /// <summary>The active mailboxes, oldest first.</summary>
    public IReadOnlyList<MailboxRecord> ListActive() => _database.Read(MailboxRows.ListActive);

    /// <summary>Creates a mailbox in <paramref name="mode"/>; the API always passes gated_send (SPEC: the requested mode is ignored).</summary>
    public Task<ServiceResult<MailboxRecord>> CreateAsync(string actor, string addressLocal, string? displayName, SandboxOversightMode mode, CancellationToken cancellationToken) =>
        _database.WriteAsync<ServiceResult<MailboxRecord>>(
            (c, t) =>
            {
                if (!IsValidLocalPart(addressLocal, out var address, out var problem))
                {
                    return new ServiceError(400, problem);
                }

                if (MailboxRows.AddressTaken(c, t, address))
                {
                    return new ServiceError(409, "Address already in use: " + address);
                }

                var mailbox = new MailboxRecord(Ids.New(string.Empty, _time), address, displayName, mode, null, null, false, null, "gate_first", Now, true);
                MailboxRows.Insert(c, t, mailbox);
                AuditRows.Insert(c, t, _time, "mailbox.create", "mailbox", mailbox.Id, actor, new { address, oversight_mode = mode.ToWire() });
                return mailbox;
            },
            cancellationToken);

    /// <summary>Applies a validated PATCH. Raising the oversight mode is refused: that needs the operator's upgrade code.</summary>
    public Task<ServiceResult<MailboxRecord>> UpdateAsync(string actor, string mailboxId, MailboxPatch patch, bool allowUpgrade, CancellationToken cancellationToken) =>
        _database.WriteAsync<ServiceResult<MailboxRecord>>(
            (c, t) =>
            {
                var mailbox = MailboxRows.Get(c, t, mailboxId);
                if (mailbox is null)
                {
                    return new ServiceError(404, "Mailbox not found");
                }

                if (patch.Mode is { } mode && !allowUpgrade && OversightModes.IsUpgrade(mailbox.Mode, mode))
                {
                    return new ServiceError(
                        400,
                        "oversight_mode can only be lowered here (" + mailbox.Mode.ToWire() + " -> " + mode.ToWire()
                        + " is an upgrade). Upgrades need the operator: POST /v1/mailboxes/" + mailbox.Id + "/request-upgrade.");
                }

                var updated = mailbox with
                {
                    DisplayName = patch.DisplayName.IsSet ? patch.DisplayName.Value : mailbox.DisplayName,
                    Mode = patch.Mode ?? mailbox.Mode,
                    AutoCc = patch.AutoCc.IsSet ? patch.AutoCc.Value : mailbox.AutoCc,
                    AutoBcc = patch.AutoBcc.IsSet ? patch.AutoBcc.Value : mailbox.AutoBcc,
                    ForwardInbound = patch.ForwardInbound ?? mailbox.ForwardInbound,
                    SignatureBlock = patch.SignatureBlock.IsSet ? patch.SignatureBlock.Value : mailbox.SignatureBlock,
                    DefaultGateTiming = patch.DefaultGateTiming ?? mailbox.DefaultGateTiming,
                };
                MailboxRows.Update(c, t, updated);

                // An operator's mode change closes every open upgrade request: a code issued before it cannot undo it.
                var closed = updated.Mode != mailbox.Mode ? UpgradeRows.CloseOpen(c, t, mailbox.Id, Now, "mode_changed") : 0;
                AuditRows.Insert(
                    c,
                    t,
                    _time,
                    "mailbox.update",
                    "mailbox",
                    mailbox.Id,
                    actor,
                    new { fields = patch.FieldNames, previous_oversight_mode = mailbox.Mode.ToWire(), oversight_mode = updated.Mode.ToWire(), upgrade_requests_closed = closed });
                return updated;
            },
            cancellationToken);

    public Task<ServiceResult<bool>> DeleteAsync(string actor, string mailboxId, CancellationToken cancellationToken) =>
        _database.WriteAsync<ServiceResult<bool>>(
            (c, t) =>
            {
                var mailbox = MailboxRows.Get(c, t, mailboxId);
                if (mailbox is null)
                {
                    return new ServiceError(404, "Mailbox not found");
                }

                MailboxRows.Update(c, t, mailbox with { IsActive = false });
                AuditRows.Insert(c, t, _time, "mailbox.delete", "mailbox", mailbox.Id, actor, new { address = mailbox.Address });
                return true;
            },
            cancellationToken);

    /// <summary>
    /// Starts an upgrade: a one-time code is mailed to the operator (it lands in the outbox as an
    /// <c>operator_notice</c>); whoever holds it can then call <see cref="UpgradeAsync"/>. At most 3 requests per hour.
    /// </summary>
    public Task<ServiceResult<string>> RequestUpgradeAsync(string actor, string mailboxId, SandboxOversightMode target, CancellationToken cancellationToken) =>
        _database.WriteAsync<ServiceResult<string>>(
            (c, t) =>
            {
                var now = Now;
                var mailbox = MailboxRows.Get(c, t, mailboxId);
                if (mailbox is null)
                {
                    return new ServiceError(404, "Mailbox not found");
                }

                if (mailbox.Mode == target)
                {
                    return new ServiceError(400, "The mailbox is already in " + target.ToWire() + " mode.");
                }

                if (!OversightModes.IsUpgrade(mailbox.Mode, target))
                {
                    return new ServiceError(400, target.ToWire() + " is a downgrade from " + mailbox.Mode.ToWire() + "; use PATCH /v1/mailboxes/" + mailbox.Id + " instead.");
                }

                var hourAgo = now - (long)TimeSpan.FromHours(1).TotalMilliseconds;
                if (UpgradeRows.CountSince(c, t, mailbox.Id, hourAgo) >= MaxUpgradeRequestsPerHour)
                {
                    var oldest = UpgradeRows.OldestSince(c, t, mailbox.Id, hourAgo) ?? now;
                    var seconds = (long)Math.Ceiling(Math.Max(1000, oldest + (long)TimeSpan.FromHours(1).TotalMilliseconds - now) / 1000.0);
                    return new ServiceError(429, "Too many upgrade requests: at most 3 per hour per mailbox. Retry after " + seconds + " seconds.", TimeSpan.FromSeconds(seconds));
                }

                var code = NewCode();
                UpgradeRows.Insert(c, t, Ids.New("up_", _time), mailbox.Id, target.ToWire(), HashCode(code), now);
                _outbox.NotifyOperator(
                    c,
                    t,
                    mailbox.Id,
                    "Upgrade request for " + mailbox.Address + ": " + mailbox.Mode.ToWire() + " -> " + target.ToWire(),
                    "An agent asked to raise the oversight mode of " + mailbox.Address + " to " + target.ToWire()
                    + ".\n\nIf you agree, give it this one-time code (valid 24 hours): " + code + "\n\nIf you do not, ignore this message.",
                    now);
                AuditRows.Insert(c, t, _time, "mailbox.upgrade_request", "mailbox", mailbox.Id, actor, new { target_mode = target.ToWire() });
                return target.ToWire();
            },
            cancellationToken);

    /// <summary>Redeems an operator code: the mailbox moves to the requested mode.</summary>
    public Task<ServiceResult<string>> UpgradeAsync(string actor, string mailboxId, string code, CancellationToken cancellationToken) =>
        _database.WriteAsync<ServiceResult<string>>(
            (c, t) =>
            {
                var now = Now;
                var mailbox = MailboxRows.Get(c, t, mailboxId);
                if (mailbox is null)
                {
                    return new ServiceError(404, "Mailbox not found");
                }

                var since = now - (long)UpgradeCodeTtl.TotalMilliseconds;
                if (!UpgradeRows.AnyOpen(c, t, mailbox.Id, since))
                {
                    return new ServiceError(404, "No pending upgrade request for this mailbox.");
                }

                var target = UpgradeRows.Redeem(c, t, mailbox.Id, HashCode(code), since, now);
                if (target is null)
                {
                    var (left, voided) = UpgradeRows.RecordWrongCode(c, t, mailbox.Id, since, now, MaxWrongCodes);
                    AuditRows.Insert(c, t, _time, "mailbox.upgrade_refused", "mailbox", mailbox.Id, actor, new { attempts_left = left });
                    if (voided == 0)
                    {
                        return new ServiceError(403, "Invalid or expired upgrade code (" + left + " attempt" + (left == 1 ? string.Empty : "s") + " left).");
                    }

                    AuditRows.Insert(c, t, _time, "mailbox.upgrade_voided", "mailbox", mailbox.Id, actor, new { reason = "too_many_wrong_codes", requests = voided });
                    _outbox.NotifyOperator(
                        c,
                        t,
                        mailbox.Id,
                        "Upgrade request for " + mailbox.Address + " voided after " + MaxWrongCodes + " wrong codes",
                        "The agent using " + mailbox.Address + " entered " + MaxWrongCodes + " wrong upgrade codes, so the open upgrade request is void and its code no longer works."
                        + "\n\nThe mailbox stays in " + mailbox.Mode.ToWire() + " mode. If you did not hand out a code, someone may be guessing.",
                        now);
                    return new ServiceError(403, "Invalid upgrade code. After " + MaxWrongCodes + " wrong codes the upgrade request is void and the operator has been told.");
                }

                MailboxRows.Update(c, t, mailbox with { Mode = OversightModes.Parse(target) });
                UpgradeRows.CloseOpen(c, t, mailbox.Id, now, "superseded");
                AuditRows.Insert(c, t, _time, "mailbox.upgrade", "mailbox", mailbox.Id, actor, new { previous_oversight_mode = mailbox.Mode.ToWire(), oversight_mode = target });
                return target;
            },
            cancellationToken);

    private bool IsValidLocalPart(string addressLocal, out string address, out string problem)
    {
        address = string.Empty;
        problem = string.Empty;
        var local = addressLocal.Trim().ToLowerInvariant();
        if (local.Contains('@'))
        {
            var domain = local[(local.IndexOf('@') + 1)..];
            if (domain != _settings.MailDomain)
            {
                problem = "Invalid address: the sandbox has no verified custom domains; give a local part (it becomes <local>@" + _settings.MailDomain + ").";
                return false;
            }

            local = local[..local.IndexOf('@')];
        }

        if (local.Length is 0 or > 64 || local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            problem = "Invalid address format: the local part must be 1-64 characters and may not start or end with a dot.";
            return false;
        }

        foreach (var ch in local)
        {
            if (!(ch is >= 'a' and <= 'z' or >= '0' and <= '9' or '.' or '-' or '_' or '+'))
            {
                problem = "Invalid address format: the local part may contain only letters, digits, '.', '-', '_' and '+'.";
                return false;
            }
        }

        address = local + "@" + _settings.MailDomain;
        return true;
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
