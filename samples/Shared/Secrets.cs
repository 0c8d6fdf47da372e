namespace MultiMail.Samples;

/// <summary>How the samples show a secret: never the key, only its non-secret prefix.</summary>
public static class Secrets
{
    /// <summary>The key's prefix up to and including its last <c>_</c> or <c>-</c> within the first 8 characters, then "…" (<c>mm_test_…</c>, <c>sk-proj-…</c>).</summary>
    /// <param name="key">The key.</param>
    /// <returns>A text that is safe to print.</returns>
    public static string Prefix(string key)
    {
        var head = key.Length > 8 ? key.Substring(0, 8) : string.Empty;
        var end = head.LastIndexOfAny(['_', '-']);
        return (end < 0 ? string.Empty : head.Substring(0, end + 1)) + "…";
    }
}
