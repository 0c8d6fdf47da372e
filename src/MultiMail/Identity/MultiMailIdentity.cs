using System;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace MultiMail.Identity;

/// <summary>
/// Verifies the <c>X-MultiMail-Identity</c> header that MultiMail (and the local sandbox) adds to delivered mail.
/// </summary>
/// <remarks>
/// <para>
/// The header value is <c>base64url(payload) "." base64url(signature)</c>. The payload is canonical UTF-8 JSON with
/// sorted keys (<c>ai_generated</c>, <c>iat</c>, <c>mailbox</c>, <c>operator</c>, <c>oversight</c>, <c>service</c>, …).
/// The signature is ECDSA P-256 with SHA-256 over the payload bytes, encoded as the 64-byte IEEE P1363 value
/// <c>r || s</c> (the JOSE "ES256" encoding).
/// </para>
/// <para>
/// The public key is published at <c>/.well-known/multimail-signing-key</c> as a JSON Web Key
/// (<c>{"kty":"EC","crv":"P-256","x":"…","y":"…"}</c>). Verification never throws for malformed input: every problem
/// is reported through <see cref="MultiMailIdentityVerificationResult.FailureReason"/>.
/// </para>
/// </remarks>
public static class MultiMailIdentity
{
    /// <summary>The name of the mail header that carries the signed identity.</summary>
    public const string HeaderName = "X-MultiMail-Identity";

    private const int P256CoordinateLength = 32;
    private const int Es256SignatureLength = 64;

    /// <summary>Verifies a header value against a public key given as a JSON Web Key document.</summary>
    /// <param name="headerValue">The value of the <c>X-MultiMail-Identity</c> header.</param>
    /// <param name="publicKeyJwk">The signing key as served at <c>/.well-known/multimail-signing-key</c>.</param>
    /// <returns>The result; <see cref="MultiMailIdentityVerificationResult.IsValid"/> tells whether the signature holds.</returns>
    public static MultiMailIdentityVerificationResult Verify(string? headerValue, string? publicKeyJwk)
    {
        if (!TryReadJwk(publicKeyJwk, out var key, out var keyProblem))
        {
            return MultiMailIdentityVerificationResult.Invalid(keyProblem);
        }

        return Verify(headerValue, key);
    }

    /// <summary>Verifies a header value against a P-256 public key.</summary>
    /// <param name="headerValue">The value of the <c>X-MultiMail-Identity</c> header.</param>
    /// <param name="publicKey">The public key (curve P-256, with <c>Q.X</c> and <c>Q.Y</c> set).</param>
    /// <returns>The result; <see cref="MultiMailIdentityVerificationResult.IsValid"/> tells whether the signature holds.</returns>
    public static MultiMailIdentityVerificationResult Verify(string? headerValue, ECParameters publicKey)
    {
        if (headerValue is null || headerValue.Trim().Length == 0)
        {
            return MultiMailIdentityVerificationResult.Invalid("The header value is empty.");
        }

        var parts = headerValue.Trim().Split('.');
        if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            return MultiMailIdentityVerificationResult.Invalid("The header value is not of the form '<payload>.<signature>'.");
        }

        var payload = DecodeBase64Url(parts[0]);
        if (payload is null)
        {
            return MultiMailIdentityVerificationResult.Invalid("The payload is not valid base64url.");
        }

        var signature = DecodeBase64Url(parts[1]);
        if (signature is null)
        {
            return MultiMailIdentityVerificationResult.Invalid("The signature is not valid base64url.");
        }

        if (signature.Length != Es256SignatureLength)
        {
            return MultiMailIdentityVerificationResult.Invalid("The signature is not a 64-byte ES256 (IEEE P1363 r||s) value.");
        }

        if (!IsUsableP256Key(publicKey))
        {
            return MultiMailIdentityVerificationResult.Invalid("The public key is not a P-256 key with 32-byte X and Y coordinates.");
        }

        bool signatureHolds;
        try
        {
            using var ecdsa = ECDsa.Create(publicKey);
            signatureHolds = ecdsa.VerifyData(payload, signature, HashAlgorithmName.SHA256);
        }
        catch (CryptographicException)
        {
            return MultiMailIdentityVerificationResult.Invalid("The public key is not a valid point on P-256.");
        }

        if (!signatureHolds)
        {
            return MultiMailIdentityVerificationResult.Invalid("The signature does not match the payload and public key.");
        }

        return ReadClaims(payload);
    }

    private static MultiMailIdentityVerificationResult ReadClaims(byte[] payload)
    {
        string json;
        try
        {
            json = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(payload);
        }
        catch (DecoderFallbackException)
        {
            return MultiMailIdentityVerificationResult.Invalid("The payload is not UTF-8 text.");
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return MultiMailIdentityVerificationResult.Invalid("The payload is not a JSON object.");
            }

            var aiGenerated = root.TryGetProperty("ai_generated", out var ai) && ai.ValueKind == JsonValueKind.True;
            DateTimeOffset? issuedAt = null;
            if (root.TryGetProperty("iat", out var iat) && iat.ValueKind == JsonValueKind.Number && iat.TryGetInt64(out var seconds)
                && seconds >= 0 && seconds <= 253402300799)
            {
                issuedAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
            }

            var claims = new MultiMailIdentityClaims(
                aiGenerated,
                ReadString(root, "operator"),
                ReadString(root, "oversight"),
                ReadString(root, "service"),
                ReadString(root, "mailbox"),
                issuedAt,
                json);
            return MultiMailIdentityVerificationResult.Valid(claims);
        }
        catch (JsonException)
        {
            return MultiMailIdentityVerificationResult.Invalid("The payload is not valid JSON.");
        }
    }

    private static string? ReadString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool IsUsableP256Key(ECParameters key) =>
        key.Curve.IsNamed
        && (key.Curve.Oid.Value == ECCurve.NamedCurves.nistP256.Oid.Value
            || string.Equals(key.Curve.Oid.FriendlyName, "nistP256", StringComparison.OrdinalIgnoreCase)
            || string.Equals(key.Curve.Oid.FriendlyName, "ECDSA_P256", StringComparison.OrdinalIgnoreCase))
        && key.Q.X is { Length: P256CoordinateLength }
        && key.Q.Y is { Length: P256CoordinateLength };

    private static bool TryReadJwk(string? jwk, out ECParameters key, out string problem)
    {
        key = default;
        problem = "The public key is not a P-256 EC JSON Web Key.";
        if (jwk is null || jwk.Trim().Length == 0)
        {
            problem = "No public key was given.";
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(jwk);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || ReadString(root, "kty") != "EC"
                || ReadString(root, "crv") != "P-256")
            {
                return false;
            }

            var x = DecodeBase64Url(ReadString(root, "x") ?? string.Empty);
            var y = DecodeBase64Url(ReadString(root, "y") ?? string.Empty);
            if (x is not { Length: P256CoordinateLength } || y is not { Length: P256CoordinateLength })
            {
                problem = "The public key's x and y must be base64url-encoded 32-byte coordinates.";
                return false;
            }

            key = new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = x, Y = y } };
            return true;
        }
        catch (JsonException)
        {
            problem = "The public key is not valid JSON.";
            return false;
        }
    }

    private static byte[]? DecodeBase64Url(string text)
    {
        if (text.Length == 0 || text.Length % 4 == 1)
        {
            return null;
        }

        var builder = new StringBuilder(text.Length + 3);
        foreach (var c in text)
        {
            if (c == '-')
            {
                builder.Append('+');
            }
            else if (c == '_')
            {
                builder.Append('/');
            }
            else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            {
                builder.Append(c);
            }
            else
            {
                return null;
            }
        }

        builder.Append('=', (4 - (builder.Length % 4)) % 4);
        try
        {
            return Convert.FromBase64String(builder.ToString());
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
