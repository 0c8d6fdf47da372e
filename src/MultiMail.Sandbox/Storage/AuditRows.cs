using System;
using System.Collections.Generic;
using Microsoft.Data.Sqlite;

namespace MultiMail.Sandbox.Storage;

/// <summary>Data access for <c>audit_log</c>. The actor is a key id (or <c>sandbox</c>/<c>system</c>), never a key.</summary>
internal static class AuditRows
{
    public static void Insert(
        SqliteConnection connection,
        SqliteTransaction transaction,
        TimeProvider time,
        string action,
        string resourceType,
        string resourceId,
        string actorKeyId,
        object? metadata = null) =>
        connection.Execute(
            transaction,
            "INSERT INTO audit_log (id, action, resource_type, resource_id, actor_key_id, metadata_json, created_at) VALUES (@id, @action, @type, @resource, @actor, @meta, @at);",
            ("@id", Ids.New("al_", time)),
            ("@action", action),
            ("@type", resourceType),
            ("@resource", resourceId),
            ("@actor", actorKeyId),
            ("@meta", metadata is null ? null : StoredJson.Write(metadata)),
            ("@at", time.GetUtcNow().ToUnixTimeMilliseconds()));

    /// <summary>A page of entries, newest first; <paramref name="beforeSeq"/> is the paging cursor.</summary>
    public static List<AuditRecord> Page(SqliteConnection connection, long? beforeSeq, int take) =>
        connection.Query(
            null,
            "SELECT seq, id, action, resource_type, resource_id, actor_key_id, metadata_json, created_at FROM audit_log WHERE @before IS NULL OR seq < @before ORDER BY seq DESC LIMIT @take;",
            r => new AuditRecord(
                r.Int64("seq"),
                r.String("id"),
                r.String("action"),
                r.String("resource_type"),
                r.String("resource_id"),
                r.String("actor_key_id"),
                r.NullableString("metadata_json"),
                r.Int64("created_at")),
            ("@before", beforeSeq),
            ("@take", take));
}
