using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using MultiMail.Sandbox.Storage;

namespace MultiMail.Sandbox.Identity;

/// <summary>
/// Signs the <c>X-MultiMail-Identity</c> header (API.md §6): <c>base64url(canonical JSON) "." base64url(ES256 signature)</c>,
/// where the JSON has sorted keys and the signature is ECDSA P-256/SHA-256 over the JSON bytes in IEEE P1363 form
/// (<c>r || s</c>). The key pair is made once per sandbox database and kept in it (so a file-backed sandbox keeps its
/// key across restarts); the public half is served as a JWK at <c>/.well-known/multimail-signing-key</c>.
/// </summary>
internal sealed class IdentitySigner : IDisposable
{
    public const string ServiceName = "multimail-sandbox";
    private const string MetaKey = "signing_key_pkcs8";

    private readonly ECDsa _key;
    private readonly object _signLock = new();

    private IdentitySigner(ECDsa key)
    {
        _key = key;
        var parameters = key.ExportParameters(includePrivateParameters: false);
        var x = Base64Url(parameters.Q.X!);
        var y = Base64Url(parameters.Q.Y!);

        // RFC 7638 thumbprint: SHA-256 over the required members in lexicographic order, no whitespace.
        var thumbprintInput = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + x + "\",\"y\":\"" + y + "\"}";
        KeyId = Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes(thumbprintInput)));
        PublicJwk = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["alg"] = "ES256",
            ["crv"] = "P-256",
            ["kid"] = KeyId,
            ["kty"] = "EC",
            ["use"] = "sig",
            ["x"] = x,
            ["y"] = y,
        };
    }

    /// <summary>The JWK thumbprint of the public key.</summary>
    public string KeyId { get; }

    /// <summary>The public key as JWK members.</summary>
    public IReadOnlyDictionary<string, string> PublicJwk { get; }

    /// <summary>The public key as a JWK JSON document.</summary>
    public string PublicJwkJson => JsonSerializer.Serialize(PublicJwk);

    /// <summary>Loads the sandbox's key pair, or makes and stores one on first start.</summary>
    public static IdentitySigner LoadOrCreate(SqliteConnection connection, SqliteTransaction transaction)
    {
        var stored = MetaRows.Get(connection, transaction, MetaKey);
        var key = ECDsa.Create();
        if (stored is null)
        {
            key.GenerateKey(ECCurve.NamedCurves.nistP256);
            MetaRows.Set(connection, transaction, MetaKey, Convert.ToBase64String(key.ExportPkcs8PrivateKey()));
        }
        else
        {
            key.ImportPkcs8PrivateKey(Convert.FromBase64String(stored), out _);
        }

        return new IdentitySigner(key);
    }

    /// <summary>Creates the header value for a message sent from <paramref name="mailboxAddress"/>.</summary>
    public string CreateHeader(string mailboxAddress, string oversightMode, string operatorName, DateTimeOffset issuedAt)
    {
        var payload = CanonicalJson(
            ("ai_generated", true),
            ("iat", issuedAt.ToUnixTimeSeconds()),
            ("mailbox", mailboxAddress),
            ("operator", operatorName),
            ("oversight", oversightMode),
            ("service", ServiceName));
        byte[] signature;
        lock (_signLock)
        {
            signature = _key.SignData(payload, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }

        return Base64Url(payload) + "." + Base64Url(signature);
    }

    public void Dispose() => _key.Dispose();

    /// <summary>UTF-8 JSON with keys in ordinal order and no whitespace.</summary>
    private static byte[] CanonicalJson(params (string Name, object Value)[] members)
    {
        Array.Sort(members, (a, b) => string.CompareOrdinal(a.Name, b.Name));
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in members)
            {
                switch (value)
                {
                    case bool b: writer.WriteBoolean(name, b); break;
                    case long l: writer.WriteNumber(name, l); break;
                    case string s: writer.WriteString(name, s); break;
                    default: throw new ArgumentException("Unsupported claim type for '" + name + "'.", nameof(members));
                }
            }

            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
