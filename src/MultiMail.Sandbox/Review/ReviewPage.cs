using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using MultiMail.Sandbox.Endpoints;
using MultiMail.Sandbox.Oversight;
using MultiMail.Sandbox.Storage;

namespace MultiMail.Sandbox.Review;

/// <summary>
/// Server-rendered HTML for the operator review page. Every value that comes from mail, keys or the audit log goes
/// through <see cref="HtmlEncoder"/>: emails are untrusted input. The page needs no script at all, and its
/// Content-Security-Policy forbids scripts.
/// </summary>
internal static class ReviewPage
{
    private const string Style = """
        body{font-family:system-ui,sans-serif;margin:1.5rem;color:#1b1b1b}
        table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}
        th,td{border:1px solid #ccc;padding:.35rem .5rem;text-align:left;vertical-align:top;font-size:.9rem}
        th{background:#f2f2f2}
        pre{white-space:pre-wrap;margin:0;max-height:12rem;overflow:auto}
        code{word-break:break-all;font-size:.75rem}
        .notice{background:#eef6ee;border:1px solid #9c9;padding:.5rem;margin-bottom:1rem}
        .error{background:#fbeaea;border:1px solid #c99;padding:.5rem;margin-bottom:1rem}
        form.inline{display:flex;gap:.4rem;align-items:center}
        ul{margin:0;padding-left:1rem}
        .control{background:#ffe08a;color:#5a3b00;border:1px solid #c9a227;font-family:monospace;font-size:.75rem}
        .mixed-script{display:block;color:#8a1010}
        .punycode{font-family:monospace;color:#444}
        .in-reply-to{margin-top:.4rem;padding:.3rem;border-left:3px solid #999;background:#f7f7f7}
        .none{color:#777}
        header{display:flex;justify-content:space-between;align-items:center}
        """;

    public static string Login(AntiforgeryTokenSet tokens, string? error) => Document(
        "Sign in",
        new StringBuilder()
            .Append("<h1>MultiMail sandbox: operator review</h1>")
            .Append("<p>Sign in with an <strong>oversight</strong> key. Agent keys (send scope) are refused: an agent must never approve its own mail.</p>")
            .Append(error is null ? string.Empty : "<p class=\"error\" role=\"alert\" id=\"login-error\">" + E(error) + "</p>")
            .Append("<form method=\"post\" action=\"/review/login\" id=\"login-form\">")
            .Append(Antiforgery(tokens))
            .Append("<label for=\"api_key\">Oversight key</label> ")
            .Append("<input type=\"password\" id=\"api_key\" name=\"api_key\" autocomplete=\"off\" required> ")
            .Append("<button type=\"submit\" id=\"sign-in\">Sign in</button>")
            .Append("</form>")
            .ToString());

    public static string Dashboard(
        AntiforgeryTokenSet tokens,
        string reviewerName,
        string? notice,
        IReadOnlyList<PendingReview> pending,
        IReadOnlyDictionary<string, string> mailboxAddresses,
        IReadOnlyList<OutboxRecord> outbox,
        IReadOnlyList<AuditRecord> audit)
    {
        var html = new StringBuilder();
        html.Append("<header><h1>MultiMail sandbox: operator review</h1>")
            .Append("<form method=\"post\" action=\"/review/logout\" class=\"inline\">").Append(Antiforgery(tokens))
            .Append("<span>Signed in with key <strong>").Append(E(reviewerName)).Append("</strong></span> ")
            .Append("<button type=\"submit\" id=\"sign-out\">Sign out</button></form></header>");
        if (notice is not null)
        {
            html.Append("<p class=\"notice\" role=\"status\" id=\"notice\">").Append(E(notice)).Append("</p>");
        }

        html.Append("<h2 id=\"pending-heading\">Pending approval (").Append(pending.Count).Append(")</h2>");
        if (pending.Count == 0)
        {
            html.Append("<p id=\"pending-empty\">Nothing is waiting for a decision.</p>");
        }
        else
        {
            html.Append("<table id=\"pending\"><thead><tr><th>Received</th><th>Mailbox</th><th>Direction</th><th>From</th><th>To</th><th>Cc</th><th>Bcc</th>")
                .Append("<th>Subject</th><th>Body</th><th>Attachments</th><th>Send at</th><th>Decision</th></tr></thead><tbody>");
            foreach (var item in pending)
            {
                var email = item.Email;
                html.Append("<tr data-email-id=\"").Append(E(email.Id)).Append("\">")
                    .Append(Cell(Wire.Time(email.ReceivedAt)))
                    .Append(Cell(mailboxAddresses.GetValueOrDefault(email.MailboxId, email.MailboxId)))
                    .Append(Cell(email.Direction))
                    .Append("<td class=\"from\">").Append(Lookalikes.Address(email.From)).Append("</td>")
                    .Append(AddressCell("to", email.To))
                    .Append(AddressCell("cc", email.Cc))
                    .Append(AddressCell("bcc", email.Bcc))
                    .Append("<td class=\"subject\">").Append(Lookalikes.Visible(email.Subject)).Append("</td>")
                    .Append("<td class=\"body\"><pre>").Append(Lookalikes.Visible(email.Markdown, keepLineBreaks: true)).Append("</pre>");
                if (item.InReplyTo is { } parent)
                {
                    html.Append("<div class=\"in-reply-to\"><strong>In reply to</strong> ")
                        .Append(Lookalikes.Address(parent.From)).Append(", ").Append(E(Wire.Time(parent.ReceivedAt))).Append(": <em class=\"in-reply-to-subject\">")
                        .Append(Lookalikes.Visible(parent.Subject)).Append("</em><pre class=\"in-reply-to-body\">")
                        .Append(Lookalikes.Visible(Preview(parent.Markdown), keepLineBreaks: true)).Append("</pre></div>");
                }

                html.Append("</td>").Append(AttachmentsCell(email));
                html.Append("<td class=\"send-at\">").Append(email.SendAt is { } sendAt ? E(Wire.Time(sendAt)) + " (" + E(email.GateTiming ?? "gate_first") + ")" : "now, on approval").Append("</td>")
                    .Append("<td><form method=\"post\" action=\"/review/decide\" class=\"inline\">").Append(Antiforgery(tokens))
                    .Append("<input type=\"hidden\" name=\"email_id\" value=\"").Append(E(email.Id)).Append("\">")
                    .Append("<input type=\"text\" name=\"reason\" placeholder=\"Reason (optional)\" aria-label=\"Reason\" maxlength=\"2000\">")
                    .Append("<button type=\"submit\" name=\"action\" value=\"approve\">Approve</button>")
                    .Append("<button type=\"submit\" name=\"action\" value=\"reject\">Reject</button>")
                    .Append("</form></td></tr>");
            }

            html.Append("</tbody></table>");
        }

        html.Append("<h2>Outbox: delivered (").Append(outbox.Count).Append(")</h2>");
        html.Append("<table id=\"outbox\"><thead><tr><th>Delivered</th><th>Kind</th><th>From</th><th>Recipients</th><th>Subject</th><th>X-MultiMail-Identity</th></tr></thead><tbody>");
        foreach (var message in outbox.Reverse())
        {
            html.Append("<tr data-email-id=\"").Append(E(message.EmailId ?? string.Empty)).Append("\">")
                .Append(Cell(Wire.Time(message.DeliveredAt)))
                .Append(Cell(message.Kind))
                .Append(Cell(message.From))
                .Append(Cell(string.Join(", ", message.To.Concat(message.Cc).Concat(message.Bcc))))
                .Append("<td class=\"subject\">").Append(E(message.Subject)).Append("</td>")
                .Append("<td><code>").Append(E(message.IdentityHeader ?? "(none: service notice)")).Append("</code></td></tr>");
        }

        html.Append("</tbody></table>");

        html.Append("<h2>Audit log (latest ").Append(audit.Count).Append(")</h2>");
        html.Append("<table id=\"audit\"><thead><tr><th>When</th><th>Actor key</th><th>Action</th><th>Resource</th><th>Details</th></tr></thead><tbody>");
        foreach (var entry in audit)
        {
            html.Append("<tr>")
                .Append(Cell(Wire.Time(entry.CreatedAt)))
                .Append(Cell(entry.ActorKeyId))
                .Append(Cell(entry.Action))
                .Append(Cell(entry.ResourceType + " " + entry.ResourceId))
                .Append("<td><code>").Append(E(entry.MetadataJson ?? string.Empty)).Append("</code></td></tr>");
        }

        html.Append("</tbody></table>");
        return Document("Review", html.ToString());
    }

    /// <summary>How much of a text attachment or a replied-to email the page previews.</summary>
    private const int PreviewCharacters = 2000;

    private static string AddressCell(string kind, IReadOnlyList<string> addresses)
    {
        var html = new StringBuilder("<td class=\"").Append(kind).Append("\">");
        if (addresses.Count == 0)
        {
            return html.Append("<span class=\"none\">none</span></td>").ToString();
        }

        html.Append("<ul class=\"addresses\">");
        foreach (var address in addresses)
        {
            html.Append("<li>").Append(Lookalikes.Address(address)).Append("</li>");
        }

        return html.Append("</ul></td>").ToString();
    }

    /// <summary>Each attachment's name, type and size, a download link that cannot run in the page, and a preview of text.</summary>
    private static string AttachmentsCell(EmailRecord email)
    {
        var html = new StringBuilder("<td class=\"attachments\">");
        if (email.Attachments.Count == 0)
        {
            return html.Append("<span class=\"none\">none</span></td>").ToString();
        }

        html.Append("<ul>");
        for (var i = 0; i < email.Attachments.Count; i++)
        {
            var attachment = email.Attachments[i];
            var bytes = Convert.FromBase64String(attachment.ContentBase64);
            html.Append("<li class=\"attachment\"><a class=\"open-attachment\" download href=\"/review/emails/").Append(E(email.Id)).Append("/attachments/")
                .Append(i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("\">").Append(Lookalikes.Visible(attachment.Name)).Append("</a> ")
                .Append("<span class=\"content-type\">").Append(E(attachment.ContentType)).Append("</span>, ")
                .Append("<span class=\"size\">").Append(bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(" bytes</span>");
            if (attachment.ContentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase))
            {
                html.Append("<pre class=\"attachment-preview\">").Append(Lookalikes.Visible(Preview(Encoding.UTF8.GetString(bytes)), keepLineBreaks: true)).Append("</pre>");
            }

            html.Append("</li>");
        }

        return html.Append("</ul></td>").ToString();
    }

    private static string Preview(string text) => text.Length <= PreviewCharacters ? text : text[..PreviewCharacters] + "\n[… " + (text.Length - PreviewCharacters) + " more characters]";

    /// <summary>The notice shown after a decision.</summary>
    public static string DecisionNotice(string emailId, string status) => "Email " + emailId + ": " + status + ".";

    private static string Document(string title, string body) =>
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + E(title) + " | MultiMail sandbox</title>"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><style>" + Style + "</style></head><body>"
        + body + "</body></html>";

    private static string Antiforgery(AntiforgeryTokenSet tokens) =>
        "<input type=\"hidden\" name=\"" + E(tokens.FormFieldName) + "\" value=\"" + E(tokens.RequestToken ?? string.Empty) + "\">";

    private static string Cell(string text) => "<td>" + E(text) + "</td>";

    private static string E(string text) => HtmlEncoder.Default.Encode(text);
}
