using System.Collections.Generic;
using System.Text;
using Microsoft.Data.Sqlite;
using MultiMail.Sandbox.Oversight;

namespace MultiMail.Sandbox.Storage;

/// <summary>Data access for <c>emails</c>.</summary>
internal static class EmailRows
{
    private const string InsertColumns =
        "id, mailbox_id, direction, from_address, to_json, cc_json, bcc_json, subject, markdown, status, received_at, " +
        "thread_id, parent_id, attachments_json, tags_json, delivered_at, approved_at, approved_by, send_at, gate_timing, " +
        "content_hash, created_by";

    private const string Columns = "seq, " + InsertColumns;

    /// <summary>
    /// SQL condition for mail the mailbox's agent may see: inbound mail that never reached the mailbox (held by
    /// gated_all, then possibly rejected or cancelled) is excluded; "approve → becomes unread/visible".
    /// </summary>
    private const string Visible = "NOT (direction = 'inbound' AND status IN ('pending_inbound_approval', 'rejected', 'cancelled'))";

    public static void Insert(SqliteConnection connection, SqliteTransaction transaction, EmailRecord email) =>
        connection.Execute(
            transaction,
            $"""
            INSERT INTO emails ({InsertColumns})
            VALUES (@id, @mailbox, @direction, @from, @to, @cc, @bcc, @subject, @markdown, @status, @received, @thread, @parent,
                    @attachments, @tags, @delivered, @approved, @approvedBy, @sendAt, @gate, @hash, @createdBy);
            """,
            ("@id", email.Id),
            ("@mailbox", email.MailboxId),
            ("@direction", email.Direction),
            ("@from", email.From),
            ("@to", StoredJson.Write(email.To)),
            ("@cc", StoredJson.Write(email.Cc)),
            ("@bcc", StoredJson.Write(email.Bcc)),
            ("@subject", email.Subject),
            ("@markdown", email.Markdown),
            ("@status", email.Status),
            ("@received", email.ReceivedAt),
            ("@thread", email.ThreadId),
            ("@parent", email.ParentId),
            ("@attachments", StoredJson.Write(email.Attachments)),
            ("@tags", StoredJson.Write(email.Tags)),
            ("@delivered", email.DeliveredAt),
            ("@approved", email.ApprovedAt),
            ("@approvedBy", email.ApprovedBy),
            ("@sendAt", email.SendAt),
            ("@gate", email.GateTiming),
            ("@hash", email.ContentHash),
            ("@createdBy", email.CreatedBy));

    /// <summary>Any email by id, whatever its mailbox or visibility (oversight decisions, cancellation).</summary>
    public static EmailRecord? Get(SqliteConnection connection, SqliteTransaction? transaction, string id) =>
        connection.Query(transaction, $"SELECT {Columns} FROM emails WHERE id = @id;", Map, ("@id", id)) is [var row] ? row : null;

    /// <summary>An email of a mailbox that the mailbox's agent may see.</summary>
    public static EmailRecord? GetVisible(SqliteConnection connection, SqliteTransaction? transaction, string mailboxId, string id) =>
        connection.Query(
            transaction,
            $"SELECT {Columns} FROM emails WHERE id = @id AND mailbox_id = @mailbox AND {Visible};",
            Map,
            ("@id", id),
            ("@mailbox", mailboxId)) is [var row] ? row : null;

    /// <summary>
    /// Moves an email from one of <paramref name="expected"/> to <paramref name="status"/>; returns whether this call made
    /// the change (false when another writer changed the status first).
    /// </summary>
    public static bool TryTransition(
        SqliteConnection connection,
        SqliteTransaction transaction,
        string id,
        IReadOnlyCollection<string> expected,
        string status,
        long? approvedAt = null,
        string? approvedBy = null,
        long? deliveredAt = null)
    {
        var parameters = new List<(string, object?)>
        {
            ("@id", id), ("@status", status), ("@approvedAt", approvedAt), ("@approvedBy", approvedBy), ("@deliveredAt", deliveredAt),
        };
        var names = new StringBuilder();
        var i = 0;
        foreach (var value in expected)
        {
            names.Append(i == 0 ? string.Empty : ", ").Append("@e").Append(i);
            parameters.Add(("@e" + i, value));
            i++;
        }

        return connection.Execute(
            transaction,
            $"""
            UPDATE emails SET status = @status,
                approved_at = COALESCE(@approvedAt, approved_at),
                approved_by = COALESCE(@approvedBy, approved_by),
                delivered_at = COALESCE(@deliveredAt, delivered_at)
            WHERE id = @id AND status IN ({names});
            """,
            parameters.ToArray()) == 1;
    }

    public static void SetTags(SqliteConnection connection, SqliteTransaction transaction, string id, IReadOnlyDictionary<string, string> tags) =>
        connection.Execute(transaction, "UPDATE emails SET tags_json = @tags WHERE id = @id;", ("@id", id), ("@tags", StoredJson.Write(tags)));

    /// <summary>A page of a mailbox's visible emails, newest first.</summary>
    public static List<EmailRecord> List(SqliteConnection connection, string mailboxId, EmailFilter filter, int take)
    {
        var sql = new StringBuilder($"SELECT {Columns} FROM emails WHERE mailbox_id = @mailbox AND {Visible}");
        var parameters = new List<(string, object?)> { ("@mailbox", mailboxId), ("@take", take) };
        void Add(string condition, string? name = null, object? value = null)
        {
            sql.Append(" AND ").Append(condition);
            if (name is not null)
            {
                parameters.Add((name, value));
            }
        }

        if (filter.Status is not null) { Add("status = @status", "@status", filter.Status); }
        if (filter.Direction is not null) { Add("direction = @direction", "@direction", filter.Direction); }
        if (filter.Sender is not null) { Add("instr(lower(from_address), lower(@sender)) > 0", "@sender", filter.Sender); }
        if (filter.SubjectContains is not null) { Add("instr(lower(subject), lower(@subject)) > 0", "@subject", filter.SubjectContains); }
        if (filter.After is not null) { Add("received_at > @after", "@after", filter.After.Value); }
        if (filter.Before is not null) { Add("received_at < @before", "@before", filter.Before.Value); }
        if (filter.HasAttachments is not null) { Add(filter.HasAttachments.Value ? "attachments_json <> '[]'" : "attachments_json = '[]'"); }
        if (filter.SinceSeq is not null) { Add("seq > @since", "@since", filter.SinceSeq.Value); }
        if (filter.BeforeSeq is not null) { Add("seq < @cursor", "@cursor", filter.BeforeSeq.Value); }
        sql.Append(" ORDER BY seq DESC LIMIT @take;");
        return connection.Query(null, sql.ToString(), Map, parameters.ToArray());
    }

    /// <summary>The sequence number of a visible email of a mailbox (for <c>since_id</c>; a hidden email is as unknown as a missing one).</summary>
    public static long? SeqOf(SqliteConnection connection, string mailboxId, string id) =>
        connection.Scalar<long?>(null, $"SELECT seq FROM emails WHERE id = @id AND mailbox_id = @mailbox AND {Visible};", ("@id", id), ("@mailbox", mailboxId));

    /// <summary>The visible emails of a thread in a mailbox, oldest first.</summary>
    public static List<EmailRecord> Thread(SqliteConnection connection, string mailboxId, string threadId) =>
        connection.Query(
            null,
            $"SELECT {Columns} FROM emails WHERE mailbox_id = @mailbox AND thread_id = @thread AND {Visible} ORDER BY seq;",
            Map,
            ("@mailbox", mailboxId),
            ("@thread", threadId));

    /// <summary>Mail waiting for an operator decision, oldest first (tenant-wide).</summary>
    public static List<EmailRecord> Pending(SqliteConnection connection) =>
        connection.Query(
            null,
            $"SELECT {Columns} FROM emails WHERE status IN ('pending_send_approval', 'pending_inbound_approval') ORDER BY seq;",
            Map);

    /// <summary>Scheduled mail whose time has come.</summary>
    public static List<EmailRecord> DueScheduled(SqliteConnection connection, SqliteTransaction? transaction, long now) =>
        connection.Query(
            transaction,
            $"SELECT {Columns} FROM emails WHERE status = 'scheduled' AND send_at <= @now ORDER BY send_at, seq;",
            Map,
            ("@now", now));

    /// <summary>Outbound emails of a mailbox created after <paramref name="since"/>: their count and the oldest time.</summary>
    public static (long Count, long? Oldest) OutboundSince(SqliteConnection connection, SqliteTransaction transaction, string mailboxId, long since) =>
        connection.Query(
            transaction,
            "SELECT COUNT(*) AS n, MIN(received_at) AS oldest FROM emails WHERE mailbox_id = @mailbox AND direction = 'outbound' AND received_at > @since;",
            r => (r.Int64("n"), r.NullableInt64("oldest")),
            ("@mailbox", mailboxId),
            ("@since", since))[0];

    /// <summary>A reply with the same content to the same email after <paramref name="since"/>, if any.</summary>
    public static string? RecentDuplicateReply(SqliteConnection connection, SqliteTransaction transaction, string parentId, string contentHash, long since) =>
        connection.Scalar<string>(
            transaction,
            "SELECT id FROM emails WHERE parent_id = @parent AND content_hash = @hash AND direction = 'outbound' AND received_at > @since ORDER BY seq DESC LIMIT 1;",
            ("@parent", parentId),
            ("@hash", contentHash),
            ("@since", since));

    private static EmailRecord Map(SqliteDataReader r) => new()
    {
        Seq = r.Int64("seq"),
        Id = r.String("id"),
        MailboxId = r.String("mailbox_id"),
        Direction = r.String("direction"),
        From = r.String("from_address"),
        To = StoredJson.Strings(r.String("to_json")),
        Cc = StoredJson.Strings(r.String("cc_json")),
        Bcc = StoredJson.Strings(r.String("bcc_json")),
        Subject = r.String("subject"),
        Markdown = r.String("markdown"),
        Status = r.String("status"),
        ReceivedAt = r.Int64("received_at"),
        ThreadId = r.String("thread_id"),
        ParentId = r.NullableString("parent_id"),
        Attachments = StoredJson.Attachments(r.String("attachments_json")),
        Tags = StoredJson.Map(r.String("tags_json")),
        DeliveredAt = r.NullableInt64("delivered_at"),
        ApprovedAt = r.NullableInt64("approved_at"),
        ApprovedBy = r.NullableString("approved_by"),
        SendAt = r.NullableInt64("send_at"),
        GateTiming = r.NullableString("gate_timing"),
        ContentHash = r.NullableString("content_hash"),
        CreatedBy = r.String("created_by"),
    };
}

/// <summary>The check-inbox filters after validation.</summary>
internal sealed record EmailFilter(
    string? Status,
    string? Direction,
    string? Sender,
    string? SubjectContains,
    long? After,
    long? Before,
    bool? HasAttachments,
    long? SinceSeq,
    long? BeforeSeq);
