using System;
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

    private const string Open = "mailbox_id = @mailbox AND used_at IS NULL AND closed_at IS NULL AND created_at > @since";

    public static bool AnyOpen(SqliteConnection connection, SqliteTransaction transaction, string mailboxId, long since) =>
        connection.Scalar<long>(transaction, $"SELECT COUNT(*) FROM upgrade_requests WHERE {Open};", ("@mailbox", mailboxId), ("@since", since)) > 0;

    /// <summary>Marks the open request with this code used and returns its target mode; null when no open request matches.</summary>
    public static string? Redeem(SqliteConnection connection, SqliteTransaction transaction, string mailboxId, string codeHash, long since, long now)
    {
        var row = connection.Query(
            transaction,
            $"SELECT id, target_mode FROM upgrade_requests WHERE {Open} AND code_hash = @hash;",
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

    /// <summary>
    /// Counts a wrong code against every open request of the mailbox (a guess cannot be told apart per request) and
    /// closes those that reached <paramref name="maxAttempts"/>; returns the fewest attempts left and how many were closed.
    /// </summary>
    public static (long AttemptsLeft, int Voided) RecordWrongCode(SqliteConnection connection, SqliteTransaction transaction, string mailboxId, long since, long now, int maxAttempts)
    {
        connection.Execute(transaction, $"UPDATE upgrade_requests SET failed_attempts = failed_attempts + 1 WHERE {Open};", ("@mailbox", mailboxId), ("@since", since));
        var left = connection.Scalar<long?>(
            transaction,
            $"SELECT MIN(@max - failed_attempts) FROM upgrade_requests WHERE {Open};",
            ("@mailbox", mailboxId),
            ("@since", since),
            ("@max", maxAttempts)) ?? 0;
        var voided = connection.Execute(
            transaction,
            $"UPDATE upgrade_requests SET closed_at = @now, closed_reason = 'too_many_wrong_codes' WHERE {Open} AND failed_attempts >= @max;",
            ("@mailbox", mailboxId),
            ("@since", since),
            ("@max", maxAttempts),
            ("@now", now));
        return (Math.Max(0, left), voided);
    }

    /// <summary>Closes every open request of the mailbox (its mode changed); returns how many.</summary>
    public static int CloseOpen(SqliteConnection connection, SqliteTransaction transaction, string mailboxId, long now, string reason) =>
        connection.Execute(
            transaction,
            "UPDATE upgrade_requests SET closed_at = @now, closed_reason = @reason WHERE mailbox_id = @mailbox AND used_at IS NULL AND closed_at IS NULL;",
            ("@mailbox", mailboxId),
            ("@now", now),
            ("@reason", reason));
}
