using System.Collections.Generic;
using Microsoft.Data.Sqlite;

namespace MultiMail.Sandbox.Storage;

/// <summary>A suppressed address: mail to it would bounce (API.md §2.10).</summary>
internal sealed record SuppressionRecord(long Seq, string Id, string EmailAddress, string Reason, string? MailboxId, long CreatedAt);

/// <summary>Data access for <c>suppressions</c>.</summary>
internal static class SuppressionRows
{
    public static void Upsert(SqliteConnection connection, SqliteTransaction transaction, string id, string address, string reason, string? mailboxId, long now) =>
        connection.Execute(
            transaction,
            """
            INSERT INTO suppressions (id, email_address, reason, mailbox_id, created_at) VALUES (@id, @address, @reason, @mailbox, @now)
            ON CONFLICT (email_address) DO UPDATE SET reason = excluded.reason;
            """,
            ("@id", id),
            ("@address", address),
            ("@reason", reason),
            ("@mailbox", mailboxId),
            ("@now", now));

    /// <summary>A page, newest first, starting below <paramref name="beforeSeq"/> when given.</summary>
    public static List<SuppressionRecord> Page(SqliteConnection connection, long? beforeSeq, int take) =>
        connection.Query(
            null,
            "SELECT seq, id, email_address, reason, mailbox_id, created_at FROM suppressions WHERE @before IS NULL OR seq < @before ORDER BY seq DESC LIMIT @take;",
            r => new SuppressionRecord(r.Int64("seq"), r.String("id"), r.String("email_address"), r.String("reason"), r.NullableString("mailbox_id"), r.Int64("created_at")),
            ("@before", beforeSeq),
            ("@take", take));

    public static bool Delete(SqliteConnection connection, SqliteTransaction transaction, string address) =>
        connection.Execute(transaction, "DELETE FROM suppressions WHERE email_address = @address;", ("@address", address)) == 1;
}
