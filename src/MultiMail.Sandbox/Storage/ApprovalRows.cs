using Microsoft.Data.Sqlite;

namespace MultiMail.Sandbox.Storage;

/// <summary>
/// Data access for <c>approvals</c>: operator approval codes for account actions (deleting the account, changing the
/// oversight address). Codes are stored as hashes; only the newest open request of an action is redeemable.
/// </summary>
internal static class ApprovalRows
{
    /// <summary>Opens a request (closing older open ones of the same action).</summary>
    public static void Open(SqliteConnection connection, SqliteTransaction transaction, string id, string action, string payload, string codeHash, long now)
    {
        connection.Execute(
            transaction,
            "UPDATE approvals SET closed_at = @now, closed_reason = 'superseded' WHERE action = @action AND used_at IS NULL AND closed_at IS NULL;",
            ("@action", action),
            ("@now", now));
        connection.Execute(
            transaction,
            "INSERT INTO approvals (id, action, payload, code_hash, created_at) VALUES (@id, @action, @payload, @hash, @now);",
            ("@id", id),
            ("@action", action),
            ("@payload", payload),
            ("@hash", codeHash),
            ("@now", now));
    }

    /// <summary>Whether an open request of the action exists (created after <paramref name="since"/>).</summary>
    public static bool HasOpen(SqliteConnection connection, SqliteTransaction transaction, string action, long since) =>
        connection.Scalar<long>(
            transaction,
            "SELECT COUNT(*) FROM approvals WHERE action = @action AND used_at IS NULL AND closed_at IS NULL AND created_at >= @since;",
            ("@action", action),
            ("@since", since)) > 0;

    /// <summary>Redeems the open request whose code hash matches; returns its payload, or null.</summary>
    public static string? Redeem(SqliteConnection connection, SqliteTransaction transaction, string action, string codeHash, long since, long now)
    {
        var payload = connection.Scalar<string>(
            transaction,
            "SELECT payload FROM approvals WHERE action = @action AND code_hash = @hash AND used_at IS NULL AND closed_at IS NULL AND created_at >= @since;",
            ("@action", action),
            ("@hash", codeHash),
            ("@since", since));
        if (payload is not null)
        {
            connection.Execute(transaction, "UPDATE approvals SET used_at = @now WHERE action = @action AND code_hash = @hash AND used_at IS NULL;", ("@action", action), ("@hash", codeHash), ("@now", now));
        }

        return payload;
    }

    /// <summary>Counts a wrong code against the open request; at <paramref name="maxWrong"/> it is closed. Returns the attempts left.</summary>
    public static int RecordWrongCode(SqliteConnection connection, SqliteTransaction transaction, string action, long now, int maxWrong)
    {
        connection.Execute(
            transaction,
            "UPDATE approvals SET failed_attempts = failed_attempts + 1 WHERE action = @action AND used_at IS NULL AND closed_at IS NULL;",
            ("@action", action));
        connection.Execute(
            transaction,
            "UPDATE approvals SET closed_at = @now, closed_reason = 'too_many_wrong_codes' WHERE action = @action AND used_at IS NULL AND closed_at IS NULL AND failed_attempts >= @max;",
            ("@action", action),
            ("@now", now),
            ("@max", maxWrong));
        var used = connection.Scalar<long?>(
            transaction,
            "SELECT MAX(failed_attempts) FROM approvals WHERE action = @action AND used_at IS NULL AND closed_at IS NULL;",
            ("@action", action));
        return used is { } attempts ? maxWrong - (int)attempts : 0;
    }
}
