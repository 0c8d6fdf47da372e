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
}
