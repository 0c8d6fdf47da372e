using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace MultiMail.Sandbox.Tests.Infrastructure;

/// <summary>A response read as text and (when it is JSON) parsed.</summary>
internal sealed record ApiResponse(HttpStatusCode StatusCode, string Text, JsonElement Json, HttpResponseHeaders Headers, HttpContentHeaders? ContentHeaders)
{
    public int Status => (int)StatusCode;

    public string Str(string name) => Json.GetProperty(name).GetString()!;

    public string Error => Json.GetProperty("error").GetString()!;

    public override string ToString() => Status + " " + Text;
}

/// <summary>Raw HTTP calls against a sandbox (the tests use plain HttpClient, as any agent could).</summary>
internal static class Api
{
    public static Task<ApiResponse> Get(this HttpClient client, string path) => client.Call(HttpMethod.Get, path, null);

    public static Task<ApiResponse> Post(this HttpClient client, string path, object? body = null) => client.Call(HttpMethod.Post, path, body);

    public static Task<ApiResponse> Put(this HttpClient client, string path, object? body) => client.Call(HttpMethod.Put, path, body);

    public static Task<ApiResponse> Patch(this HttpClient client, string path, object? body) => client.Call(HttpMethod.Patch, path, body);

    public static Task<ApiResponse> Delete(this HttpClient client, string path) => client.Call(HttpMethod.Delete, path, null);

    /// <summary>Sends <paramref name="body"/> as JSON: a string is sent verbatim, anything else serialized as written.</summary>
    public static async Task<ApiResponse> Call(this HttpClient client, HttpMethod method, string path, object? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            var json = body as string ?? JsonSerializer.Serialize(body);
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var parsed = default(JsonElement);
        if (text.Length > 0 && response.Content.Headers.ContentType?.MediaType == "application/json")
        {
            parsed = JsonDocument.Parse(text).RootElement.Clone();
        }

        return new ApiResponse(response.StatusCode, text, parsed, response.Headers, response.Content.Headers);
    }

    public static object Email(string to = "bob@example.com", string subject = "Hello", string markdown = "Hi Bob") =>
        new { to = new[] { to }, subject, markdown };
}
