using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace MultiMail.Sandbox.Tests.Infrastructure;

/// <summary>
/// Checks responses against the repository's copy of SPEC (<c>docs/contract/multimail-openapi.json</c>): the operation is
/// found by method and path template, and the body is validated against the response schema SPEC gives for the status.
/// </summary>
internal static class Contract
{
    private static readonly Lazy<JsonDocument> Document = new(() => JsonDocument.Parse(File.ReadAllText(RepoPaths.ContractFile)));

    public static JsonElement Spec => Document.Value.RootElement;

    public static SchemaValidator Validator => new(Spec);

    /// <summary>A named schema of <c>components.schemas</c>.</summary>
    public static JsonElement Component(string name) => Spec.GetProperty("components").GetProperty("schemas").GetProperty(name);

    /// <summary>
    /// Asserts that <paramref name="response"/> is what SPEC documents for <paramref name="method"/> <paramref name="pathTemplate"/>.
    /// A documented status with a schema is validated against it (strictly, unless told otherwise). Error statuses
    /// without a schema, and 401/403 that SPEC leaves implicit, must be SPEC's <c>Error</c> object with exactly a string
    /// <c>error</c> (API.md §5.1: "All errors return JSON with an error field"). A success status SPEC does not list fails.
    /// </summary>
    public static void AssertMatches(ApiResponse response, string method, string pathTemplate, Strictness? strictness = null)
    {
        var operation = Spec.GetProperty("paths").GetProperty(pathTemplate).GetProperty(method.ToLowerInvariant());
        var status = response.Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var documented = operation.GetProperty("responses").TryGetProperty(status, out var spec);
        if (response.Status >= 400)
        {
            AssertError(response);
            return;
        }

        Assert.True(documented, method + " " + pathTemplate + " answered " + status + ", which SPEC does not document: " + response.Text);
        if (!spec.TryGetProperty("content", out var content))
        {
            // SPEC documents the status but no body (e.g. the signing key): the body must still be a JSON object.
            Assert.Equal(JsonValueKind.Object, response.Json.ValueKind);
            return;
        }

        var schema = content.GetProperty("application/json").GetProperty("schema");
        AssertValid(response.Json, schema, strictness ?? Strictness.Strict(), method + " " + pathTemplate + " " + status);
    }

    /// <summary>Asserts that a request body the tests send is valid for SPEC's request schema (so the tests speak the contract too).</summary>
    public static object ValidRequest(string method, string pathTemplate, object body)
    {
        var schema = Spec.GetProperty("paths").GetProperty(pathTemplate).GetProperty(method.ToLowerInvariant())
            .GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        AssertValid(JsonSerializer.SerializeToElement(body), schema, Strictness.SchemaOnly, "request " + method + " " + pathTemplate);
        return body;
    }

    public static void AssertValid(JsonElement instance, JsonElement schema, Strictness strictness, string what)
    {
        var errors = Validator.Validate(instance, schema, strictness);
        Assert.True(errors.Count == 0, what + " does not match SPEC:\n  " + string.Join("\n  ", errors) + "\nbody: " + instance.GetRawText());
    }

    public static void AssertError(ApiResponse response)
    {
        Assert.Equal("application/json", response.ContentHeaders?.ContentType?.MediaType);
        AssertValid(response.Json, Component("Error"), Strictness.Strict(), "error body (" + response.Status + ")");
        Assert.Equal(["error"], response.Json.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.False(string.IsNullOrWhiteSpace(response.Error));
    }
}
