using System;
using System.Collections.Generic;
using System.Linq;
using MultiMail.Internal;

namespace MultiMail.IntegrationTests;

/// <summary>Runtime helpers that generated code relies on, tested directly.</summary>
public sealed class RuntimeLibraryTests
{
    [Theory]
    [InlineData("ann@example.com", true)]
    [InlineData("first.last+tag@sub.example.co.uk", true)]
    [InlineData("ann", false)]
    [InlineData("@example.com", false)]
    [InlineData("ann@", false)]
    [InlineData("ann@@example.com", false)]
    [InlineData("Ann <ann@example.com>", false)]
    [InlineData("ann@example..com", false)]
    [InlineData("ann@example.com\r\nBcc: x@y.z", false)]
    [InlineData("a,b@example.com", false)]
    public void Email_syntax_check(string value, bool valid) => Assert.Equal(valid, MultiMailFormat.IsEmailAddress(value));

    [Fact]
    public void Dates_are_utc_with_z()
    {
        Assert.Equal("2026-03-15T14:00:00Z", MultiMailFormat.DateTime(new DateTimeOffset(2026, 3, 15, 16, 0, 0, TimeSpan.FromHours(2))));
        Assert.Equal("2026-03-15T14:00:00.123Z", MultiMailFormat.DateTime(new DateTime(2026, 3, 15, 14, 0, 0, 123, DateTimeKind.Utc)));
        Assert.Equal("2026-03-15T14:00:00Z", MultiMailFormat.DateTime(new DateTime(2026, 3, 15, 14, 0, 0, DateTimeKind.Unspecified)));
    }

    [Fact]
    public void Options_validate_the_base_address()
    {
        var options = new MultiMailClientOptions();
        Assert.Throws<ArgumentException>(() => options.BaseAddress = new Uri("ftp://example.com/"));
        Assert.Throws<ArgumentException>(() => options.BaseAddress = new Uri("https://example.com/?x=1"));
        Assert.Throws<ArgumentOutOfRangeException>(() => options.Timeout = TimeSpan.Zero);
        options.BaseAddress = new Uri("http://127.0.0.1:5080/");
        Assert.Equal("http://127.0.0.1:5080/", options.BaseAddress.AbsoluteUri);
    }

    [Fact]
    public void The_client_never_prints_its_key()
    {
#pragma warning disable MMG2001 // a made-up key: this test checks the client never prints it
        using var client = new MultiMailClient(new MultiMailClientOptions { ApiKey = "mm_live_secret_value" });
#pragma warning restore MMG2001
        Assert.DoesNotContain("secret", client.ToString());
    }

    [Fact]
    public void Unknown_tool_text_is_clipped()
    {
        var text = ToolText.UnknownTool(new string('x', 500) + "\n", new List<string> { "a", "b" });
        Assert.True(text.Length < 120, text);
        Assert.EndsWith("Available tools: a, b.", text);
    }

    [Fact]
    public void Argument_problems_are_capped()
    {
        using var arguments = ToolArguments.Parse("t", "{" + string.Join(",", System.Linq.Enumerable.Range(0, 50).Select(i => "\"p" + i + "\":1")) + "}", Array.Empty<string>());
        Assert.True(arguments.HasErrors);
        Assert.Equal(20, arguments.ErrorText.Split("; ").Length);
    }

    [Fact]
    public void Lenient_reading_ignores_problems()
    {
        using var arguments = ToolArguments.CreateLenient();
        using var document = System.Text.Json.JsonDocument.Parse("""{"n":"not a number"}""");
        Assert.Equal(0, arguments.ReadInt64(document.RootElement.GetProperty("n"), "n", 0, 10));
        Assert.False(arguments.HasErrors);
    }

    [Fact]
    public async System.Threading.Tasks.Task The_request_and_the_argument_reader_collect_into_one_capped_list_with_one_wording()
    {
        var request = new MultiMailRequest(null, "t", "POST", MultiMailToolEffect.ChangesState);
        for (var i = 0; i < 30; i++)
        {
            request.CheckAllowed("mode", "nope", new[] { "a", "b" });
        }

        using var arguments = ToolArguments.Parse("t", """{"mode":"nope"}""", new[] { "mode" });
        using var document = System.Text.Json.JsonDocument.Parse("\"nope\"");
        arguments.ReadChoice(document.RootElement, "mode", new[] { "a", "b" });

        var fromRequest = await request.ExecuteForModelAsync(default);
        Assert.Equal(ArgumentErrors.MaxProblems, fromRequest.Split("; ").Length);
        Assert.Equal("Invalid arguments for t: 'mode' must be one of: a, b (got \"nope\"). Fix the arguments and call t again.", arguments.ErrorText);
        Assert.StartsWith("Invalid arguments for t: 'mode' must be one of: a, b (got \"nope\"); ", fromRequest);
    }

    [Theory]
    [InlineData(null, null, "abcdef", null)]
    [InlineData(null, 3, "abcdef", "'s' must be at most 3 characters (got 6)")]
    [InlineData(0, null, "", null)]
    [InlineData(2, null, "a", "'s' must be at least 2 characters (got 1)")]
    [InlineData(2, 4, "abc", null)]
    public void Null_limits_check_nothing(int? minimum, int? maximum, string value, string? problem)
    {
        var errors = new ArgumentErrors();
        errors.CheckLength("s", value, minimum, maximum);
        Assert.Equal(problem, errors.Problems.SingleOrDefault());
    }

    [Fact]
    public void Adapter_arguments_become_the_json_object_InvokeAsync_reads()
    {
        var json = AdapterArguments.ToJson(new Dictionary<string, object?>
        {
            ["to"] = new List<string> { "a@example.com" },
            ["limit"] = 5,
            ["when"] = new DateTimeOffset(2026, 3, 15, 14, 0, 0, TimeSpan.Zero),
            ["none"] = null,
        });
        Assert.Equal("""{"to":["a@example.com"],"limit":5,"when":"2026-03-15T14:00:00Z","none":null}""", json);
        Assert.Equal("{}", AdapterArguments.ToJson(null));
    }

    [Fact]
    public async System.Threading.Tasks.Task A_generated_tool_set_needs_a_client_and_dispatches_with_it()
    {
        using var client = new MultiMailClient(new MultiMailClientOptions { ApiKey = "k" });
        MultiMailClient? seen = null;
        var set = new GeneratedToolSet(client, Array.Empty<MultiMailToolDescriptor>(), (c, name, json, _) =>
        {
            seen = c;
            return new System.Threading.Tasks.ValueTask<string>(name + json);
        });

        Assert.Equal("x{}", await set.InvokeAsync("x", "{}"));
        Assert.Same(client, seen);
        Assert.Equal("client", Assert.Throws<ArgumentNullException>(() => new GeneratedToolSet(null!, Array.Empty<MultiMailToolDescriptor>(), (c, n, j, t) => default)).ParamName);
    }
}
