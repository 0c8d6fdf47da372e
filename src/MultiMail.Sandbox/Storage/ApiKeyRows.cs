using System.Collections.Generic;
using Microsoft.Data.Sqlite;

namespace MultiMail.Sandbox.Storage;

/// <summary>Data access for <c>api_keys</c>. Lookups are by SHA-256 hash; raw keys are never stored.</summary>
internal static class ApiKeyRows
{
    private const string Columns = "id, name, prefix, scopes, created_at, last_used_at, is_active";

    public static ApiKeyRecord? FindActiveByHash(SqliteConnection connection, string keyHash) =>
        connection.Query(null, $"SELECT {Columns} FROM api_keys WHERE key_hash = @hash AND is_active = 1;", Map, ("@hash", keyHash)) is [var row] ? row : null;

    public static ApiKeyRecord? Get(SqliteConnection connection, SqliteTransaction? transaction, string id) =>
        connection.Query(transaction, $"SELECT {Columns} FROM api_keys WHERE id = @id;", Map, ("@id", id)) is [var row] ? row : null;

    public static List<ApiKeyRecord> List(SqliteConnection connection) =>
        connection.Query(null, $"SELECT {Columns} FROM api_keys ORDER BY created_at, id;", Map);

    /// <summary>Inserts a key, or re-keys an existing id (the built-in keys are re-issued on every start).</summary>
    public static void Upsert(SqliteConnection connection, SqliteTransaction transaction, ApiKeyRecord key, string keyHash) =>
        connection.Execute(
            transaction,
            $"""
            INSERT INTO api_keys (id, name, prefix, key_hash, scopes, created_at, last_used_at, is_active)
            VALUES (@id, @name, @prefix, @hash, @scopes, @created, NULL, 1)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, prefix = excluded.prefix, key_hash = excluded.key_hash,
                scopes = excluded.scopes, is_active = 1;
            """,
            ("@id", key.Id),
            ("@name", key.Name),
            ("@prefix", key.Prefix),
            ("@hash", keyHash),
            ("@scopes", string.Join(",", key.Scopes)),
            ("@created", key.CreatedAt));

    public static void Update(SqliteConnection connection, SqliteTransaction transaction, string id, string name, IReadOnlyList<string> scopes, bool isActive) =>
        connection.Execute(
            transaction,
            "UPDATE api_keys SET name = @name, scopes = @scopes, is_active = @active WHERE id = @id;",
            ("@id", id),
            ("@name", name),
            ("@scopes", string.Join(",", scopes)),
            ("@active", isActive ? 1 : 0));

    public static void Touch(SqliteConnection connection, SqliteTransaction transaction, string id, long at) =>
        connection.Execute(transaction, "UPDATE api_keys SET last_used_at = @at WHERE id = @id;", ("@id", id), ("@at", at));

    private static ApiKeyRecord Map(SqliteDataReader r) => new(
        r.String("id"),
        r.String("name"),
        r.String("prefix"),
        r.String("scopes").Split(',', System.StringSplitOptions.RemoveEmptyEntries),
        r.Int64("created_at"),
        r.NullableInt64("last_used_at"),
        r.Int64("is_active") != 0);
}
