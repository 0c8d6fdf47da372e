using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using MultiMail.Benchmarks.Scenario;
using MultiMail.Internal;

namespace MultiMail.Benchmarks.Benchmarks;

/// <summary>
/// What each piece of the generated call path costs: each benchmark re-enacts one step exactly as the runtime library
/// or the generated code does it today ("now"), beside the cheaper way ("alt"). Warm figures; the one-time costs
/// (Regex construction, first JIT) are in the cold-start harness.
/// </summary>
[MemoryDiagnoser]
public class AttributionBenchmarks
{
    private static readonly Regex SubjectPattern = new("^[^\\r\\n]*$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly MultiMailClient Client = new(new MultiMailClientOptions { ApiKey = Inputs.ApiKey, BaseAddress = Inputs.BaseAddress, DefaultMailboxId = Inputs.Mailbox }, new HttpClient(new CannedApiHandler()));
    private static readonly AuthenticationHeaderValue CachedAuthorization = new("Bearer", Inputs.ApiKey);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"to\":[\"ada@example.com\"],\"subject\":\"Weekly summary: AI safety best practices\",\"markdown\":\"" + Inputs.Markdown.Replace("\n", "\\n", StringComparison.Ordinal) + "\"");
    private static readonly string[] ParameterNames = { "to", "subject", "markdown" };
    private EmailTools _tools = null!;
    private AIFunctionArguments _arguments = null!;

    [GlobalSetup]
    public void Setup()
    {
        _tools = new EmailTools(Client);
        _arguments = Sides.HostArguments();
    }

    // ---- the subject check

    [Benchmark(Description = "subject check now: Regex.IsMatch(^[^\\r\\n]*$) with a 1 s timeout")]
    public bool SubjectRegex() => SubjectPattern.IsMatch(Inputs.Subject);

    [Benchmark(Description = "subject check alt: span IndexOfAny('\\r','\\n')")]
    public bool SubjectSpan() => Inputs.Subject.AsSpan().IndexOfAny('\r', '\n') < 0;

    [Benchmark(Description = "Regex construction (what the tool type's static constructor does), warm")]
    public Regex RegexConstruction() => new("^[^\\r\\n]*$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    // ---- the derived idempotency key

    [Benchmark(Description = "idempotency key now: concat + GetBytes + SHA256.Create + Transform×2 + 16×ToString(\"x2\")")]
    public string KeyNow()
    {
        var prefix = Encoding.UTF8.GetBytes("multimail-idempotency-v1\n" + "POST" + "\n" + "/v1/mailboxes/mbx_bench01/send" + "\n");
        using var sha = SHA256.Create();
        sha.TransformBlock(prefix, 0, prefix.Length, null, 0);
        sha.TransformFinalBlock(Body, 0, Body.Length);
        var hash = sha.Hash!;
        var text = new StringBuilder("mmg-", 36);
        for (var i = 0; i < 16; i++)
        {
            text.Append(hash[i].ToString("x2", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    [Benchmark(Description = "idempotency key alt: IncrementalHash, stack buffers, Convert.ToHexStringLower")]
    public string KeyIncremental() => IdempotencyKey.Derive("/v1/mailboxes/mbx_bench01/send", Body);

    [Benchmark(Description = "idempotency key alt: one SHA256.HashData over one pooled buffer")]
    public string KeyOneShot()
    {
        const string Prefix = "multimail-idempotency-v1\nPOST\n/v1/mailboxes/mbx_bench01/send\n";
        var rented = ArrayPool<byte>.Shared.Rent(Prefix.Length * 3 + Body.Length);
        try
        {
            var n = Encoding.UTF8.GetBytes(Prefix, rented);
            Body.CopyTo(rented.AsSpan(n));
            Span<byte> digest = stackalloc byte[32];
            SHA256.HashData(rented.AsSpan(0, n + Body.Length), digest);
            return string.Create(36, digest[..16].ToArray(), static (span, bytes) =>
            {
                "mmg-".AsSpan().CopyTo(span);
                Convert.TryToHexStringLower(bytes, span[4..], out _);
            });
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    // ---- per-request HTTP objects

    [Benchmark(Description = "HTTP method now: new HttpMethod(\"POST\")")]
    public HttpMethod MethodNew() => new("POST");

    [Benchmark(Description = "HTTP method alt: HttpMethod.Post")]
    public HttpMethod MethodCached() => HttpMethod.Post;

    [Benchmark(Description = "timeout now: linked CTS + CancelAfter(30 s) + dispose")]
    public bool LinkedTimeout()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(CancellationToken.None);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        return timeout.Token.CanBeCanceled;
    }

    [Benchmark(Description = "authorization now: new AuthenticationHeaderValue(\"Bearer\", key.Trim()) per request")]
    public AuthenticationHeaderValue AuthorizationNew() => new("Bearer", Inputs.ApiKey.Trim());

    [Benchmark(Description = "authorization alt: cached header value")]
    public AuthenticationHeaderValue AuthorizationCached() => CachedAuthorization;

    [Benchmark(Description = "URI now: StringBuilder path → concat → new Uri(absolute) → AbsoluteUri.StartsWith")]
    public Uri UriNow()
    {
        var path = new StringBuilder(64).Append("/v1/mailboxes/").Append(Uri.EscapeDataString(Inputs.Mailbox)).Append("/send").ToString();
        var baseText = Inputs.BaseAddress.AbsoluteUri;
        var prefix = baseText.EndsWith("/", StringComparison.Ordinal) ? baseText.Substring(0, baseText.Length - 1) : baseText;
        var uri = new Uri(prefix + path + string.Empty, UriKind.Absolute);
        return uri.AbsoluteUri.StartsWith(prefix + "/", StringComparison.Ordinal) ? uri : null!;
    }

    [Benchmark(Description = "URI alt: one string.Concat → new Uri(absolute)")]
    public Uri UriAlt() => new(string.Concat("https://api.multimail.test/v1/mailboxes/", Inputs.Mailbox, "/send"), UriKind.Absolute);

    // ---- the response

    [Benchmark(Description = "response now: JsonDocument.Parse(body) to read \"status\"")]
    public string? StatusByDocument()
    {
        using var document = JsonDocument.Parse(Inputs.SendResponse);
        return document.RootElement.TryGetProperty("status", out var status) ? status.GetString() : null;
    }

    [Benchmark(Description = "response alt: Utf8JsonReader over the bytes, top-level \"status\" only")]
    public bool StatusByReader()
    {
        var reader = new Utf8JsonReader(Inputs.SendResponseBytes);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isStatus = reader.ValueTextEquals("status"u8);
            reader.Read();
            if (isStatus)
            {
                return reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("pending_scan"u8);
            }

            reader.Skip();
        }

        return false;
    }

    // ---- the AIFunction adapter

    [Benchmark(Description = "adapter now: AdapterArguments.ToJson(dictionary) + ToolArguments.Parse (JSON round trip)")]
    public bool AdapterRoundTrip()
    {
        var json = AdapterArguments.ToJson(_arguments);
        using var parsed = ToolArguments.Parse("send_email", json, ParameterNames);
        return parsed.TryGet("to", true, "an array", out _) && !parsed.HasErrors;
    }

    [Benchmark(Description = "adapter alt: read the dictionary's JsonElements directly")]
    public bool AdapterDirect()
    {
        return _arguments.TryGetValue("to", out var to) && to is JsonElement { ValueKind: JsonValueKind.Array }
            && _arguments.TryGetValue("subject", out var subject) && subject is JsonElement { ValueKind: JsonValueKind.String }
            && _arguments.TryGetValue("markdown", out var markdown) && markdown is JsonElement { ValueKind: JsonValueKind.String };
    }

    [Benchmark(Description = "adapter now: SendEmailAIFunction property read (new function + metadata dictionary)")]
    public AIFunction AdapterProperty() => _tools.SendEmailAIFunction;

    [Benchmark(Description = "host arguments: the chat client's JSON → dictionary parse (paid by every AIFunction side)")]
    public AIFunctionArguments HostArguments() => Sides.HostArguments();

    // ---- the body

    [Benchmark(Description = "body now: MultiMailRequest (StringBuilder path, MemoryStream + Utf8JsonWriter, checks)")]
    public bool RequestBuild()
    {
        var request = new MultiMailRequest(Client, "send_email", "POST", MultiMailToolEffect.SendsEmail);
        request.AppendPath("/v1/mailboxes/");
        request.AppendMailboxId("mailbox_id", null);
        request.AppendPath("/send");
        var w = request.Body;
        request.CheckCount("to", Inputs.To.Length, 1, 50);
        w.WritePropertyName("to");
        w.WriteStartArray();
        var i = 0;
        foreach (var address in Inputs.To)
        {
            request.CheckEmail("to" + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", address);
            w.WriteStringValue(address);
            i++;
        }

        w.WriteEndArray();
        request.CheckLength("subject", Inputs.Subject, -1, 998);
        request.CheckPattern("subject", Inputs.Subject, SubjectPattern);
        w.WritePropertyName("subject");
        w.WriteStringValue(Inputs.Subject);
        request.CheckLength("markdown", Inputs.Markdown, -1, 262144);
        w.WritePropertyName("markdown");
        w.WriteStringValue(Inputs.Markdown);
        return request.HasErrors;
    }

    [Benchmark(Description = "body alt: ArrayBufferWriter + Utf8JsonWriter with pre-encoded names, span checks")]
    public int BodyAlt()
    {
        var problem = HandWrittenClient.Check(Inputs.To, Inputs.Subject, Inputs.Markdown);
        var buffer = new ArrayBufferWriter<byte>(512);
        using var writer = new Utf8JsonWriter(buffer);
        writer.WriteStartObject();
        writer.WriteStartArray("to"u8);
        foreach (var address in Inputs.To)
        {
            writer.WriteStringValue(address);
        }

        writer.WriteEndArray();
        writer.WriteString("subject"u8, Inputs.Subject);
        writer.WriteString("markdown"u8, Inputs.Markdown);
        writer.Flush();
        return problem is null ? buffer.WrittenCount : -1;
    }

    [Benchmark(Description = "check_email now: the '\"to[\" + i + \"]\"' path string built per address even when valid")]
    public string EmailPathString() => "to" + "[" + 0.ToString(CultureInfo.InvariantCulture) + "]";
}
