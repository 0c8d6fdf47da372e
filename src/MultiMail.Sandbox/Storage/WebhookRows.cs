using System.Collections.Generic;
using Microsoft.Data.Sqlite;

namespace MultiMail.Sandbox.Storage;

/// <summary>A webhook subscription (SPEC <c>WebhookSubscription</c>).</summary>
internal sealed record WebhookRecord(string Id, string Url, IReadOnlyList<string> Events, string? MailboxId, string SigningSecret, long CreatedAt);

/// <summary>Data access for <c>webhooks</c>.</summary>
internal static class WebhookRows
{
    private const string Columns = "id, url, events_json, mailbox_id, signing_secret, created_at";

    public static void Insert(SqliteConnection connection, SqliteTransaction transaction, WebhookRecord webhook) =>
        connection.Execute(
            transaction,
            $"INSERT INTO webhooks ({Columns}) VALUES (@id, @url, @events, @mailbox, @secret, @created);",
            ("@id", webhook.Id),
            ("@url", webhook.Url),
            ("@events", StoredJson.Write(webhook.Events)),
            ("@mailbox", webhook.MailboxId),
            ("@secret", webhook.SigningSecret),
            ("@created", webhook.CreatedAt));

    public static List<WebhookRecord> List(SqliteConnection connection) =>
        connection.Query(null, $"SELECT {Columns} FROM webhooks ORDER BY seq;", Map);

    public static WebhookRecord? Get(SqliteConnection connection, string id) =>
        connection.Query(null, $"SELECT {Columns} FROM webhooks WHERE id = @id;", Map, ("@id", id)) is [var row] ? row : null;

    public static bool Delete(SqliteConnection connection, SqliteTransaction transaction, string id) =>
        connection.Execute(transaction, "DELETE FROM webhooks WHERE id = @id;", ("@id", id)) == 1;

    private static WebhookRecord Map(SqliteDataReader r) =>
        new(r.String("id"), r.String("url"), StoredJson.Strings(r.String("events_json")), r.NullableString("mailbox_id"), r.String("signing_secret"), r.Int64("created_at"));
}
