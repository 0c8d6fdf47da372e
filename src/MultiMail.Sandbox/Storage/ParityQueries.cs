using System.Collections.Generic;
using Microsoft.Data.Sqlite;

namespace MultiMail.Sandbox.Storage;

/// <summary>
/// Tenant-wide queries over <c>emails</c>, <c>outbox</c> and <c>audit_log</c> for the account, usage and spam
/// endpoints (the per-mailbox ones are in <see cref="EmailRows"/>).
/// </summary>
internal static class ParityQueries
{
    /// <summary>Spam across every active mailbox, newest first (statuses given by the caller).</summary>
    public static List<(long Seq, string Id)> Spam(SqliteConnection connection, IReadOnlyList<string> statuses, long? beforeSeq, int take) =>
        connection.Query(
            null,
            """
            SELECT e.seq, e.id FROM emails e JOIN mailboxes m ON m.id = e.mailbox_id AND m.is_active = 1
            WHERE e.status IN (@s0, @s1) AND (@before IS NULL OR e.seq < @before)
            ORDER BY e.seq DESC LIMIT @take;
            """,
            r => (r.Int64("seq"), r.String("id")),
            ("@s0", statuses[0]),
            ("@s1", statuses[statuses.Count - 1]),
            ("@before", beforeSeq),
            ("@take", take));

    /// <summary>Outbound deliveries (kind <c>delivery</c>) in [from, to].</summary>
    public static long Deliveries(SqliteConnection connection, long from, long to) =>
        connection.Scalar<long>(null, "SELECT COUNT(*) FROM outbox WHERE kind = 'delivery' AND delivered_at >= @from AND delivered_at <= @to;", ("@from", from), ("@to", to));

    /// <summary>Inbound emails received in [from, to].</summary>
    public static long Received(SqliteConnection connection, long from, long to) =>
        connection.Scalar<long>(null, "SELECT COUNT(*) FROM emails WHERE direction = 'inbound' AND received_at >= @from AND received_at <= @to;", ("@from", from), ("@to", to));

    /// <summary>Oversight decisions (approve or reject) in [from, to].</summary>
    public static long OversightActions(SqliteConnection connection, long from, long to) =>
        connection.Scalar<long>(null, "SELECT COUNT(*) FROM audit_log WHERE action IN ('oversight.approve', 'oversight.reject') AND created_at >= @from AND created_at <= @to;", ("@from", from), ("@to", to));

    /// <summary>Per-day counts in [from, to]: (day as yyyy-MM-dd, event type, count); event types email.sent, email.received, oversight.action.</summary>
    public static List<(string Date, string EventType, long Count)> Daily(SqliteConnection connection, long from, long to) =>
        connection.Query(
            null,
            """
            SELECT date(at / 1000, 'unixepoch') AS day, event_type, COUNT(*) AS n FROM (
                SELECT delivered_at AS at, 'email.sent' AS event_type FROM outbox WHERE kind = 'delivery'
                UNION ALL SELECT received_at, 'email.received' FROM emails WHERE direction = 'inbound'
                UNION ALL SELECT created_at, 'oversight.action' FROM audit_log WHERE action IN ('oversight.approve', 'oversight.reject'))
            WHERE at >= @from AND at <= @to
            GROUP BY day, event_type ORDER BY day, event_type;
            """,
            r => (r.String("day"), r.String("event_type"), r.Int64("n")),
            ("@from", from),
            ("@to", to));

    /// <summary>Bytes of stored mail: bodies plus attachments (base64 text, as stored).</summary>
    public static long StorageBytes(SqliteConnection connection) =>
        connection.Scalar<long?>(null, "SELECT SUM(length(markdown) + length(attachments_json)) FROM emails;") ?? 0;
}
