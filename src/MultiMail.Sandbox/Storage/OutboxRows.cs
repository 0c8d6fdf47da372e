using System.Collections.Generic;
using Microsoft.Data.Sqlite;

namespace MultiMail.Sandbox.Storage;

/// <summary>Data access for <c>outbox</c>: what the sandbox "delivered".</summary>
internal static class OutboxRows
{
    private const string Columns = "id, email_id, mailbox_id, kind, from_address, to_json, cc_json, bcc_json, subject, markdown, attachments_json, identity_header, delivered_at";

    public static void Insert(SqliteConnection connection, SqliteTransaction transaction, OutboxRecord message) =>
        connection.Execute(
            transaction,
            $"INSERT INTO outbox ({Columns}) VALUES (@id, @email, @mailbox, @kind, @from, @to, @cc, @bcc, @subject, @markdown, @attachments, @header, @delivered);",
            ("@id", message.Id),
            ("@email", message.EmailId),
            ("@mailbox", message.MailboxId),
            ("@kind", message.Kind),
            ("@from", message.From),
            ("@to", StoredJson.Write(message.To)),
            ("@cc", StoredJson.Write(message.Cc)),
            ("@bcc", StoredJson.Write(message.Bcc)),
            ("@subject", message.Subject),
            ("@markdown", message.Markdown),
            ("@attachments", StoredJson.Write(message.Attachments)),
            ("@header", message.IdentityHeader),
            ("@delivered", message.DeliveredAt));

    /// <summary>Delivered messages, oldest first, optionally of one mailbox.</summary>
    public static List<OutboxRecord> List(SqliteConnection connection, string? mailboxId) =>
        connection.Query(
            null,
            mailboxId is null ? $"SELECT {Columns} FROM outbox ORDER BY seq;" : $"SELECT {Columns} FROM outbox WHERE mailbox_id = @mailbox ORDER BY seq;",
            r => new OutboxRecord(
                r.String("id"),
                r.NullableString("email_id"),
                r.String("mailbox_id"),
                r.String("kind"),
                r.String("from_address"),
                StoredJson.Strings(r.String("to_json")),
                StoredJson.Strings(r.String("cc_json")),
                StoredJson.Strings(r.String("bcc_json")),
                r.String("subject"),
                r.String("markdown"),
                StoredJson.OutboxAttachments(r.String("attachments_json")),
                r.NullableString("identity_header"),
                r.Int64("delivered_at")),
            ("@mailbox", mailboxId));
}
