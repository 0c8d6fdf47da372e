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
public sealed record VendorTool(string Name, bool Latest, string? Ours, LeftOutReason Reason = LeftOutReason.None);

/// <summary>
/// The vendor's MCP tools, each mapped to our catalog operation or to the reason it is left out. The catalog test, the
/// McpServer sample's test and its README table are all checked against this list.
/// </summary>
public static class VendorTools
{
    public static IReadOnlyList<VendorTool> All { get; } =
    [
        // Core (§3.3)
        new("send_email", true, "send_email"),
        new("check_inbox", true, "check_inbox"),
        new("read_email", true, "read_email"),
        new("reply_email", true, "reply_email"),
        new("get_thread", true, "get_thread"),
        new("download_attachment", true, "download_attachment"),
        new("cancel_message", true, "cancel_message"),
        new("edit_scheduled_email", true, null, LeftOutReason.NotInContract),
        new("wait_for_email", true, "wait_for_email"),
        new("get_tags", true, "get_tags"),
        new("set_tags", true, "set_tags"),
        new("delete_tag", true, "delete_tag"),

        // Oversight
        new("list_pending", true, "list_pending"),
        new("decide_email", true, "decide_email"),
        new("manage_upgrade", true, "manage_upgrade"),

        // Allowlist (0.7.1+): no REST path in any source (API.md §2.11)
        new("list_allowlist", true, null, LeftOutReason.NotInContract),
        new("add_allowlist_entry", true, null, LeftOutReason.NotInContract),
        new("remove_allowlist_entry", true, null, LeftOutReason.NotInContract),

        // Mailbox
        new("list_mailboxes", true, "list_mailboxes"),
        new("configure_mailbox", true, null, LeftOutReason.NotInContract),
        new("update_mailbox", true, "update_mailbox"),
        new("create_mailbox", true, "create_mailbox"),
        new("delete_mailbox", true, "delete_mailbox"),

        // Account and billing
        new("get_account", true, "get_account"),
        new("update_account", true, "update_account"),
        new("delete_account", true, "delete_account"),
        new("get_usage", true, "get_usage"),
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
        new("list_api_keys", true, "list_api_keys"),
        new("create_api_key", true, "create_api_key"),
        new("revoke_api_key", true, "revoke_api_key"),
        new("get_audit_log", true, "get_audit_log"),

        // Contacts and spam
        new("search_contacts", true, "search_contacts"),
        new("add_contact", true, "add_contact"),
        new("delete_contact", true, "delete_contact"),
        new("manage_spam_status", true, "manage_spam_status"),
        new("list_spam", true, "list_spam"),
        new("list_suppression", true, "list_suppression"),
        new("remove_suppression", true, "remove_suppression"),

        // Webhooks
        new("create_webhook", true, "create_webhook"),
        new("list_webhooks", true, "list_webhooks"),
        new("delete_webhook", true, "delete_webhook"),

        // Meta: POST /v1/feedback is not in openapi.json
        new("report_issue", true, null, LeftOutReason.NotInContract),

        // v0.7.0 names the latest server consolidated or renamed (§3.2)
        new("request_upgrade", false, "request_upgrade"),
        new("apply_upgrade", false, "apply_upgrade"),
        new("report_spam", false, "report_spam"),
        new("not_spam", false, "not_spam"),
        new("schedule_email", false, "schedule_email"),
        new("check_suppression", false, "list_suppression"),
        new("tag_email", false, "set_tags"),
    ];

    /// <summary>The tools the McpServer sample serves under the vendor's name: every served tool that is not an alias.</summary>
    public static IEnumerable<VendorTool> Served => All.Where(t => t.Ours == t.Name);

    /// <summary>The left-out tools.</summary>
    public static IEnumerable<VendorTool> LeftOut => All.Where(t => t.Ours is null);
}
