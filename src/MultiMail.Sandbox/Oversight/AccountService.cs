using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MultiMail.Sandbox.Auth;
using MultiMail.Sandbox.Storage;

namespace MultiMail.Sandbox.Oversight;

/// <summary>The account as <c>GET /v1/account</c> shows it (SPEC <c>AccountInfo</c>).</summary>
internal sealed record AccountInfo(
    string Id,
    string Name,
    string Slug,
    string Plan,
    string OversightEmail,
    string? PhysicalAddress,
    long MonthlyEmailQuota,
    long EmailsSentThisMonth,
    long MaxMailboxes,
    long StorageUsedBytes,
    long MaxStorageBytes,
    bool IsActive,
    bool SendingDisabled,
    string? SendingDisabledReason);

/// <summary>What an account update did: applied, or waiting for the operator's approval code.</summary>
internal enum AccountChange
{
    Updated,
    PendingApproval,
    Deleted,
}

/// <summary>
/// The account (API.md §2.10): read it, rename it, set its physical address, move its oversight address, delete it.
/// The sandbox's plan is the largest (scale) so no plan limit gets in the way; moving the oversight address and
/// deleting the account need the operator's approval code, mailed to the current oversight address.
/// </summary>
internal sealed class AccountService
{
    private const string NameKey = "account_name";
    private const string OversightEmailKey = "account_oversight_email";
    private const string PhysicalAddressKey = "account_physical_address";
    private const string DeleteAction = "account.delete";
    private const string OversightEmailAction = "account.oversight_email";

    private readonly SandboxDatabase _database;
    private readonly SandboxSettings _settings;
    private readonly ApprovalService _approvals;
    private readonly ApiKeyService _keys;
    private readonly MailboxService _mailboxes;
    private readonly TimeProvider _time;

    public AccountService(SandboxDatabase database, SandboxSettings settings, ApprovalService approvals, ApiKeyService keys, MailboxService mailboxes, TimeProvider time)
    {
        _database = database;
        _settings = settings;
        _approvals = approvals;
        _keys = keys;
        _mailboxes = mailboxes;
        _time = time;
    }

    /// <summary>Applies account values changed through the API in an earlier run (file databases) to the settings.</summary>
    public static void ApplyStored(SandboxDatabase database, SandboxSettings settings)
    {
        var (name, email, address) = database.Read(c => (MetaRows.Get(c, null, NameKey), MetaRows.Get(c, null, OversightEmailKey), MetaRows.Get(c, null, PhysicalAddressKey)));
        settings.OperatorName = name ?? settings.OperatorName;
        settings.OversightEmail = email ?? settings.OversightEmail;
        settings.PhysicalAddress = address is null ? settings.PhysicalAddress : address.Length == 0 ? null : address;
    }

    public AccountInfo Get()
    {
        var now = _time.GetUtcNow();
        var monthStart = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var (sent, storage) = _database.Read(c => (ParityQueries.Deliveries(c, monthStart, now.ToUnixTimeMilliseconds()), ParityQueries.StorageBytes(c)));
        return new AccountInfo(
            _settings.TenantId,
            _settings.OperatorName,
            _settings.MailDomain.Split('.')[0],
            "scale",
            _settings.OversightEmail,
            _settings.PhysicalAddress,
            150_000,
            sent,
            100,
            storage,
            150L * 1024 * 1024 * 1024,
            true,
            false,
            null);
    }

    /// <summary>
    /// Renames the account or sets its physical address at once; a new oversight address waits for the operator's code
    /// (without it nothing in the call is applied).
    /// </summary>
    public async Task<ServiceResult<AccountChange>> UpdateAsync(string actor, string? name, Optional<string> physicalAddress, string? oversightEmail, string? approvalCode, CancellationToken cancellationToken)
    {
        var result = await _database.WriteAsync<ServiceResult<AccountChange>>(
            (c, t) =>
            {
                var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
                if (oversightEmail is not null && !string.Equals(oversightEmail, _settings.OversightEmail, StringComparison.OrdinalIgnoreCase))
                {
                    if (approvalCode is null)
                    {
                        _approvals.Request(c, t, actor, OversightEmailAction, oversightEmail, "move the oversight address to " + oversightEmail, now);
                        return AccountChange.PendingApproval;
                    }

                    var approved = _approvals.Redeem(c, t, actor, OversightEmailAction, approvalCode, now);
                    if (approved.Error is { } error)
                    {
                        return error;
                    }

                    if (!string.Equals(approved.Value, oversightEmail, StringComparison.OrdinalIgnoreCase))
                    {
                        return new ServiceError(409, "The approval code was issued for another oversight address (" + approved.Value + ").");
                    }

                    MetaRows.Set(c, t, OversightEmailKey, oversightEmail);
                }

                if (name is not null)
                {
                    MetaRows.Set(c, t, NameKey, name);
                }

                if (physicalAddress.IsSet)
                {
                    MetaRows.Set(c, t, PhysicalAddressKey, physicalAddress.Value ?? string.Empty);
                }

                AuditRows.Insert(c, t, _time, "account.update", "account", _settings.TenantId, actor, new { name = name is not null, physical_address = physicalAddress.IsSet, oversight_email = oversightEmail is not null });
                return AccountChange.Updated;
            },
            cancellationToken).ConfigureAwait(false);
        if (result.Error is null && result.Value == AccountChange.Updated)
        {
            ApplyStored(_database, _settings);
        }

        return result;
    }

    /// <summary>Deletes the account with the operator's code: every key is revoked and every mailbox deleted. Without a code the operator is asked for one.</summary>
    public async Task<ServiceResult<AccountChange>> DeleteAsync(string actor, string? approvalCode, CancellationToken cancellationToken)
    {
        var step = await _database.WriteAsync<ServiceResult<AccountChange>>(
            (c, t) =>
            {
                var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
                if (approvalCode is null)
                {
                    _approvals.Request(c, t, actor, DeleteAction, "{}", "delete the whole account and all its data", now);
                    return AccountChange.PendingApproval;
                }

                var approved = _approvals.Redeem(c, t, actor, DeleteAction, approvalCode, now);
                if (approved.Error is { } error)
                {
                    return error;
                }

                AuditRows.Insert(c, t, _time, "account.delete", "account", _settings.TenantId, actor);
                return AccountChange.Deleted;
            },
            cancellationToken).ConfigureAwait(false);
        if (step.Error is not null || step.Value != AccountChange.Deleted)
        {
            return step;
        }

        foreach (var mailbox in _mailboxes.ListActive())
        {
            await _mailboxes.DeleteAsync(actor, mailbox.Id, cancellationToken).ConfigureAwait(false);
        }

        foreach (var key in _keys.List().Where(k => k.IsActive))
        {
            await _keys.UpdateAsync(actor, key.Id, null, null, revoke: true, cancellationToken).ConfigureAwait(false);
        }

        return AccountChange.Deleted;
    }
}
