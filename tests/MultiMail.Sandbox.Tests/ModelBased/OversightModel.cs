using System;
using System.Collections.Generic;
using System.Linq;

namespace MultiMail.Sandbox.Tests.ModelBased;

/// <summary>
/// The reference model of one mailbox under oversight: a few dozen lines of rules taken from openapi.json, API.md and
/// the sandbox README, kept deliberately simpler than the sandbox. The driver asks it what each call must answer and
/// what state must follow; where the two disagree the sandbox is wrong unless the contract says otherwise.
/// </summary>
internal sealed class OversightModel
{
    public const int MaxWrongCodes = 5;
    public static readonly TimeSpan IdempotencyTtl = TimeSpan.FromHours(24);
    public static readonly TimeSpan CodeTtl = TimeSpan.FromHours(24);
    public static readonly TimeSpan DuplicateReplyWindow = TimeSpan.FromSeconds(60);

    public required string MailboxId { get; init; }

    public required string MailboxAddress { get; init; }

    public required string Mode { get; set; }

    public string? AutoBcc { get; set; }

    public bool AgentKeyRevoked { get; set; }

    /// <summary>Every email of the mailbox, in creation order.</summary>
    public List<ModelEmail> Emails { get; } = [];

    public Dictionary<string, (string EmailId, long At)> IdempotencyKeys { get; } = new(StringComparer.Ordinal);

    public List<ModelUpgradeRequest> UpgradeRequests { get; } = [];

    public List<(string ParentId, string Hash, long At)> Replies { get; } = [];

    /// <summary>How many upgrades a valid code performed (the audit log must show exactly these).</summary>
    public int Upgrades { get; set; }

    /// <summary>How many upgrades of this mailbox the audit log showed so far.</summary>
    public int UpgradesAudited { get; set; }

    /// <summary>What happened, step by step (printed when a sequence fails).</summary>
    public List<string> Log { get; } = [];

    public static int Rank(string mode) => mode switch
    {
        "read_only" => 0,
        "gated_all" => 1,
        "gated_send" => 2,
        "monitored" => 3,
        "autonomous" => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    public bool HoldsOutbound => Mode is "gated_send" or "gated_all";

    public ModelEmail? Find(string id) => Emails.FirstOrDefault(e => e.Id == id);

    public IEnumerable<ModelEmail> Visible => Emails.Where(e => e.Visible);

    public IEnumerable<ModelEmail> Pending => Emails.Where(e => e.Status is "pending_send_approval" or "pending_inbound_approval");

    public IEnumerable<ModelUpgradeRequest> OpenRequests(long now) =>
        UpgradeRequests.Where(r => !r.Closed && r.CreatedAt > now - (long)CodeTtl.TotalMilliseconds);

    /// <summary>An operator's mode change (or a redeemed code) closes every open upgrade request.</summary>
    public void SetMode(string mode)
    {
        if (mode != Mode)
        {
            foreach (var request in UpgradeRequests)
            {
                request.Closed = true;
            }
        }

        Mode = mode;
    }

    /// <summary>Scheduled mail whose time has come: failed in read_only, back to the queue if gated and unapproved, else delivered.</summary>
    public void ReleaseDue(long now)
    {
        foreach (var email in Emails.Where(e => e.Status == "scheduled" && e.SendAt <= now))
        {
            email.Status = Mode == "read_only" ? "send_failed"
                : HoldsOutbound && !email.Approved ? "pending_send_approval"
                : "archived";
            if (email.Status == "archived")
            {
                email.DeliveredInMode = Mode;
            }
        }
    }

    public override string ToString() => Mode + " " + string.Join(", ", Emails.Select(e => e.Id[^6..] + ":" + e.Status)) + "\n  " + string.Join("\n  ", Log);
}

/// <summary>An email as the model knows it: what the recipients get, fixed when it was created.</summary>
internal sealed class ModelEmail
{
    public required string Id { get; init; }

    public required string Direction { get; init; }

    public required string From { get; init; }

    public required IReadOnlyList<string> To { get; init; }

    public required IReadOnlyList<string> Cc { get; init; }

    public required IReadOnlyList<string> Bcc { get; init; }

    public required string Subject { get; init; }

    public required string Markdown { get; init; }

    public required IReadOnlyList<ModelAttachment> Attachments { get; init; }

    public long? SendAt { get; init; }

    public required string Status { get; set; }

    /// <summary>An oversight key approved it.</summary>
    public bool Approved { get; set; }

    /// <summary>Created while the mailbox held outbound mail: it may leave only after an approval.</summary>
    public bool CreatedGated { get; init; }

    public string? DeliveredInMode { get; set; }

    public bool Visible => !(Direction == "inbound" && Status is "pending_inbound_approval" or "rejected" or "cancelled");
}

internal sealed record ModelAttachment(string Name, string ContentType, string Text);

internal sealed class ModelUpgradeRequest
{
    public required string Target { get; init; }

    public required string Code { get; init; }

    public required long CreatedAt { get; init; }

    public int WrongCodes { get; set; }

    public bool Closed { get; set; }
}
