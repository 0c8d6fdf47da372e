using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MultiMail.Sandbox.Auth;
using MultiMail.Sandbox.Oversight;

namespace MultiMail.Sandbox.Endpoints;

/// <summary>The tenant-wide address book (API.md §2.8).</summary>
internal static class ContactEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/contacts", Create).RequireScope(Scopes.Send);

        app.MapGet("/v1/contacts", (HttpRequest request, ContactService contacts) =>
        {
            var q = request.Query["q"].ToString();
            return ApiResults.Json(new { contacts = contacts.Search(q.Length == 0 ? null : q).Select(ContactDto.Of).ToArray() });
        }).RequireScope(Scopes.Read);

        app.MapDelete("/v1/contacts/{contactId}", async (string contactId, HttpContext http, ContactService contacts) =>
        {
            var deleted = await contacts.DeleteAsync(http.Caller().KeyId, contactId, http.RequestAborted);
            return deleted ? ApiResults.Json(new { deleted = true }) : ApiResults.Error(404, "Contact not found");
        }).RequireScope(Scopes.Admin);
    }

    private static async Task<IResult> Create(HttpContext http, ContactService contacts)
    {
        var (body, error) = await JsonRequest.ReadAsync(http.Request);
        if (body is null)
        {
            return ApiResults.Error(error!);
        }

        string contactName, contactEmail;
        IReadOnlyList<string> contactTags;
        using (body)
        {
            var name = body.String("name", maxLength: 200, singleLine: true);
            var email = body.String("email", maxLength: 320);
            var tags = body.Strings("tags");
            if (body.Problem is { } problem)
            {
                return ApiResults.Error(problem);
            }

            if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(email))
            {
                return ApiResults.Error(400, "Name and email required");
            }

            if (!Wire.IsEmail(email))
            {
                return ApiResults.Error(400, "'email' is not a valid email address.");
            }

            (contactName, contactEmail, contactTags) = (name.Trim(), email, tags.ToArray());
        }

        var contact = await contacts.CreateAsync(http.Caller().KeyId, contactName, contactEmail, contactTags, http.RequestAborted);
        return ApiResults.Json(ContactDto.Of(contact), StatusCodes.Status201Created);
    }
}
