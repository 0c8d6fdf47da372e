using System.Text.Json;
using MultiMail.Generators.Helpers;

namespace MultiMail.Generators.Tests.Emitter;

public sealed class NamingTests
{
    [Theory]
    [InlineData("mailboxId")]
    [InlineData("MailboxId")]
    [InlineData("HTMLBody")]
    [InlineData("subjectContains")]
    [InlineData("idempotencyKey")]
    [InlineData("sendAt")]
    [InlineData("IOStream2Go")]
    [InlineData("already_snake")]
    [InlineData("X")]
    [InlineData("ABC")]
    [InlineData("a1B2c3")]
    [InlineData("Émile")]
    [InlineData("with space")]
    [InlineData("q")]
    public void Snake_case_matches_System_Text_Json(string name) =>
        Assert.Equal(JsonNamingPolicy.SnakeCaseLower.ConvertName(name), Naming.ToSnakeCase(name));

    [Theory]
    [InlineData("SendEmail", "send_email")]
    [InlineData("SendEmailAsync", "send_email")]
    [InlineData("Async", "async")]
    [InlineData("CheckInbox", "check_inbox")]
    public void Default_tool_names(string method, string expected) => Assert.Equal(expected, Naming.DefaultToolName(method));

    [Theory]
    [InlineData("send_email", true)]
    [InlineData("file-ticket", true)]
    [InlineData("A1", true)]
    [InlineData("", false)]
    [InlineData("send email", false)]
    [InlineData("send.email", false)]
    [InlineData("émail", false)]
    public void Tool_name_rule(string name, bool valid) => Assert.Equal(valid, Naming.IsValidToolName(name));

    [Fact]
    public void Tool_name_rule_allows_64_characters_and_no_more()
    {
        Assert.True(Naming.IsValidToolName(new string('a', 64)));
        Assert.False(Naming.IsValidToolName(new string('a', 65)));
    }

    [Theory]
    [InlineData("send email!", "send_email")]
    [InlineData("Émile.Tool", "mile_tool")]
    [InlineData("!!!", "tool")]
    public void Suggested_names_are_valid(string name, string expected)
    {
        Assert.Equal(expected, Naming.SuggestToolName(name));
        Assert.True(Naming.IsValidToolName(Naming.SuggestToolName(name)));
    }
}
