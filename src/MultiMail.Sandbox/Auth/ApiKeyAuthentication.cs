using System;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MultiMail.Sandbox.Endpoints;
using MultiMail.Sandbox.Oversight;

namespace MultiMail.Sandbox.Auth;

/// <summary>
/// API authentication: the key comes from <c>Authorization: Bearer</c> or <c>X-API-Key</c> (both accepted, API.md §1.2).
/// Cookies are never consulted here, so the review page's session cannot be used to call the API (no CSRF into the API).
/// </summary>
internal static class ApiKeyAuthentication
{
    private static readonly object CallerKey = new();

    /// <summary>Requires a valid key with <paramref name="scope"/>: 401 without a (known) key, 403 without the scope.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var raw = ReadKey(http.Request);
            if (raw is null)
            {
                return ApiResults.Error(401, "Missing API key: send it as 'Authorization: Bearer <key>' or in the 'X-API-Key' header.");
            }

            var keys = http.RequestServices.GetRequiredService<ApiKeyService>();
            var caller = await keys.AuthenticateAsync(raw, http.RequestAborted).ConfigureAwait(false);
            if (caller is null)
            {
                return ApiResults.Error(401, "Invalid or revoked API key.");
            }

            if (!caller.Has(scope))
            {
                var audit = http.RequestServices.GetRequiredService<AuditService>();
                await audit.RecordAsync("auth.forbidden", "endpoint", http.Request.Method + " " + http.Request.Path, caller.KeyId, new { required_scope = scope }, http.RequestAborted)
                    .ConfigureAwait(false);
                return ApiResults.Error(403, "Requires " + scope + " scope");
            }

            http.Items[CallerKey] = caller;
            return await next(context).ConfigureAwait(false);
        });

    /// <summary>The authenticated caller of an endpoint guarded by <see cref="RequireScope{TBuilder}"/>.</summary>
    public static ApiCaller Caller(this HttpContext http) =>
        http.Items[CallerKey] as ApiCaller ?? throw new InvalidOperationException("The endpoint has no RequireScope filter.");

    private static string? ReadKey(HttpRequest request)
    {
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
            && string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
            && !string.IsNullOrWhiteSpace(header.Parameter))
        {
            return header.Parameter.Trim();
        }

        var apiKey = request.Headers["X-API-Key"].ToString().Trim();
        return apiKey.Length > 0 ? apiKey : null;
    }
}
