using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MultiMail.Sandbox.Storage;

namespace MultiMail.Sandbox.Oversight;

/// <summary>
/// The suppression list (API.md §2.10): addresses mail is not delivered to after bounces, complaints or unsubscribes.
/// The sandbox delivers no real mail, so nothing lands here by itself: tests and demos add entries with
/// <see cref="MultiMailSandbox.SuppressAsync"/>.
/// </summary>
internal sealed class SuppressionService
{
    private readonly SandboxDatabase _database;
    private readonly TimeProvider _time;

    public SuppressionService(SandboxDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    /// <summary>A page, newest first, and the cursor of the next page.</summary>
    public (IReadOnlyList<SuppressionRecord> Page, long? NextCursor) List(long? beforeSeq, int limit) =>
        _database.Read(c =>
        {
            var rows = SuppressionRows.Page(c, beforeSeq, limit + 1);
            return ((IReadOnlyList<SuppressionRecord>)rows.Take(limit).ToArray(), rows.Count > limit ? rows[limit - 1].Seq : (long?)null);
        });

    public Task AddAsync(string actor, string address, string reason, string? mailboxId, CancellationToken cancellationToken) =>
        _database.WriteAsync(
            (c, t) =>
            {
                SuppressionRows.Upsert(c, t, Ids.New("sup_", _time), address, reason, mailboxId, _time.GetUtcNow().ToUnixTimeMilliseconds());
                AuditRows.Insert(c, t, _time, "suppression.add", "suppression", address, actor, new { reason });
                return true;
            },
            cancellationToken);

    /// <summary>Removes an address; whether it was on the list.</summary>
    public Task<bool> RemoveAsync(string actor, string address, CancellationToken cancellationToken) =>
        _database.WriteAsync(
            (c, t) =>
            {
                var removed = SuppressionRows.Delete(c, t, address);
                if (removed)
                {
                    AuditRows.Insert(c, t, _time, "suppression.remove", "suppression", address, actor);
                }

                return removed;
            },
            cancellationToken);
}
