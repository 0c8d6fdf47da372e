using System;
using System.Buffers;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace MultiMail.Benchmarks.Scenario;

/// <summary>
/// The hand-written peer: what a careful developer writes with HttpClient and Utf8JsonWriter for the same send,
/// including the same argument checks and the same derived idempotency key (so the request is equal on the wire).
/// The key, Accept and User-Agent headers are set once on the HttpClient, as such code usually does.
/// </summary>
public sealed class HandWrittenClient
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };
    private static readonly JsonEncodedText ToName = JsonEncodedText.Encode("to");
    private static readonly JsonEncodedText SubjectName = JsonEncodedText.Encode("subject");
    private static readonly JsonEncodedText MarkdownName = JsonEncodedText.Encode("markdown");
    private static readonly JsonEncodedText KeyName = JsonEncodedText.Encode("idempotency_key");

    private readonly HttpClient _http;
    private readonly string _mailbox;

    public HandWrittenClient(HttpClient http, string mailbox)
    {
        _http = http;
        _mailbox = mailbox;
        Configure(http);
    }

    /// <summary>Sets the headers every request carries, once.</summary>
    public static void Configure(HttpClient http)
    {
        http.BaseAddress = Inputs.BaseAddress;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Inputs.ApiKey);
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", Inputs.UserAgent);
    }

    public async Task<string> SendEmailAsync(string[] to, string subject, string markdown, CancellationToken cancellationToken = default)
    {
        var problem = Check(to, subject, markdown);
        if (problem is not null)
        {
            return "Invalid arguments for send_email: " + problem;
        }

        var path = "/v1/mailboxes/" + Uri.EscapeDataString(_mailbox) + "/send";
        var buffer = new ArrayBufferWriter<byte>(512);
        WriteBody(buffer, path, to, subject, markdown);
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        var content = new ReadOnlyMemoryContent(buffer.WrittenMemory);
        content.Headers.ContentType = JsonContentType;
        request.Content = content;
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode ? text : "Error " + ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) + ": " + text;
    }

    /// <summary>Writes the send body with its derived idempotency key, in one pass.</summary>
    public static void WriteBody(ArrayBufferWriter<byte> buffer, string path, string[] to, string subject, string markdown)
    {
        using var writer = new Utf8JsonWriter(buffer);
        writer.WriteStartObject();
        writer.WriteStartArray(ToName);
        foreach (var address in to)
        {
            writer.WriteStringValue(address);
        }

        writer.WriteEndArray();
        writer.WriteString(SubjectName, subject);
        writer.WriteString(MarkdownName, markdown);
        writer.Flush();
        writer.WriteString(KeyName, IdempotencyKey.Derive(path, buffer.WrittenSpan));
        writer.WriteEndObject();
    }

    /// <summary>The same checks the generated code makes: 1-50 addresses, each like name@example.com; a one-line subject of at most 998 characters; a body of at most 262,144.</summary>
    internal static string? Check(string[]? to, string? subject, string? markdown)
    {
        if (to is null || to.Length is 0 or > 50)
        {
            return "'to' must have 1 to 50 items";
        }

        foreach (var address in to)
        {
            if (!LooksLikeEmail(address))
            {
                return "'to' must hold email addresses like name@example.com";
            }
        }

        if (subject is null || subject.Length > 998 || subject.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            return "'subject' must be one line of at most 998 characters";
        }

        return markdown is null || markdown.Length > 262_144 ? "'markdown' must be at most 262144 characters" : null;
    }

    private static bool LooksLikeEmail(string? value)
    {
        if (value is null || value.Length is 0 or > 320)
        {
            return false;
        }

        var at = value.IndexOf('@');
        return at > 0 && at < value.Length - 1 && at <= 64 && value.IndexOf('@', at + 1) < 0
            && value.AsSpan().IndexOfAny(" \t\r\n<>,;()[]\"\\") < 0;
    }
}

/// <summary>
/// The same derived idempotency key the generated code sends (<c>mmg-</c> + the first 16 bytes of SHA-256 over the method,
/// the route and the canonical body so far), written the way hand-written code would: one-shot hash, stack buffers.
/// </summary>
public static class IdempotencyKey
{
    private static readonly byte[] Prefix = Encoding.UTF8.GetBytes("multimail-idempotency-v1\nPOST\n");

    public static string Derive(string path, ReadOnlySpan<byte> partialBody)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Prefix);
        Span<byte> pathBytes = stackalloc byte[256];
        var written = Encoding.UTF8.GetBytes(path, pathBytes);
        hash.AppendData(pathBytes[..written]);
        hash.AppendData("\n"u8);
        hash.AppendData(partialBody);
        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return "mmg-" + Convert.ToHexStringLower(digest[..16]);
    }

    /// <summary>For peers that serialize the body elsewhere (Refit): the canonical body so far, written once more to hash it.</summary>
    public static string Derive(string path, string[] to, string subject, string markdown)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("to"u8);
            foreach (var address in to)
            {
                writer.WriteStringValue(address);
            }

            writer.WriteEndArray();
            writer.WriteString("subject"u8, subject);
            writer.WriteString("markdown"u8, markdown);
            writer.Flush();
        }

        return Derive(path, buffer.WrittenSpan);
    }
}
