using Microsoft.Data.Sqlite;

namespace MultiMail.Sandbox.Storage;

/// <summary>Data access for <c>idempotency</c>: send/reply <c>idempotency_key</c>s per mailbox.</summary>
internal static class IdempotencyRows
{
    /// <summary>The email created with this key after <paramref name="since"/>, if any.</summary>
    public static string? Find(SqliteConnection connection, SqliteTransaction transaction, string mailboxId, string key, long since) =>
        connection.Scalar<string>(
            transaction,
            "SELECT email_id FROM idempotency WHERE mailbox_id = @mailbox AND key = @key AND created_at > @since;",
            ("@mailbox", mailboxId),
            ("@key", key),
            ("@since", since));

    /// <summary>Records a key (replacing an expired record of the same key).</summary>
    public static void Put(SqliteConnection connection, SqliteTransaction transaction, string mailboxId, string key, string emailId, long at) =>
        connection.Execute(
            transaction,
            """
            INSERT INTO idempotency (mailbox_id, key, email_id, created_at) VALUES (@mailbox, @key, @email, @at)
            ON CONFLICT (mailbox_id, key) DO UPDATE SET email_id = excluded.email_id, created_at = excluded.created_at;
            """,
            ("@mailbox", mailboxId),
            ("@key", key),
            ("@email", emailId),
            ("@at", at));
}
