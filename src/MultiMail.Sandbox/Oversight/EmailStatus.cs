using System.Collections.Generic;

namespace MultiMail.Sandbox.Oversight;

/// <summary>
/// Email status values. All stored values are members of SPEC's 12-value status enum; <see cref="PendingScan"/> is
/// only ever reported in the 202 answer to send/reply, because the sandbox's "scan" is synchronous.
/// </summary>
internal static class EmailStatus
{
    public const string PendingScan = "pending_scan";
    public const string Unread = "unread";
    public const string Read = "read";

    /// <summary>
    /// The status of a delivered outbound email. No source names one (API.md §4, §10) and SPEC's enum has no
    /// <c>sent</c>; the sandbox files delivered mail as <c>archived</c> (nothing left to do, never set otherwise) and
    /// shows the delivery itself in <c>delivered_at</c>. Unread/read stay reserved for inbound triage.
    /// </summary>
    public const string Delivered = "archived";

    public const string PendingSendApproval = "pending_send_approval";
    public const string PendingInboundApproval = "pending_inbound_approval";
    public const string Rejected = "rejected";
    public const string Cancelled = "cancelled";
    public const string SendFailed = "send_failed";
    public const string Scheduled = "scheduled";

    /// <summary>SPEC's status enum (the <c>status</c> filter of check-inbox).</summary>
    public static readonly IReadOnlyList<string> SpecEnum =
    [
        "unread", "read", "archived", "deleted", "pending_send_approval", "pending_inbound_approval", "rejected",
        "cancelled", "send_failed", "scheduled", "spam_flagged", "spam_quarantined",
    ];

    /// <summary>Statuses the cancel endpoint accepts (MCP's wider set, API.md §2.3 and §9).</summary>
    public static readonly IReadOnlyList<string> Cancellable = [PendingScan, PendingSendApproval, PendingInboundApproval, Scheduled];
}
