using System;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using MultiMail.IntegrationTests.Infrastructure;
using MultiMail.IntegrationTests.Tools;

namespace MultiMail.IntegrationTests;

/// <summary>
/// Issue 11, finding 8: a server or proxy that echoes the API key must not get it into a tool result, however it
/// encodes it and wherever clipping falls. The key is redacted first, in every encoding, and only then clipped.
/// </summary>
public sealed class KeyRedactionTests
{
    private const string Secret = "k3y_do_not_echo_9f8e7d";
    private readonly RecordingHandler _handler = new();

    private MailTools Tools(Action<MultiMailClientOptions>? configure = null) => new(TestClient.Create(_handler, configure));

    /// <summary>The key with every character written as a JSON <c>\uXXXX</c> escape (as some serializers write).</summary>
    private static string JsonEscaped(string text, Func<int, bool>? which = null) =>
        string.Concat(text.Select((c, i) => which is null || which(i) ? "\\u" + ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture) : c.ToString()));

    [Fact]
    public async Task A_key_near_the_clip_point_of_an_error_is_redacted_before_clipping()
    {
        // Wherever the 300-character cut falls inside the key, clipping first would keep all of it but the tail.
        for (var padding = 260; padding < 300; padding++)
        {
            _handler.Respond(HttpStatusCode.BadRequest, "{\"error\":\"" + new string('x', padding) + " " + TestClient.ApiKey + " trailing text\"}");
            var text = await Tools().CheckInbox();
            AssertNoKey(text);
        }
    }

    [Fact]
    public async Task A_key_near_the_clip_point_of_a_non_json_error_is_redacted_before_clipping()
    {
        for (var padding = 268; padding < 300; padding += 3)
        {
            _handler.Respond(HttpStatusCode.BadRequest, new string('y', padding) + TestClient.ApiKey);
            AssertNoKey(await Tools().CheckInbox());
        }
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Conflict)]
    [InlineData(HttpStatusCode.Forbidden)]
    public async Task A_json_escaped_key_in_an_error_is_redacted(HttpStatusCode status)
    {
        // Not valid JSON as a whole (so it is shown raw), with the key escaped.
        _handler.Respond(status, "proxy said: Bearer " + JsonEscaped(TestClient.ApiKey) + " <- bad");
        AssertNoKey(await Tools().CheckInbox());

        // Only some characters escaped, upper-case hex.
        var mixed = string.Concat(TestClient.ApiKey.Select((c, i) => i % 3 == 0 ? "\\u" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture) : c.ToString()));
        _handler.Respond(status, "proxy said: " + mixed);
        AssertNoKey(await Tools().CheckInbox());
    }

    [Fact]
    public async Task A_json_escaped_key_in_a_success_body_is_redacted()
    {
        _handler.Respond(HttpStatusCode.OK, "{\"mailboxes\":[],\"debug\":\"auth=" + JsonEscaped(TestClient.ApiKey, i => i == 8) + "\"}");
        var text = await Tools().ListMailboxes();
        Assert.StartsWith("{\"mailboxes\":[]", text, StringComparison.Ordinal);
        AssertNoKey(text);

        // Mail, fenced as untrusted data: redacted in its strings, its property names and its bodies.
        _handler.Respond(HttpStatusCode.OK, "{\"emails\":[],\"debug\":\"auth=" + JsonEscaped(TestClient.ApiKey, i => i == 8) + "\",\"" + TestClient.ApiKey + "\":1,\"markdown\":\"" + TestClient.ApiKey + "\"}");
        text = await Tools().CheckInbox();
        Assert.StartsWith("--- BEGIN UNTRUSTED EMAIL CONTENT ", text, StringComparison.Ordinal);
        AssertNoKey(text);

        _handler.Respond(HttpStatusCode.Accepted, "{\"id\":\"em_1\",\"status\":\"pending_scan\",\"echo\":\"" + JsonEscaped(TestClient.ApiKey) + "\"}");
        AssertNoKey(await Tools().SendEmail(new[] { "a@example.com" }, "Hi", "Body"));
    }

    [Fact]
    public async Task Percent_and_html_encoded_keys_are_redacted()
    {
        var percent = string.Concat(TestClient.ApiKey.Select(c => c == '_' ? "%5F" : c.ToString()));
        _handler.Respond(HttpStatusCode.OK, "{\"next\":\"https://x.example/?key=" + percent + "\"}");
        AssertNoKey(await Tools().CheckInbox());

        var html = string.Concat(TestClient.ApiKey.Select((c, i) => i % 2 == 0 ? "&#" + (int)c + ";" : c.ToString()));
        _handler.Respond(HttpStatusCode.BadRequest, "<p>key " + html + "</p>");
        AssertNoKey(await Tools().CheckInbox());
    }

    [Fact]
    public async Task A_long_success_body_is_redacted_before_it_is_cut()
    {
        _handler.Respond(HttpStatusCode.OK, "{\"x\":\"" + new string('a', 90) + TestClient.ApiKey + "\"}");
        var text = await Tools(o => o.MaxResponseCharacters = 100).ListMailboxes();
        AssertNoKey(text);
        Assert.EndsWith("[truncated: the response was longer than 100 characters]", text, StringComparison.Ordinal);

        _handler.Respond(HttpStatusCode.OK, "{\"x\":\"" + new string('a', 90) + TestClient.ApiKey + "\"}");
        text = await Tools(o => o.MaxResponseCharacters = 100).CheckInbox();
        AssertNoKey(text);
        Assert.Contains("\n[truncated: the response was longer than 100 characters]\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Typed_tools_redact_the_exception_message_before_clipping()
    {
        _handler.Respond(HttpStatusCode.BadRequest, "{\"error\":\"" + new string('x', 272) + TestClient.ApiKey + "\"}");
        var error = await Assert.ThrowsAsync<MultiMailApiException>(() => new EdgeTools(TestClient.Create(_handler), "mbx_agent").ListMailboxesTyped());
        AssertNoKey(error.ApiMessage);
        AssertNoKey(error.Message);
    }

    [Fact]
    public async Task Text_that_only_resembles_the_key_is_left_alone()
    {
        var body = "{\"note\":\"" + TestClient.ApiKey[..^1] + "e and k3y\"}";
        _handler.Respond(HttpStatusCode.OK, body);
        Assert.Equal(body, await Tools().ListMailboxes());
    }

    /// <summary>No part of the key past its prefix, and no run of 6 of its secret characters, survives in any encoding the test used.</summary>
    private static void AssertNoKey(string text)
    {
        var decoded = System.Text.RegularExpressions.Regex.Replace(
            WebUtility.HtmlDecode(WebUtility.UrlDecode(text.Replace("+", "%2B", StringComparison.Ordinal))),
            @"\\u([0-9a-fA-F]{4})",
            m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());
        for (var i = 0; i + 6 <= Secret.Length; i++)
        {
            Assert.DoesNotContain(Secret.Substring(i, 6), decoded, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain(TestClient.ApiKey[..9], decoded, StringComparison.OrdinalIgnoreCase);
    }
}
