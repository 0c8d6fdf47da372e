using System.Globalization;
using System.Text;

namespace MultiMail.Sandbox.Endpoints;

/// <summary>
/// Characters a reader cannot see or that reorder what they see: control and format characters (bidi overrides and
/// isolates, zero-width characters, the BOM, the soft hyphen), separators other than the ASCII space, and the few
/// Unicode "default ignorable" letters and marks that render as nothing (Hangul fillers, variation selectors).
/// Addresses containing them are refused; the review page shows them as visible <c>[U+XXXX]</c> markers.
/// </summary>
internal static class UnicodeSafety
{
    /// <summary>Whether <paramref name="rune"/> is a bidi control (embedding, override, isolate or mark).</summary>
    public static bool IsBidiControl(Rune rune) =>
        rune.Value is 0x061C or 0x200E or 0x200F or (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069);

    /// <summary>Whether <paramref name="rune"/> is invisible or a control character (see the type's summary).</summary>
    public static bool IsHidden(Rune rune)
    {
        switch (Rune.GetUnicodeCategory(rune))
        {
            case UnicodeCategory.Control:
            case UnicodeCategory.Format:
            case UnicodeCategory.LineSeparator:
            case UnicodeCategory.ParagraphSeparator:
            case UnicodeCategory.PrivateUse:
            case UnicodeCategory.Surrogate:
            case UnicodeCategory.OtherNotAssigned:
                return true;
            case UnicodeCategory.SpaceSeparator:
                return rune.Value != ' ';
        }

        // Default_Ignorable_Code_Point characters that are letters or marks (DerivedCoreProperties.txt).
        return rune.Value is 0x034F or 0x115F or 0x1160 or 0x17B4 or 0x17B5 or (>= 0x180B and <= 0x180F) or 0x3164
            or (>= 0xFE00 and <= 0xFE0F) or 0xFFA0 or (>= 0xE0100 and <= 0xE01EF) or 0x2800;
    }

    /// <summary>The first hidden character of <paramref name="text"/> as <c>U+XXXX</c>, or <see langword="null"/>.</summary>
    public static string? FirstHidden(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsHidden(rune) || IsBidiControl(rune))
            {
                return Name(rune);
            }
        }

        return null;
    }

    /// <summary><c>U+XXXX</c> for a code point.</summary>
    public static string Name(Rune rune) => "U+" + rune.Value.ToString("X4", CultureInfo.InvariantCulture);
}
