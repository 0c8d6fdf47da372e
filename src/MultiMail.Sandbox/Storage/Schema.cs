namespace MultiMail.Sandbox.Storage;

/// <summary>The database schema. Times are Unix epoch milliseconds; lists and maps are JSON text.</summary>
internal static class Schema
{
    /// <summary>Columns added after the first release, added to older database files on open (table, column, definition).</summary>
    public static readonly (string Table, string Column, string Definition)[] AddedColumns =
    [
        ("upgrade_requests", "failed_attempts", "INTEGER NOT NULL DEFAULT 0"),
        ("upgrade_requests", "closed_at", "INTEGER"),
        ("upgrade_requests", "closed_reason", "TEXT"),
    ];

    public const string Sql = """
        CREATE TABLE IF NOT EXISTS meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL);

        CREATE TABLE IF NOT EXISTS api_keys (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            prefix TEXT NOT NULL,
            key_hash TEXT NOT NULL UNIQUE,
            scopes TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            last_used_at INTEGER,
            is_active INTEGER NOT NULL DEFAULT 1);

        CREATE TABLE IF NOT EXISTS mailboxes (
            id TEXT PRIMARY KEY,
            address TEXT NOT NULL UNIQUE COLLATE NOCASE,
            display_name TEXT,
            oversight_mode TEXT NOT NULL,
            auto_cc TEXT,
            auto_bcc TEXT,
            forward_inbound INTEGER NOT NULL DEFAULT 0,
            signature_block TEXT,
            default_gate_timing TEXT NOT NULL DEFAULT 'gate_first',
            created_at INTEGER NOT NULL,
            is_active INTEGER NOT NULL DEFAULT 1);

        CREATE TABLE IF NOT EXISTS emails (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            mailbox_id TEXT NOT NULL,
            direction TEXT NOT NULL,
            from_address TEXT NOT NULL,
            to_json TEXT NOT NULL,
            cc_json TEXT NOT NULL,
            bcc_json TEXT NOT NULL,
            subject TEXT NOT NULL,
            markdown TEXT NOT NULL,
            status TEXT NOT NULL,
            received_at INTEGER NOT NULL,
            thread_id TEXT NOT NULL,
            parent_id TEXT,
            attachments_json TEXT NOT NULL,
            tags_json TEXT NOT NULL DEFAULT '{}',
            delivered_at INTEGER,
            approved_at INTEGER,
            approved_by TEXT,
            send_at INTEGER,
            gate_timing TEXT,
            content_hash TEXT,
            created_by TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_emails_mailbox ON emails (mailbox_id, seq);
        CREATE INDEX IF NOT EXISTS ix_emails_thread ON emails (thread_id, seq);
        CREATE INDEX IF NOT EXISTS ix_emails_status ON emails (status);
        CREATE INDEX IF NOT EXISTS ix_emails_parent ON emails (parent_id);

        CREATE TABLE IF NOT EXISTS idempotency (
            mailbox_id TEXT NOT NULL,
            key TEXT NOT NULL,
            email_id TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (mailbox_id, key));

        CREATE TABLE IF NOT EXISTS outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            email_id TEXT,
            mailbox_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            from_address TEXT NOT NULL,
            to_json TEXT NOT NULL,
            cc_json TEXT NOT NULL,
            bcc_json TEXT NOT NULL,
            subject TEXT NOT NULL,
            markdown TEXT NOT NULL,
            attachments_json TEXT NOT NULL,
            identity_header TEXT,
            delivered_at INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_outbox_mailbox ON outbox (mailbox_id, seq);

        CREATE TABLE IF NOT EXISTS contacts (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            email TEXT NOT NULL,
            tags_json TEXT NOT NULL,
            created_at INTEGER NOT NULL);

        CREATE TABLE IF NOT EXISTS upgrade_requests (
            id TEXT PRIMARY KEY,
            mailbox_id TEXT NOT NULL,
            target_mode TEXT NOT NULL,
            code_hash TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            used_at INTEGER,
            failed_attempts INTEGER NOT NULL DEFAULT 0,
            closed_at INTEGER,
            closed_reason TEXT);

        CREATE TABLE IF NOT EXISTS audit_log (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            action TEXT NOT NULL,
            resource_type TEXT NOT NULL,
            resource_id TEXT NOT NULL,
            actor_key_id TEXT NOT NULL,
            metadata_json TEXT,
            created_at INTEGER NOT NULL);

        CREATE TABLE IF NOT EXISTS suppressions (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            email_address TEXT NOT NULL UNIQUE COLLATE NOCASE,
            reason TEXT NOT NULL,
            mailbox_id TEXT,
            created_at INTEGER NOT NULL);

        CREATE TABLE IF NOT EXISTS webhooks (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            url TEXT NOT NULL,
            events_json TEXT NOT NULL,
            mailbox_id TEXT,
            signing_secret TEXT NOT NULL,
            created_at INTEGER NOT NULL);

        CREATE TABLE IF NOT EXISTS approvals (
            id TEXT PRIMARY KEY,
            action TEXT NOT NULL,
            payload TEXT NOT NULL,
            code_hash TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            used_at INTEGER,
            failed_attempts INTEGER NOT NULL DEFAULT 0,
            closed_at INTEGER,
            closed_reason TEXT);
        """;
}
