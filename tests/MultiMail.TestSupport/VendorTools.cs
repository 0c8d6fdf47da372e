using System.Collections.Generic;
using System.Linq;

namespace MultiMail.TestSupport;

/// <summary>Why a tool of the vendor's MCP server has no catalog operation.</summary>
public enum LeftOutReason
{
    /// <summary>Served: the catalog has the operation.</summary>
    None,

    /// <summary>Sign-up and account activation happen before there is a key; out of scope for issue 15.</summary>
    SignUp,

    /// <summary>Billing (Stripe checkout, portal, cancellation); out of scope for issue 15.</summary>
    Billing,

    /// <summary>The contract (openapi.json) has no endpoint for it.</summary>
    NotInContract,
}

/// <summary>One tool of the vendor's MCP server (API.md §3.2 for v0.7.0, §3.3 for 0.9.0+) and what we serve for it.</summary>
/// <param name="Name">The vendor's tool name.</param>
/// <param name="Latest">Whether the latest server (0.9.0+, "50 tools") has it; otherwise only v0.7.0 did.</param>
/// <param name="Ours">The catalog operation that serves it, or <see langword="null"/> when left out.</param>
/// <param name="Reason">Why it is left out.</param>
/// <param name="Arguments">
/// The vendor's arguments, comma-separated, required ones marked <c>*</c>: from the v0.7.0 source for the tools it has,
/// inferred from the v0.7.0 tools they replaced for get_tags, set_tags, delete_tag (tag_email), manage_upgrade
/// (request_upgrade, apply_upgrade), manage_spam_status (report_spam, not_spam) and list_suppression (check_suppression).
/// </param>
public sealed record VendorTool(string Name, bool Latest, string? Ours, LeftOutReason Reason = LeftOutReason.None, string Arguments = "")
{
    /// <summary>Every argument name.</summary>
    public IEnumerable<string> ArgumentNames => Split().Select(a => a.TrimEnd('*'));

    /// <summary>The required argument names.</summary>
    public IEnumerable<string> RequiredArguments => Split().Where(a => a.EndsWith('*')).Select(a => a.TrimEnd('*'));

    private IEnumerable<string> Split() => Arguments.Split(',', System.StringSplitOptions.RemoveEmptyEntries | System.StringSplitOptions.TrimEntries);
}

/// <summary>
/// The vendor's MCP tools, each mapped to our catalog operation or to the reason it is left out. The catalog test, the
/// McpServer sample's test and its README table are all checked against this list.
/// </summary>
public static class VendorTools
{
    public static IReadOnlyList<VendorTool> All { get; } =
    [
        // Core (§3.3)
        new("send_email", true, "send_email", Arguments: "to*, subject*, markdown*, cc, bcc, attachments, idempotency_key, send_at, gate_timing, mailbox_id"),
        new("check_inbox", true, "check_inbox", Arguments: "status, sender, subject_contains, date_after, date_before, direction, has_attachments, since_id, limit, cursor, mailbox_id"),
        new("read_email", true, "read_email", Arguments: "email_id*, mailbox_id"),
        new("reply_email", true, "reply_email", Arguments: "email_id*, markdown*, cc, bcc, attachments, idempotency_key, mailbox_id"),
        new("get_thread", true, "get_thread", Arguments: "thread_id*, mailbox_id"),
        new("download_attachment", true, "download_attachment", Arguments: "email_id*, filename*, mailbox_id"),
        new("cancel_message", true, "cancel_message", Arguments: "email_id*, mailbox_id"),
        new("edit_scheduled_email", true, null, LeftOutReason.NotInContract),
        new("wait_for_email", true, "wait_for_email", Arguments: "mailbox_id, timeout_seconds, filter"),
        new("get_tags", true, "get_tags", Arguments: "email_id*, mailbox_id"),
        new("set_tags", true, "set_tags", Arguments: "email_id*, tags*, mailbox_id"),
        new("delete_tag", true, "delete_tag", Arguments: "email_id*, key*, mailbox_id"),

        // Oversight
        new("list_pending", true, "list_pending", Arguments: ""),
        new("decide_email", true, "decide_email", Arguments: "email_id*, action*, reason"),
        new("manage_upgrade", true, "manage_upgrade", Arguments: "action*, target_mode, code, mailbox_id"),

        // Allowlist (0.7.1+): no REST path in any source (API.md §2.11)
        new("list_allowlist", true, null, LeftOutReason.NotInContract),
        new("add_allowlist_entry", true, null, LeftOutReason.NotInContract),
        new("remove_allowlist_entry", true, null, LeftOutReason.NotInContract),

        // Mailbox
        new("list_mailboxes", true, "list_mailboxes", Arguments: ""),
        new("configure_mailbox", true, null, LeftOutReason.NotInContract),
        new("update_mailbox", true, "update_mailbox", Arguments: "mailbox_id, display_name, oversight_mode, auto_cc, auto_bcc, forward_inbound, signature_block"),
        new("create_mailbox", true, "create_mailbox", Arguments: "address_local_part*, display_name, approval_code"),
        new("delete_mailbox", true, "delete_mailbox", Arguments: "mailbox_id*"),

        // Account and billing
        new("get_account", true, "get_account", Arguments: ""),
        new("update_account", true, "update_account", Arguments: "name, oversight_email, physical_address"),
        new("delete_account", true, "delete_account", Arguments: ""),
        new("get_usage", true, "get_usage", Arguments: "period"),
        new("upgrade_plan", true, null, LeftOutReason.Billing),
        new("cancel_subscription", true, null, LeftOutReason.Billing),
        new("get_billing_portal", true, null, LeftOutReason.Billing),

        // Sign-up
        new("request_challenge", true, null, LeftOutReason.SignUp),
        new("create_account", true, null, LeftOutReason.SignUp),
        new("resend_confirmation", true, null, LeftOutReason.SignUp),
        new("activate_account", true, null, LeftOutReason.SignUp),
        new("setup_multimail", true, null, LeftOutReason.SignUp),

        // Keys and audit
        new("list_api_keys", true, "list_api_keys", Arguments: ""),
        new("create_api_key", true, "create_api_key", Arguments: "name*, scopes*, approval_code"),
        new("revoke_api_key", true, "revoke_api_key", Arguments: "key_id*"),
        new("get_audit_log", true, "get_audit_log", Arguments: "limit, cursor"),

        // Contacts and spam
        new("search_contacts", true, "search_contacts", Arguments: "query"),
        new("add_contact", true, "add_contact", Arguments: "name*, email*, tags"),
        new("delete_contact", true, "delete_contact", Arguments: "contact_id*"),
        new("manage_spam_status", true, "manage_spam_status", Arguments: "email_id*, action*"),
        new("list_spam", true, "list_spam", Arguments: "limit"),
        new("list_suppression", true, "list_suppression", Arguments: "limit, cursor"),
        new("remove_suppression", true, "remove_suppression", Arguments: "email_address*"),

        // Webhooks
        new("create_webhook", true, "create_webhook", Arguments: "url*, events*, mailbox_id, approval_code"),
        new("list_webhooks", true, "list_webhooks", Arguments: ""),
        new("delete_webhook", true, "delete_webhook", Arguments: "webhook_id*"),

        // Meta: POST /v1/feedback is not in openapi.json
        new("report_issue", true, null, LeftOutReason.NotInContract),

        // v0.7.0 names the latest server consolidated or renamed (§3.2)
        new("request_upgrade", false, "request_upgrade", Arguments: "target_mode*, mailbox_id"),
        new("apply_upgrade", false, "apply_upgrade", Arguments: "code*, mailbox_id"),
        new("report_spam", false, "report_spam", Arguments: "email_id*"),
        new("not_spam", false, "not_spam", Arguments: "email_id*"),
        new("schedule_email", false, "schedule_email", Arguments: "to*, subject*, markdown*, send_at*, cc, bcc, attachments, gate_timing, idempotency_key, mailbox_id"),
        new("check_suppression", false, "list_suppression"),
        new("tag_email", false, "set_tags"),
    ];

    /// <summary>The tools the McpServer sample serves under the vendor's name: every served tool that is not an alias.</summary>
    public static IEnumerable<VendorTool> Served => All.Where(t => t.Ours == t.Name);

    /// <summary>The left-out tools.</summary>
    public static IEnumerable<VendorTool> LeftOut => All.Where(t => t.Ours is null);
}
