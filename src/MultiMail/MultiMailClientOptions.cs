using System;

namespace MultiMail;

/// <summary>Settings of a <see cref="MultiMailClient"/>.</summary>
public sealed class MultiMailClientOptions
{
    /// <summary>The production API address, <c>https://api.multimail.dev</c>.</summary>
    public static readonly Uri DefaultBaseAddress = new("https://api.multimail.dev/", UriKind.Absolute);

    /// <summary>
    /// The configuration section <c>AddMultiMail()</c> reads: <c>MultiMail</c> (<c>MultiMail:ApiKey</c>,
    /// <c>MultiMail:BaseAddress</c>, <c>MultiMail:DefaultMailboxId</c>, <c>MultiMail:DeriveIdempotencyKeys</c>,
    /// <c>MultiMail:Timeout</c>, <c>MultiMail:MaxResponseCharacters</c>, <c>MultiMail:MarkUntrustedContent</c>); a named
    /// client reads <c>MultiMail:{name}</c>.
    /// </summary>
    public const string ConfigurationSectionName = "MultiMail";

    /// <summary>The environment variable read for <see cref="ApiKey"/>.</summary>
    public const string ApiKeyVariable = "MULTIMAIL_API_KEY";

    /// <summary>The environment variable read for <see cref="BaseAddress"/> (the name the MultiMail MCP server uses).</summary>
    public const string ApiUrlVariable = "MULTIMAIL_API_URL";

    /// <summary>The environment variable read for <see cref="DefaultMailboxId"/>.</summary>
    public const string MailboxIdVariable = "MULTIMAIL_MAILBOX_ID";

    private Uri _baseAddress = ReadBaseAddress();
    private TimeSpan _timeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The API key (<c>mm_live_…</c>), sent as <c>Authorization: Bearer</c>. Defaults to the
    /// <c>MULTIMAIL_API_KEY</c> environment variable. It is never logged nor included in any text a tool returns.
    /// </summary>
    public string? ApiKey { get; set; } = Environment.GetEnvironmentVariable(ApiKeyVariable);

    /// <summary>
    /// The API address. Defaults to the <c>MULTIMAIL_API_URL</c> environment variable when it holds an absolute
    /// http(s) URL, else <c>https://api.multimail.dev</c>. A path prefix (for a proxy) is kept.
    /// </summary>
    public Uri BaseAddress
    {
        get => _baseAddress;
        set
        {
            if (value is null)
            {
                throw new ArgumentNullException(nameof(value));
            }

            if (!value.IsAbsoluteUri || (value.Scheme != Uri.UriSchemeHttps && value.Scheme != Uri.UriSchemeHttp))
            {
                throw new ArgumentException("BaseAddress must be an absolute http or https URL.", nameof(value));
            }

            if (!string.IsNullOrEmpty(value.Query) || !string.IsNullOrEmpty(value.Fragment))
            {
                throw new ArgumentException("BaseAddress must not have a query or fragment.", nameof(value));
            }

            _baseAddress = value;
        }
    }

    /// <summary>
    /// The mailbox used when a tool call names none. Defaults to the <c>MULTIMAIL_MAILBOX_ID</c> environment variable.
    /// </summary>
    public string? DefaultMailboxId { get; set; } = Environment.GetEnvironmentVariable(MailboxIdVariable);

    /// <summary>
    /// When <see langword="true"/> (the default), a send or reply that carries no <c>idempotency_key</c> gets one derived
    /// from the mailbox, the tool and its canonical arguments, so a repeated identical call (a model retry, a network
    /// retry) within the API's 24-hour window cannot send a second email.
    /// </summary>
    public bool DeriveIdempotencyKeys { get; set; } = true;

    /// <summary>How long one API call may take before it is reported as timed out. Default 30 seconds.</summary>
    public TimeSpan Timeout
    {
        get => _timeout;
        set
        {
            if (value <= TimeSpan.Zero && value != System.Threading.Timeout.InfiniteTimeSpan)
            {
                throw new ArgumentOutOfRangeException(nameof(value), "Timeout must be positive or infinite.");
            }

            _timeout = value;
        }
    }

    /// <summary>The longest response text (in characters) a tool returns to the model; longer text is cut. Default 100,000.</summary>
    public int MaxResponseCharacters { get; set; } = 100_000;

    /// <summary>
    /// When <see langword="true"/> (the default), the text a model gets from a tool that returns mail written by outside
    /// senders (<c>read_email</c>, <c>check_inbox</c>, <c>get_thread</c>, <c>list_pending</c>, <c>list_spam</c>) fences
    /// that mail as untrusted data: the JSON between <c>--- BEGIN/END UNTRUSTED EMAIL CONTENT</c> lines that carry a
    /// random nonce, each body in its own block with every line prefixed, so a sender cannot close the fence or forge
    /// a marker. Turn it off only for a client whose text results no model reads. Typed results (<c>Task&lt;T&gt;</c>)
    /// are never changed.
    /// </summary>
    public bool MarkUntrustedContent { get; set; } = true;

    private static Uri ReadBaseAddress()
    {
        var text = Environment.GetEnvironmentVariable(ApiUrlVariable);
        if (!string.IsNullOrWhiteSpace(text)
            && Uri.TryCreate(text!.Trim(), UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && string.IsNullOrEmpty(uri.Query)
            && string.IsNullOrEmpty(uri.Fragment))
        {
            return uri;
        }

        return DefaultBaseAddress;
    }
}
