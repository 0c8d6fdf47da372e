using System;
using System.Collections.Generic;
using System.Linq;

namespace MultiMail.Sandbox.Auth;

/// <summary>API key scopes (API.md §1.2) and the rules for combining them.</summary>
internal static class Scopes
{
    public const string Read = "read";
    public const string Send = "send";
    public const string Admin = "admin";
    public const string Oversight = "oversight";

    public static readonly IReadOnlyList<string> All = [Read, Send, Admin, Oversight];

    /// <summary>Why a scope set is refused, or <see langword="null"/> when it is acceptable.</summary>
    public static string? Problem(IReadOnlyCollection<string> scopes)
    {
        if (scopes.Count == 0)
        {
            return "A key needs at least one scope (read, send, admin, oversight).";
        }

        if (scopes.FirstOrDefault(s => !All.Contains(s)) is { } unknown)
        {
            return "Unknown scope '" + unknown + "': use read, send, admin or oversight.";
        }

        if (scopes.Contains(Send) && scopes.Contains(Oversight))
        {
            return "A key cannot hold both send and oversight scopes: an agent must never approve its own mail.";
        }

        return null;
    }
}

/// <summary>The key a request authenticated with (its id and scopes; the key itself is not kept).</summary>
internal sealed record ApiCaller(string KeyId, string Name, IReadOnlyList<string> Scopes)
{
    /// <summary>Whether the key grants <paramref name="scope"/>; admin includes read ("The admin scope includes read access").</summary>
    public bool Has(string scope) =>
        Scopes.Contains(scope, StringComparer.Ordinal) || (scope == Auth.Scopes.Read && Scopes.Contains(Auth.Scopes.Admin, StringComparer.Ordinal));
}
