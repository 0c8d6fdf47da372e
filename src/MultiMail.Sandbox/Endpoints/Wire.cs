using System;
using System.Globalization;
using System.Net.Mail;

namespace MultiMail.Sandbox.Endpoints;

/// <summary>Wire formats: timestamps and email addresses.</summary>
internal static class Wire
{
    /// <summary>An ISO 8601 UTC timestamp with milliseconds, e.g. <c>2026-03-15T14:00:00.000Z</c>.</summary>
    public static string Time(long epochMilliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(epochMilliseconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string? Time(long? epochMilliseconds) => epochMilliseconds is { } ms ? Time(ms) : null;

    /// <summary>
    /// A bare address (<c>user@example.com</c>): no display name, comments, whitespace or header-breaking characters,
    /// no invisible or bidi control characters (<see cref="UnicodeSafety"/>), and a domain that IDNA accepts
    /// (<see cref="IdnMapping"/> with STD3 rules), so it has a punycode form the review page can show.
    /// </summary>
    public static bool IsEmail(string value) =>
        value.Length is > 2 and <= 320
        && value.IndexOfAny(['\r', '\n', ' ', '\t', '<', '>', ',', ';', '"', '(', ')']) < 0
        && UnicodeSafety.FirstHidden(value) is null
        && MailAddress.TryCreate(value, out var address)
        && address.Address == value
        && address.DisplayName.Length == 0
        && address.Host.Length > 0
        && AsciiDomain(address.Host) is not null;

    /// <summary>The punycode (ASCII) form of a domain, or <see langword="null"/> when IDNA refuses it.</summary>
    public static string? AsciiDomain(string host)
    {
        try
        {
            return new IdnMapping { UseStd3AsciiRules = true }.GetAscii(host);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Parses an ISO 8601 date-time; a value without offset is taken as UTC.</summary>
    public static bool TryParseTime(string value, out long epochMilliseconds)
    {
        epochMilliseconds = 0;
        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return false;
        }

        epochMilliseconds = time.ToUnixTimeMilliseconds();
        return true;
    }
}
