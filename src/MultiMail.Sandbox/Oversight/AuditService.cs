using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using MultiMail.Sandbox.Storage;

namespace MultiMail.Sandbox.Oversight;

/// <summary>The audit log for callers outside a mail operation: refusals (scope, review sign-in) and reading the log.</summary>
internal sealed class AuditService
{
    private readonly SandboxDatabase _database;
    private readonly TimeProvider _time;

    public AuditService(SandboxDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    /// <summary>Records one entry in its own transaction.</summary>
    public Task RecordAsync(string action, string resourceType, string resourceId, string actor, object? metadata, CancellationToken cancellationToken) =>
        _database.WriteAsync(
            (c, t) =>
            {
                AuditRows.Insert(c, t, _time, action, resourceType, resourceId, actor, metadata);
                return true;
            },
            cancellationToken);

    /// <summary>A page of entries, newest first; <paramref name="beforeSeq"/> is the paging cursor.</summary>
    public IReadOnlyList<AuditRecord> Page(long? beforeSeq, int take) => _database.Read(c => AuditRows.Page(c, beforeSeq, take));

    /// <summary>Whether the store answers a trivial query (for <c>/health</c>).</summary>
    public bool IsHealthy() => _database.IsHealthy();
}
