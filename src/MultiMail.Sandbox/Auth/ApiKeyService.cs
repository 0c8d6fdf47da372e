using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MultiMail.Sandbox.Oversight;
using MultiMail.Sandbox.Storage;

namespace MultiMail.Sandbox.Auth;

/// <summary>
/// API keys: <c>mm_test_</c> + 40 hex characters, stored only as a SHA-256 hash plus a short display prefix. Keys are
/// looked up by hash on every request, so revocation and scope changes apply at once.
/// </summary>
internal sealed class ApiKeyService
{
    public const string KeyPrefix = "mm_test_";
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    private readonly SandboxDatabase _database;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, long> _lastTouched = new(StringComparer.Ordinal);

    /// <summary>Raised with a key's id after it was revoked or its scopes changed.</summary>
    public event Action<string>? KeyChanged;

    public ApiKeyService(SandboxDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    public static string NewKey() => KeyPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The part of a key that may be shown (<c>mm_test_</c> + 4 characters).</summary>
    public static string DisplayPrefix(string key) => key.Length > KeyPrefix.Length + 4 ? key[..(KeyPrefix.Length + 4)] : KeyPrefix;

    /// <summary>Whether a caller-chosen key is acceptable (sandbox keys only: a live key must never be pasted here).</summary>
    public static string? KeyProblem(string key) =>
        !key.StartsWith(KeyPrefix, StringComparison.Ordinal) || key.Length < KeyPrefix.Length + 16 || key.Any(char.IsWhiteSpace)
            ? "Sandbox keys must start with 'mm_test_', be followed by at least 16 characters and contain no whitespace."
            : null;

    /// <summary>The active key with this value, or <see langword="null"/>.</summary>
    public async Task<ApiCaller?> AuthenticateAsync(string rawKey, CancellationToken cancellationToken)
    {
        var key = _database.Read(c => ApiKeyRows.FindActiveByHash(c, Hash(rawKey)));
        if (key is null)
        {
            return null;
        }

        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        if (!_lastTouched.TryGetValue(key.Id, out var last) || now - last >= (long)TouchInterval.TotalMilliseconds)
        {
            _lastTouched[key.Id] = now;
            await _database.WriteAsync(
                (c, t) =>
                {
                    ApiKeyRows.Touch(c, t, key.Id, now);
                    return true;
                },
                cancellationToken).ConfigureAwait(false);
        }

        return new ApiCaller(key.Id, key.Name, key.Scopes);
    }

    /// <summary>The active key with this id (review-page sessions re-check their key on every request).</summary>
    public ApiCaller? FindActive(string keyId)
    {
        var key = _database.Read(c => ApiKeyRows.Get(c, null, keyId));
        return key is { IsActive: true } ? new ApiCaller(key.Id, key.Name, key.Scopes) : null;
    }

    public IReadOnlyList<ApiKeyRecord> List() => _database.Read(ApiKeyRows.List);

    /// <summary>Creates a key; returns its record and the raw key (shown once, never stored).</summary>
    public Task<ServiceResult<(ApiKeyRecord Record, string RawKey)>> CreateAsync(string actor, string name, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        if (Scopes.Problem(scopes) is { } problem)
        {
            return Task.FromResult<ServiceResult<(ApiKeyRecord, string)>>(new ServiceError(400, problem));
        }

        var raw = NewKey();
        return _database.WriteAsync<ServiceResult<(ApiKeyRecord, string)>>(
            (c, t) =>
            {
                var record = new ApiKeyRecord(Ids.New("key_", _time), name, DisplayPrefix(raw), scopes.Distinct().ToArray(), _time.GetUtcNow().ToUnixTimeMilliseconds(), null, true);
                ApiKeyRows.Upsert(c, t, record, Hash(raw));
                AuditRows.Insert(c, t, _time, "api_key.create", "api_key", record.Id, actor, new { name, scopes = record.Scopes });
                return (record, raw);
            },
            cancellationToken);
    }

    public async Task<ServiceResult<bool>> UpdateAsync(string actor, string keyId, string? name, IReadOnlyList<string>? scopes, bool revoke, CancellationToken cancellationToken)
    {
        if (scopes is not null && Scopes.Problem(scopes) is { } problem)
        {
            return new ServiceError(400, problem);
        }

        var result = await _database.WriteAsync<ServiceResult<bool>>(
            (c, t) =>
            {
                var key = ApiKeyRows.Get(c, t, keyId);
                if (key is null || !key.IsActive)
                {
                    return new ServiceError(404, "API key not found");
                }

                ApiKeyRows.Update(c, t, key.Id, name ?? key.Name, scopes?.Distinct().ToArray() ?? key.Scopes, isActive: !revoke);
                AuditRows.Insert(c, t, _time, revoke ? "api_key.revoke" : "api_key.update", "api_key", key.Id, actor, revoke ? null : new { name, scopes });
                return true;
            },
            cancellationToken).ConfigureAwait(false);
        if (result.Error is null && (revoke || scopes is not null))
        {
            KeyChanged?.Invoke(keyId);
        }

        return result;
    }
}
