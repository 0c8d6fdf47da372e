using System.Collections.Generic;
using System.Linq;
using System.Net.Mail;
using System.Text;
using System.Text.Encodings.Web;
using MultiMail.Sandbox.Endpoints;

namespace MultiMail.Sandbox.Review;

/// <summary>
/// How the review page shows text an attacker may have shaped to mislead: addresses with non-ASCII domains get their
/// punycode form (<see cref="System.Globalization.IdnMapping"/>) and, when a label mixes scripts (Latin with Cyrillic,
/// say), a warning; invisible and bidi control characters become visible <c>[U+XXXX]</c> markers.
/// </summary>
internal static class Lookalikes
{
    /// <summary>HTML for one address: encoded, with its punycode form and a mixed-script warning where they apply.</summary>
    public static string Address(string address)
    {
        var html = new StringBuilder("<span class=\"address\">").Append(Visible(address)).Append("</span>");
        if (!MailAddress.TryCreate(address, out var parsed) || parsed.Host.All(c => c < 128))
        {
            return html.ToString();
        }

        if (Wire.AsciiDomain(parsed.Host) is { } ascii)
        {
            html.Append(" <span class=\"punycode\" title=\"The domain as DNS sees it\">(").Append(Encode(parsed.User + "@" + ascii)).Append(")</span>");
        }

        var mixed = parsed.Host.Split('.').Select(Scripts).FirstOrDefault(s => s.Count > 1);
        var local = Scripts(parsed.User);
        if (mixed is null && local.Count > 1)
        {
            mixed = local;
        }

        if (mixed is not null)
        {
            html.Append(" <strong class=\"mixed-script\" role=\"alert\">Warning: mixed scripts (")
                .Append(Encode(string.Join(" + ", mixed)))
                .Append("): this address may imitate another one.</strong>");
        }

        return html.ToString();
    }

    /// <summary>HTML-encoded text in which every invisible or bidi control character is a visible marker.</summary>
    public static string Visible(string text, bool keepLineBreaks = false)
    {
        var html = new StringBuilder(text.Length);
        var plain = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            var allowed = keepLineBreaks && rune.Value is '\n' or '\r' or '\t';
            if (!allowed && (UnicodeSafety.IsHidden(rune) || UnicodeSafety.IsBidiControl(rune)))
            {
                html.Append(Encode(plain.ToString()));
                plain.Clear();
                var name = UnicodeSafety.Name(rune);
                html.Append("<span class=\"control\" title=\"An invisible or text-direction character\">[").Append(name).Append("]</span>");
            }
            else
            {
                plain.Append(rune.ToString());
            }
        }

        return html.Append(Encode(plain.ToString())).ToString();
    }

    /// <summary>The scripts of a label's letters (common characters such as digits and '-' belong to none).</summary>
    internal static IReadOnlyList<string> Scripts(string label)
    {
        var scripts = new SortedSet<string>(System.StringComparer.Ordinal);
        foreach (var rune in label.EnumerateRunes())
        {
            if (Rune.IsLetter(rune))
            {
                scripts.Add(ScriptOf(rune.Value));
            }
        }

        // Japanese mixes Han, Hiragana and Katakana by design.
        if (scripts.IsSubsetOf(["Han", "Hiragana", "Katakana"]))
        {
            return scripts.Count == 0 ? [] : ["Japanese"];
        }

        return scripts.ToArray();
    }

    /// <summary>
    /// The Unicode script of a letter, by block, for the scripts look-alike attacks use (Latin, Greek, Cyrillic,
    /// Armenian, Cherokee and the like); every other block is named by its range. Hand-written: .NET exposes no
    /// script property, and the one library that does (ICU4N) is only available as an old pre-release.
    /// </summary>
    private static string ScriptOf(int c) => c switch
    {
        < 0x0250 => "Latin",
        >= 0x1E00 and < 0x1F00 => "Latin",
        >= 0x2C60 and < 0x2C80 => "Latin",
        >= 0xA720 and < 0xA800 => "Latin",
        >= 0xFF21 and < 0xFF5B => "Latin",
        >= 0x0370 and < 0x0400 => "Greek",
        >= 0x1F00 and < 0x2000 => "Greek",
        >= 0x0400 and < 0x0530 => "Cyrillic",
        >= 0x2DE0 and < 0x2E00 => "Cyrillic",
        >= 0xA640 and < 0xA6A0 => "Cyrillic",
        >= 0x0530 and < 0x0590 => "Armenian",
        >= 0x0590 and < 0x0600 => "Hebrew",
        >= 0x0600 and < 0x0700 => "Arabic",
        >= 0x13A0 and < 0x1400 => "Cherokee",
        >= 0x10A0 and < 0x1100 => "Georgian",
        >= 0x0E00 and < 0x0E80 => "Thai",
        >= 0x0900 and < 0x0980 => "Devanagari",
        >= 0x3040 and < 0x30A0 => "Hiragana",
        >= 0x30A0 and < 0x3100 => "Katakana",
        >= 0x4E00 and < 0xA000 => "Han",
        >= 0x3400 and < 0x4DC0 => "Han",
        >= 0xAC00 and < 0xD7B0 => "Hangul",
        >= 0x1100 and < 0x1200 => "Hangul",
        _ => "U+" + (c & ~0x7F).ToString("X4", System.Globalization.CultureInfo.InvariantCulture) + " block",
    };

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);
}
