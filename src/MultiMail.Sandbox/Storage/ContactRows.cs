using System.Collections.Generic;
using Microsoft.Data.Sqlite;

namespace MultiMail.Sandbox.Storage;

/// <summary>Data access for <c>contacts</c> (tenant-wide address book).</summary>
internal static class ContactRows
{
    public static void Insert(SqliteConnection connection, SqliteTransaction transaction, ContactRecord contact) =>
        connection.Execute(
            transaction,
            "INSERT INTO contacts (id, name, email, tags_json, created_at) VALUES (@id, @name, @email, @tags, @created);",
            ("@id", contact.Id),
            ("@name", contact.Name),
            ("@email", contact.Email),
            ("@tags", StoredJson.Write(contact.Tags)),
            ("@created", contact.CreatedAt));

    /// <summary>Contacts whose name or email contains <paramref name="query"/> (case-insensitive); all when null.</summary>
    public static List<ContactRecord> Search(SqliteConnection connection, string? query) =>
        connection.Query(
            null,
            """
            SELECT id, name, email, tags_json, created_at FROM contacts
            WHERE @q IS NULL OR instr(lower(name), lower(@q)) > 0 OR instr(lower(email), lower(@q)) > 0
            ORDER BY name, seq;
            """,
            r => new ContactRecord(r.String("id"), r.String("name"), r.String("email"), StoredJson.Strings(r.String("tags_json")), r.Int64("created_at")),
            ("@q", query));

    public static bool Delete(SqliteConnection connection, SqliteTransaction transaction, string id) =>
        connection.Execute(transaction, "DELETE FROM contacts WHERE id = @id;", ("@id", id)) == 1;
}
