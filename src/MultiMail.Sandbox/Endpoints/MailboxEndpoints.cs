using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MultiMail.Sandbox.Auth;
using MultiMail.Sandbox.Oversight;

namespace MultiMail.Sandbox.Endpoints;

/// <summary>Mailboxes (API.md §2.1): list, get, create (SPEC's simple 201 flow), update, delete, and the upgrade flow.</summary>
internal static class MailboxEndpoints
{
    private static readonly HashSet<string> PatchFields =
    [
        "display_name", "oversight_mode", "auto_cc", "auto_bcc", "forward_inbound", "signature_block", "default_gate_timing",
        "webhook_url", "oversight_webhook_url", "ai_disclosure",
    ];

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/mailboxes", (MailboxService mailboxes, SandboxSettings settings) =>
            ApiResults.Json(new { mailboxes = mailboxes.ListActive().Select(m => MailboxDto.Of(m, settings.TenantId)).ToArray() }))
            .RequireScope(Scopes.Read);

        app.MapGet("/v1/mailboxes/{mailboxId}", (string mailboxId, MailboxService mailboxes, SandboxSettings settings) =>
            mailboxes.Get(mailboxId) is { } mailbox
                ? ApiResults.Json(MailboxDto.Of(mailbox, settings.TenantId))
                : ApiResults.Error(404, "Mailbox not found"))
            .RequireScope(Scopes.Read);

        app.MapPost("/v1/mailboxes", Create).RequireScope(Scopes.Admin);
        app.MapPatch("/v1/mailboxes/{mailboxId}", Update).RequireScope(Scopes.Admin);
        app.MapDelete("/v1/mailboxes/{mailboxId}", async (string mailboxId, HttpContext http, MailboxService mailboxes) =>
            ApiResults.From(await mailboxes.DeleteAsync(http.Caller().KeyId, mailboxId, http.RequestAborted), _ => ApiResults.Json(new { status = "deleted" })))
            .RequireScope(Scopes.Admin);

        app.MapPost("/v1/mailboxes/{mailboxId}/request-upgrade", RequestUpgrade).RequireScope(Scopes.Send);
        app.MapPost("/v1/mailboxes/{mailboxId}/upgrade", Upgrade).RequireScope(Scopes.Send);
    }

    private static async Task<IResult> Create(HttpContext http, MailboxService mailboxes)
    {
        var (body, error) = await JsonRequest.ReadAsync(http.Request);
        if (body is null)
        {
            return ApiResults.Error(error!);
        }

        using (body)
        {
            var local = body.String("address_local", required: true, maxLength: 320, singleLine: true);
            var displayName = body.String("display_name", maxLength: 200, singleLine: true);
            if (body.Problem is { } problem)
            {
                return ApiResults.Error(problem);
            }

            // SPEC: "oversight_mode: Ignored — new mailboxes always start at gated_send".
            var result = await mailboxes.CreateAsync(http.Caller().KeyId, local!, displayName, SandboxOversightMode.GatedSend, http.RequestAborted);
            return ApiResults.From(result, m => ApiResults.Json(new { id = m.Id, address = m.Address }, StatusCodes.Status201Created));
        }
    }

    private static async Task<IResult> Update(string mailboxId, HttpContext http, MailboxService mailboxes)
    {
        var (body, error) = await JsonRequest.ReadAsync(http.Request);
        if (body is null)
        {
            return ApiResults.Error(error!);
        }

        using (body)
        {
            if (body.PropertyNames.FirstOrDefault(n => !PatchFields.Contains(n)) is { } unknown)
            {
                return ApiResults.Error(400, "Unknown field '" + unknown + "'.");
            }

            if (body.Has("webhook_url") || body.Has("oversight_webhook_url"))
            {
                return ApiResults.Error(400, "webhook_url and oversight_webhook_url are not accepted here (removed in MCP 0.5.6); the sandbox does not deliver webhooks.");
            }

            if (body.Boolean("ai_disclosure") == false)
            {
                return ApiResults.Error(400, "ai_disclosure cannot be turned off: agent mail always carries the AI disclosure.");
            }

            SandboxOversightMode? mode = null;
            if (body.String("oversight_mode") is { } modeText)
            {
                if (!OversightModes.TryParse(modeText, out var parsed))
                {
                    return ApiResults.Error(400, "oversight_mode must be one of " + OversightModes.WireValues + ".");
                }

                mode = parsed;
            }

            var gate = body.String("default_gate_timing");
            if (gate is not (null or "gate_first" or "schedule_first"))
            {
                return ApiResults.Error(400, "default_gate_timing must be gate_first or schedule_first.");
            }

            var patch = new MailboxPatch
            {
                DisplayName = body.Has("display_name") ? Optional<string>.Of(body.String("display_name", maxLength: 200, singleLine: true)) : default,
                Mode = mode,
                AutoCc = OptionalEmail(body, "auto_cc"),
                AutoBcc = OptionalEmail(body, "auto_bcc"),
                ForwardInbound = body.Boolean("forward_inbound"),
                SignatureBlock = body.Has("signature_block") ? Optional<string>.Of(body.String("signature_block", maxLength: 200)) : default,
                DefaultGateTiming = gate,
                FieldNames = body.PropertyNames.ToArray(),
            };
            if (body.Problem is { } problem)
            {
                return ApiResults.Error(problem);
            }

            var result = await mailboxes.UpdateAsync(http.Caller().KeyId, mailboxId, patch, allowUpgrade: false, http.RequestAborted);
            return ApiResults.From(result, _ => ApiResults.Json(new { status = "updated" }));
        }
    }

    private static Optional<string> OptionalEmail(JsonRequest body, string name)
    {
        if (!body.Has(name))
        {
            return default;
        }

        var value = body.String(name);
        if (value is not null && !Wire.IsEmail(value))
        {
            body.Fail("'" + name + "' must be an email address or null.");
        }

        return Optional<string>.Of(value);
    }

    private static async Task<IResult> RequestUpgrade(string mailboxId, HttpContext http, MailboxService mailboxes)
    {
        var (body, error) = await JsonRequest.ReadAsync(http.Request);
        if (body is null)
        {
            return ApiResults.Error(error!);
        }

        using (body)
        {
            var target = body.String("target_mode", required: true);
            if (body.Problem is { } problem)
            {
                return ApiResults.Error(problem);
            }

            if (!OversightModes.TryParse(target, out var mode))
            {
                return ApiResults.Error(400, "target_mode must be one of " + OversightModes.WireValues + ".");
            }

            var result = await mailboxes.RequestUpgradeAsync(http.Caller().KeyId, mailboxId, mode, http.RequestAborted);
            return ApiResults.From(result, wire => ApiResults.Json(new
            {
                status = "upgrade_requested",
                target_mode = wire,
                message = "The operator has been emailed a one-time code. Ask them for it, then call POST /v1/mailboxes/" + mailboxId + "/upgrade with {\"code\": \"...\"}.",
            }));
        }
    }

    private static async Task<IResult> Upgrade(string mailboxId, HttpContext http, MailboxService mailboxes)
    {
        var (body, error) = await JsonRequest.ReadAsync(http.Request);
        if (body is null)
        {
            return ApiResults.Error(error!);
        }

        using (body)
        {
            var code = body.String("code", required: true, maxLength: 32);
            if (body.Problem is { } problem)
            {
                return ApiResults.Error(problem);
            }

            var result = await mailboxes.UpgradeAsync(http.Caller().KeyId, mailboxId, code!, http.RequestAborted);
            return ApiResults.From(result, wire => ApiResults.Json(new { status = "upgraded", oversight_mode = wire }));
        }
    }
}
