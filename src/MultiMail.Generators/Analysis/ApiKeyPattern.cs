namespace MultiMail.Generators.Analysis;

/// <summary>
/// Finds a MultiMail API key in text: <c>mm_live_</c> or <c>mm_test_</c> (lower case), not preceded by a key character,
/// followed by at least <see cref="MinimumKeyCharacters"/> key characters (<c>[A-Za-z0-9_-]</c>). So <c>"mm_live_"</c>
/// alone, prose such as "keys start with mm_live_…" and <c>xmm_live_abcdefgh</c> are not keys, while placeholders such
/// as <c>mm_live_your_api_key</c> are: they are where a real key gets pasted in.
/// </summary>
internal static class ApiKeyPattern
{
    public const string LivePrefix = "mm_live_";
    public const string TestPrefix = "mm_test_";
    public const int MinimumKeyCharacters = 8;

    /// <summary>Finds the first key in <paramref name="text"/>: its start, its length and its prefix (never the key).</summary>
    public static bool TryFind(string? text, out int start, out int length, out string prefix)
    {
        start = 0;
        length = 0;
        prefix = string.Empty;
        if (text is null || text.Length < LivePrefix.Length + MinimumKeyCharacters)
        {
            return false;
        }

        var from = 0;
        while (from <= text.Length - LivePrefix.Length)
        {
            var index = text.IndexOf("mm_", from, System.StringComparison.Ordinal);
            if (index < 0)
            {
                return false;
            }

            from = index + 1;
            string candidate;
            if (string.CompareOrdinal(text, index, LivePrefix, 0, LivePrefix.Length) == 0)
            {
                candidate = LivePrefix;
            }
            else if (string.CompareOrdinal(text, index, TestPrefix, 0, TestPrefix.Length) == 0)
            {
                candidate = TestPrefix;
            }
            else
            {
                continue;
            }

            if (index > 0 && IsKeyCharacter(text[index - 1]))
            {
                continue;
            }

            var end = index + candidate.Length;
            while (end < text.Length && IsKeyCharacter(text[end]))
            {
                end++;
            }

            if (end - index - candidate.Length < MinimumKeyCharacters)
            {
                continue;
            }

            start = index;
            length = end - index;
            prefix = candidate;
            return true;
        }

        return false;
    }

    public static bool IsKeyCharacter(char c) =>
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}
