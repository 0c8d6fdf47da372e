using Microsoft.Data.Sqlite;

namespace MultiMail.Sandbox.Storage;

/// <summary>Data access for <c>upgrade_requests</c>: one-time codes mailed to the operator (only their hash is stored).</summary>
internal static class UpgradeRows
{
    public static void Insert(SqliteConnection connection, SqliteTransaction transaction, string id, string mailboxId, string targetMode, string codeHash, long at) =>
        connection.Execute(
            transaction,
            "INSERT INTO upgrade_requests (id, mailbox_id, target_mode, code_hash, created_at) VALUES (@id, @mailbox, @target, @hash, @at);",
            ("@id", id),
            ("@mailbox", mailboxId),
            ("@target", targetMode),
            ("@hash", codeHash),
            ("@at", at));

    public static long CountSince(SqliteConnection connection, SqliteTransaction transaction, string mailboxId, long since) =>
        connection.Scalar<long>(
            transaction,
            "SELECT COUNT(*) FROM upgrade_requests WHERE mailbox_id = @mailbox AND created_at > @since;",
            ("@mailbox", mailboxId),
            ("@since", since));

    public static long? OldestSince(SqliteConnection connection, SqliteTransaction transaction, string mailboxId, long since) =>
        connection.Scalar<long?>(
            transaction,
            "SELECT MIN(created_at) FROM upgrade_requests WHERE mailbox_id = @mailbox AND created_at > @since;",
            ("@mailbox", mailboxId),
            ("@since", since));

    public static bool AnyOpen(SqliteConnection connection, SqliteTransaction transaction, string mailboxId, long since) =>
        connection.Scalar<long>(
            transaction,
            "SELECT COUNT(*) FROM upgrade_requests WHERE mailbox_id = @mailbox AND used_at IS NULL AND created_at > @since;",
            ("@mailbox", mailboxId),
            ("@since", since)) > 0;

    /// <summary>Marks the open request with this code used and returns its target mode; null when no open request matches.</summary>
    public static string? Redeem(SqliteConnection connection, SqliteTransaction transaction, string mailboxId, string codeHash, long since, long now)
    {
        var row = connection.Query(
            transaction,
            "SELECT id, target_mode FROM upgrade_requests WHERE mailbox_id = @mailbox AND code_hash = @hash AND used_at IS NULL AND created_at > @since;",
            r => (Id: r.String("id"), Target: r.String("target_mode")),
            ("@mailbox", mailboxId),
            ("@hash", codeHash),
            ("@since", since));
        if (row is not [var match])
        {
            return null;
        }

        connection.Execute(transaction, "UPDATE upgrade_requests SET used_at = @now WHERE id = @id AND used_at IS NULL;", ("@id", match.Id), ("@now", now));
        return match.Target;
    }
}
