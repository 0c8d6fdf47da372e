using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace MultiMail.Sandbox.Review;

/// <summary>
/// Review sessions kept on the server (ASP.NET Core's <see cref="ITicketStore"/>): the cookie carries only a random
/// session id, so signing out, revoking the key and idle time end a session for good; a copied cookie is worthless
/// afterwards. Sessions live in memory: a restart signs everyone out.
/// </summary>
internal sealed class ReviewSessionStore : ITicketStore
{
    /// <summary>A session unused this long ends.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);

    /// <summary>No session outlives this, however active.</summary>
    public static readonly TimeSpan AbsoluteLifetime = TimeSpan.FromHours(8);

    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public ReviewSessionStore(TimeProvider time) => _time = time;

    /// <summary>How many sessions are open (for tests).</summary>
    public int Count => _sessions.Count;

    public Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var now = _time.GetUtcNow();
        _sessions[id] = new Session(ticket, KeyIdOf(ticket), now, now);
        return Task.FromResult(id);
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        _sessions.AddOrUpdate(key, _ => new Session(ticket, KeyIdOf(ticket), _time.GetUtcNow(), _time.GetUtcNow()), (_, old) => old with { Ticket = ticket });
        return Task.CompletedTask;
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        if (!_sessions.TryGetValue(key, out var session))
        {
            return Task.FromResult<AuthenticationTicket?>(null);
        }

        var now = _time.GetUtcNow();
        if (now - session.LastSeen > IdleTimeout || now - session.Created > AbsoluteLifetime)
        {
            _sessions.TryRemove(key, out _);
            return Task.FromResult<AuthenticationTicket?>(null);
        }

        _sessions.TryUpdate(key, session with { LastSeen = now }, session);
        return Task.FromResult<AuthenticationTicket?>(session.Ticket);
    }

    public Task RemoveAsync(string key)
    {
        _sessions.TryRemove(key, out _);
        return Task.CompletedTask;
    }

    /// <summary>Ends every session signed in with <paramref name="keyId"/> (the key was revoked or lost its scope).</summary>
    public void EndSessionsOf(string keyId)
    {
        foreach (var (id, session) in _sessions.ToArray())
        {
            if (session.KeyId == keyId)
            {
                _sessions.TryRemove(id, out _);
            }
        }
    }

    private static string? KeyIdOf(AuthenticationTicket ticket) => ticket.Principal.FindFirst(ReviewEndpoints.KeyIdClaim)?.Value;

    private sealed record Session(AuthenticationTicket Ticket, string? KeyId, DateTimeOffset Created, DateTimeOffset LastSeen);
}
