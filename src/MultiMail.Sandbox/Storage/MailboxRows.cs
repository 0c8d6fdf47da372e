using System.Collections.Generic;
using Microsoft.Data.Sqlite;
using MultiMail.Sandbox.Oversight;

namespace MultiMail.Sandbox.Storage;

/// <summary>Data access for <c>mailboxes</c>.</summary>
internal static class MailboxRows
{
    private const string Columns = "id, address, display_name, oversight_mode, auto_cc, auto_bcc, forward_inbound, signature_block, default_gate_timing, created_at, is_active";

    public static MailboxRecord? Get(SqliteConnection connection, SqliteTransaction? transaction, string id) =>
        connection.Query(transaction, $"SELECT {Columns} FROM mailboxes WHERE id = @id AND is_active = 1;", Map, ("@id", id)) is [var row] ? row : null;

    public static List<MailboxRecord> ListActive(SqliteConnection connection) =>
        connection.Query(null, $"SELECT {Columns} FROM mailboxes WHERE is_active = 1 ORDER BY created_at, id;", Map);

    /// <summary>Whether an address was ever used (soft-deleted addresses are never reused).</summary>
    public static bool AddressTaken(SqliteConnection connection, SqliteTransaction transaction, string address) =>
        connection.Scalar<long>(transaction, "SELECT COUNT(*) FROM mailboxes WHERE address = @a;", ("@a", address)) > 0;

    public static void Insert(SqliteConnection connection, SqliteTransaction transaction, MailboxRecord mailbox) =>
        connection.Execute(
            transaction,
            $"INSERT INTO mailboxes ({Columns}) VALUES (@id, @address, @display, @mode, @cc, @bcc, @fwd, @sig, @gate, @created, 1);",
            ("@id", mailbox.Id),
            ("@address", mailbox.Address),
            ("@display", mailbox.DisplayName),
            ("@mode", mailbox.Mode.ToWire()),
            ("@cc", mailbox.AutoCc),
            ("@bcc", mailbox.AutoBcc),
            ("@fwd", mailbox.ForwardInbound ? 1 : 0),
            ("@sig", mailbox.SignatureBlock),
            ("@gate", mailbox.DefaultGateTiming),
            ("@created", mailbox.CreatedAt));

    public static void Update(SqliteConnection connection, SqliteTransaction transaction, MailboxRecord mailbox) =>
        connection.Execute(
            transaction,
            """
            UPDATE mailboxes SET display_name = @display, oversight_mode = @mode, auto_cc = @cc, auto_bcc = @bcc,
                forward_inbound = @fwd, signature_block = @sig, default_gate_timing = @gate, is_active = @active
            WHERE id = @id;
            """,
            ("@id", mailbox.Id),
            ("@display", mailbox.DisplayName),
            ("@mode", mailbox.Mode.ToWire()),
            ("@cc", mailbox.AutoCc),
            ("@bcc", mailbox.AutoBcc),
            ("@fwd", mailbox.ForwardInbound ? 1 : 0),
            ("@sig", mailbox.SignatureBlock),
            ("@gate", mailbox.DefaultGateTiming),
            ("@active", mailbox.IsActive ? 1 : 0));

    private static MailboxRecord Map(SqliteDataReader r) => new(
        r.String("id"),
        r.String("address"),
        r.NullableString("display_name"),
        OversightModes.Parse(r.String("oversight_mode")),
        r.NullableString("auto_cc"),
        r.NullableString("auto_bcc"),
        r.Int64("forward_inbound") != 0,
        r.NullableString("signature_block"),
        r.String("default_gate_timing"),
        r.Int64("created_at"),
        r.Int64("is_active") != 0);
}
