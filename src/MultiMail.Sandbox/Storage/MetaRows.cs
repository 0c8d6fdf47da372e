using Microsoft.Data.Sqlite;

namespace MultiMail.Sandbox.Storage;

/// <summary>Data access for <c>meta</c>: sandbox-wide values (tenant id, default mailbox, signing key).</summary>
internal static class MetaRows
{
    public static string? Get(SqliteConnection connection, SqliteTransaction? transaction, string key) =>
        connection.Scalar<string>(transaction, "SELECT value FROM meta WHERE key = @key;", ("@key", key));

    public static void Set(SqliteConnection connection, SqliteTransaction transaction, string key, string value) =>
        connection.Execute(
            transaction,
            "INSERT INTO meta (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value;",
            ("@key", key),
            ("@value", value));
}
