using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using MultiMail.Identity;
using MultiMail.Sandbox.Tests.Infrastructure;
using Xunit;

namespace MultiMail.Sandbox.Tests;

/// <summary>The signed <c>X-MultiMail-Identity</c> header on delivered mail, checked with the runtime library's verifier.</summary>
public sealed class IdentityTests
{
    private static string B64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromB64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s + new string('=', (4 - (s.Length % 4)) % 4));
    }

    private static async Task<(TestSandbox Sandbox, string Header, string Jwk)> DeliverAsync(SandboxOversightMode mode)
    {
        var s = await TestSandbox.StartAsync(o => o.OperatorName = "Acme Support Ltd");
        var mailbox = mode == SandboxOversightMode.GatedSend ? s.Mailbox : await s.Sandbox.CreateMailboxAsync("signed", mode);
        var id = await s.SendAsync(mailbox);
        if (mode == SandboxOversightMode.GatedSend)
        {
            await s.DecideAsync(id, "approve");
        }

        var header = s.OutboxFor(id).First(m => m.Kind == "delivery").IdentityHeader!;
        var jwk = (await s.Anonymous.Get(".well-known/multimail-signing-key")).Text;
        return (s, header, jwk);
    }

    [Fact]
    public async Task DeliveredMailCarriesAHeaderThatVerifiesAgainstTheServedKey()
    {
        var (s, header, jwk) = await DeliverAsync(SandboxOversightMode.GatedSend);
        await using var owned = s;

        var key = JsonDocument.Parse(jwk).RootElement;
        Assert.Equal("EC", key.GetProperty("kty").GetString());
        Assert.Equal("P-256", key.GetProperty("crv").GetString());
        Assert.Equal("ES256", key.GetProperty("alg").GetString());
        Assert.False(key.TryGetProperty("d", out _));
        Assert.Equal(s.Sandbox.SigningKeyJwk, jwk);

        var result = MultiMailIdentity.Verify(header, jwk);
        Assert.True(result.IsValid, result.FailureReason);
        Assert.Null(result.FailureReason);
        var claims = result.Claims!;
        Assert.True(claims.AiGenerated);
        Assert.Equal("Acme Support Ltd", claims.Operator);
        Assert.Equal("gated_send", claims.Oversight);
        Assert.Equal("multimail-sandbox", claims.Service);
        Assert.Equal("agent@sandbox.multimail.dev", claims.Mailbox);
        Assert.Equal(s.Time.GetUtcNow().ToUnixTimeSeconds(), claims.IssuedAt!.Value.ToUnixTimeSeconds());

        // Canonical JSON: sorted keys, no whitespace; the signature is 64 bytes (P1363 r||s).
        using var payload = JsonDocument.Parse(claims.RawJson);
        var names = payload.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(names.OrderBy(n => n, StringComparer.Ordinal), names);
        Assert.Equal("ai_generated", names[0]);
        Assert.Equal(JsonSerializer.Serialize(payload.RootElement), claims.RawJson);
        Assert.Equal(64, FromB64Url(header.Split('.')[1]).Length);
    }

    [Fact]
    public async Task TheHeaderAnnouncesTheMailboxModeAndCopiesAreSignedToo()
    {
        var (s, header, jwk) = await DeliverAsync(SandboxOversightMode.Monitored);
        await using var owned = s;
        Assert.Equal("monitored", MultiMailIdentity.Verify(header, jwk).Claims!.Oversight);
        var copy = s.Sandbox.GetOutbox().Single(m => m.Kind == "oversight_copy");
        Assert.True(MultiMailIdentity.Verify(copy.IdentityHeader, jwk).IsValid);
    }

    [Fact]
    public async Task TamperedPayloadsSignaturesAndKeysFail()
    {
        var (s, header, jwk) = await DeliverAsync(SandboxOversightMode.Autonomous);
        await using var owned = s;
        var parts = header.Split('.');

        // Claim a more restrictive mode than the mailbox had: re-encoded payload, original signature.
        var forgedJson = Encoding.UTF8.GetString(FromB64Url(parts[0])).Replace("\"autonomous\"", "\"gated_all\"", StringComparison.Ordinal);
        var forged = MultiMailIdentity.Verify(B64Url(Encoding.UTF8.GetBytes(forgedJson)) + "." + parts[1], jwk);
        Assert.False(forged.IsValid);
        Assert.Null(forged.Claims);
        Assert.Contains("does not match", forged.FailureReason, StringComparison.Ordinal);

        var signature = FromB64Url(parts[1]);
        signature[10] ^= 0x01;
        Assert.False(MultiMailIdentity.Verify(parts[0] + "." + B64Url(signature), jwk).IsValid);

        // Another sandbox has another key.
        await using var other = await TestSandbox.StartAsync();
        var wrongKey = MultiMailIdentity.Verify(header, other.Sandbox.SigningKeyJwk);
        Assert.False(wrongKey.IsValid);

        // The ECParameters overload agrees.
        using var keyDoc = JsonDocument.Parse(jwk);
        var parameters = new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = FromB64Url(keyDoc.RootElement.GetProperty("x").GetString()!), Y = FromB64Url(keyDoc.RootElement.GetProperty("y").GetString()!) },
        };
        Assert.True(MultiMailIdentity.Verify(header, parameters).IsValid);
        Assert.False(MultiMailIdentity.Verify(parts[0] + "." + B64Url(signature), parameters).IsValid);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(".")]
    [InlineData("abc")]
    [InlineData("a.b.c")]
    [InlineData("!!!.???")]
    [InlineData("eyJ9.AAAA")]
    [InlineData("e30.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task GarbageHeadersAreInvalidAndNeverThrow(string? header)
    {
        await using var s = await TestSandbox.StartAsync();
        var result = MultiMailIdentity.Verify(header, s.Sandbox.SigningKeyJwk);
        Assert.False(result.IsValid);
        Assert.False(string.IsNullOrEmpty(result.FailureReason));
        Assert.Null(result.Claims);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{\"kty\":\"RSA\"}")]
    [InlineData("{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AA\",\"y\":\"AA\"}")]
    [InlineData("{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\",\"y\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}")]
    public async Task BadKeysAreReportedNotThrown(string? jwk)
    {
        var (s, header, _) = await DeliverAsync(SandboxOversightMode.Autonomous);
        await using var owned = s;
        var result = MultiMailIdentity.Verify(header, jwk);
        Assert.False(result.IsValid);
        Assert.False(string.IsNullOrEmpty(result.FailureReason));
    }

    [Fact]
    public void RandomBytesNeverThrow()
    {
        var random = new Random(1234);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = key.ExportParameters(false);
        for (var i = 0; i < 500; i++)
        {
            var bytes = new byte[random.Next(0, 200)];
            random.NextBytes(bytes);
            var text = i % 2 == 0 ? Encoding.Latin1.GetString(bytes) : B64Url(bytes[..(bytes.Length / 2)]) + "." + B64Url(bytes[(bytes.Length / 2)..]);
            Assert.False(MultiMailIdentity.Verify(text, parameters).IsValid);
        }
    }
}
