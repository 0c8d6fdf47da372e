using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MultiMail.Sandbox.Identity;
using MultiMail.Sandbox.Oversight;

namespace MultiMail.Sandbox.Endpoints;

/// <summary>Endpoints without a key: <c>/health</c> and the identity signing key.</summary>
internal static class PublicEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/health", (AuditService audit) => audit.IsHealthy()
            ? ApiResults.Json(new { status = "ok" })
            : ApiResults.Json(new { status = "degraded" }, StatusCodes.Status503ServiceUnavailable));

        // SPEC documents no body shape; the sandbox serves the P-256 public key as a JWK (RFC 7517).
        app.MapGet("/.well-known/multimail-signing-key", (IdentitySigner signer) => ApiResults.Json(signer.PublicJwk));
    }
}
