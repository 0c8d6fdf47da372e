using System;
using System.Security.Cryptography;

namespace MultiMail.Sandbox.Storage;

/// <summary>
/// Identifier generation: ULID-shaped (48-bit time + 80 random bits, Crockford base32), with a type prefix for
/// everything except mailboxes (whose ids look like ULIDs in MultiMail, API.md §1.1). Clients treat them as opaque.
/// </summary>
internal static class Ids
{
    private const string Crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New(string prefix, TimeProvider time) => prefix + Ulid(time.GetUtcNow().ToUnixTimeMilliseconds());

    private static string Ulid(long milliseconds)
    {
        Span<byte> bytes = stackalloc byte[16];
        for (var i = 5; i >= 0; i--)
        {
            bytes[i] = (byte)(milliseconds & 0xFF);
            milliseconds >>= 8;
        }

        RandomNumberGenerator.Fill(bytes[6..]);
        Span<char> chars = stackalloc char[26];
        var value = new System.Numerics.BigInteger(bytes, isUnsigned: true, isBigEndian: true);
        for (var i = 25; i >= 0; i--)
        {
            chars[i] = Crockford[(int)(value % 32)];
            value /= 32;
        }

        return new string(chars);
    }
}
