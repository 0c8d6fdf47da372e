using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MultiMail.Sandbox.Auth;
using MultiMail.Sandbox.Oversight;

namespace MultiMail.Sandbox.Endpoints;

/// <summary>The approval queue (API.md §2.6): tenant-wide, oversight scope only.</summary>
internal static class OversightEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/oversight/pending", (ReviewService review) =>
            ApiResults.Json(new { emails = review.Pending().Select(PendingEmailDto.Of).ToArray() }))
            .RequireScope(Scopes.Oversight);

        app.MapPost("/v1/oversight/decide", Decide).RequireScope(Scopes.Oversight);
    }

    private static async Task<IResult> Decide(HttpContext http, ReviewService review)
    {
        var (body, error) = await JsonRequest.ReadAsync(http.Request);
        if (body is null)
        {
            return ApiResults.Error(error!);
        }

        string emailId, action;
        string? reason;
        using (body)
        {
            emailId = body.String("email_id", required: true)!;
            action = body.String("action", required: true)!;
            reason = body.String("reason", maxLength: 2000);
            if (body.Problem is { } problem)
            {
                return ApiResults.Error(problem);
            }
        }

        if (action is not ("approve" or "reject"))
        {
            return ApiResults.Error(400, "action must be approve or reject.");
        }

        var result = await review.DecideAsync(http.Caller().KeyId, emailId, action == "approve", reason, "api", http.RequestAborted);
        return ApiResults.From(result, outcome => ApiResults.Json(new DecisionDto(outcome.Status, outcome.OutboxMessageId)));
    }
}
