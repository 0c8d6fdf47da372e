using System;
using System.ComponentModel;
using System.Globalization;

namespace MultiMail.Internal;

/// <summary>Wire formatting shared by generated code: invariant culture, ISO-8601 UTC dates ending in <c>Z</c>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class MultiMailFormat
{
    private const string UtcFormat = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";

    /// <summary>Formats a date as ISO-8601 UTC with a <c>Z</c> suffix.</summary>
    public static string DateTime(DateTimeOffset value) => value.UtcDateTime.ToString(UtcFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// Formats a date as ISO-8601 UTC with a <c>Z</c> suffix. Local times are converted; unspecified times are taken as UTC.
    /// </summary>
    public static string DateTime(DateTime value)
    {
        var utc = value.Kind switch
        {
            DateTimeKind.Local => value.ToUniversalTime(),
            DateTimeKind.Unspecified => System.DateTime.SpecifyKind(value, DateTimeKind.Utc),
            _ => value,
        };
        return utc.ToString(UtcFormat, CultureInfo.InvariantCulture);
    }

    /// <summary>Formats an integer.</summary>
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Formats an unsigned integer.</summary>
    public static string Number(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Formats a floating-point number (round-trippable).</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Formats a decimal number.</summary>
    public static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Formats a boolean as <c>true</c> or <c>false</c>.</summary>
    public static string Boolean(bool value) => value ? "true" : "false";

    /// <summary>Formats a GUID in its 36-character form.</summary>
    public static string Guid(Guid value) => value.ToString("D", CultureInfo.InvariantCulture);

    /// <summary>Formats a URI as its original text.</summary>
    public static string Uri(Uri value) => value?.OriginalString ?? string.Empty;

    /// <summary>
    /// A plain syntax check for an email address (<c>local@domain</c>, no spaces or control characters, at most 320
    /// characters). The API does the full validation; this catches the mistakes a model makes.
    /// </summary>
    public static bool IsEmailAddress(string? value)
    {
        if (value is null || value.Length is 0 or > 320)
        {
            return false;
        }

        var at = value.IndexOf('@');
        if (at <= 0 || at == value.Length - 1 || at > 64 || value.IndexOf('@', at + 1) >= 0)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or ',' or ';' or '(' or ')' or '[' or ']' or '"' or '\\')
            {
                return false;
            }
        }

        // The domain (after '@') neither starts nor ends with '.' and has no "..": checked in place, no substring.
        return value[at + 1] != '.'
            && value[value.Length - 1] != '.'
            && value.IndexOf("..", at + 1, StringComparison.Ordinal) < 0;
    }
}
