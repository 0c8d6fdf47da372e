using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using MultiMail.IntegrationTests.Tools;

namespace MultiMail.IntegrationTests;

/// <summary>Every descriptor the generator emitted in this project, parsed and checked against the provider rules.</summary>
public sealed class DescriptorJsonTests
{
    public static IEnumerable<object[]> Descriptors() =>
        MailTools.MultiMailTools.Concat(EdgeTools.MultiMailTools).Concat(StaticTools.MultiMailTools)
            .Select(d => new object[] { d.Name, d });

    [Theory]
    [MemberData(nameof(Descriptors))]
    public void Canonical_schema_is_an_object_schema(string name, MultiMailToolDescriptor descriptor)
    {
        Assert.Matches("^[a-zA-Z0-9_-]{1,64}$", name);
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Description));
        using var schema = JsonDocument.Parse(descriptor.ParametersJsonSchema);
        var root = schema.RootElement;
        Assert.Equal("object", root.GetProperty("type").GetString());
        var properties = root.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet();
        if (root.TryGetProperty("required", out var required))
        {
            Assert.All(required.EnumerateArray(), r => Assert.Contains(r.GetString()!, properties));
        }
    }

    [Theory]
    [MemberData(nameof(Descriptors))]
    public void Strict_schema_follows_openai_strict_mode(string name, MultiMailToolDescriptor descriptor)
    {
        using var schema = JsonDocument.Parse(descriptor.StrictParametersJsonSchema);
        AssertStrictObject(schema.RootElement, name);
    }

    private static void AssertStrictObject(JsonElement schema, string path)
    {
        Assert.False(schema.TryGetProperty("default", out _), path + " has a default");
        Assert.False(schema.TryGetProperty("minLength", out _), path + " has minLength");
        Assert.False(schema.TryGetProperty("maxLength", out _), path + " has maxLength");
        if (schema.TryGetProperty("format", out var format))
        {
            Assert.Contains(format.GetString(), new[] { "date-time", "date", "time", "duration", "email", "hostname", "ipv4", "ipv6", "uuid" });
        }

        if (schema.TryGetProperty("properties", out var properties))
        {
            Assert.False(schema.GetProperty("additionalProperties").GetBoolean(), path + " allows additional properties");
            Assert.Equal(
                properties.EnumerateObject().Select(p => p.Name),
                schema.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
            foreach (var property in properties.EnumerateObject())
            {
                AssertStrictObject(property.Value, path + "." + property.Name);
            }
        }
        else if (schema.TryGetProperty("type", out var type) && (type.ValueKind == JsonValueKind.String ? type.GetString() == "object" : type.EnumerateArray().Any(t => t.GetString() == "object")))
        {
            Assert.Fail(path + " is an object without properties (maps must be key/value lists in strict mode)");
        }

        if (schema.TryGetProperty("items", out var items))
        {
            AssertStrictObject(items, path + "[]");
        }
    }

    [Theory]
    [MemberData(nameof(Descriptors))]
    public void Provider_formats_wrap_the_schemas(string name, MultiMailToolDescriptor descriptor)
    {
        using (var openAI = JsonDocument.Parse(descriptor.ToOpenAIToolJson()))
        {
            Assert.Equal("function", openAI.RootElement.GetProperty("type").GetString());
            var function = openAI.RootElement.GetProperty("function");
            Assert.Equal(name, function.GetProperty("name").GetString());
            Assert.Equal(descriptor.Description, function.GetProperty("description").GetString());
            Assert.False(function.GetProperty("strict").GetBoolean());
            Assert.Equal(descriptor.ParametersJsonSchema, function.GetProperty("parameters").GetRawText());
        }

        using (var strict = JsonDocument.Parse(descriptor.ToOpenAIToolJson(strict: true)))
        {
            var function = strict.RootElement.GetProperty("function");
            Assert.True(function.GetProperty("strict").GetBoolean());
            Assert.Equal(descriptor.StrictParametersJsonSchema, function.GetProperty("parameters").GetRawText());
        }

        using (var responses = JsonDocument.Parse(descriptor.ToOpenAIResponsesToolJson()))
        {
            Assert.Equal(name, responses.RootElement.GetProperty("name").GetString());
            Assert.False(responses.RootElement.GetProperty("strict").GetBoolean());
        }

        using (var anthropic = JsonDocument.Parse(descriptor.ToAnthropicToolJson()))
        {
            Assert.Equal(name, anthropic.RootElement.GetProperty("name").GetString());
            Assert.Equal(descriptor.ParametersJsonSchema, anthropic.RootElement.GetProperty("input_schema").GetRawText());
            Assert.Equal(new[] { "name", "description", "input_schema" }, anthropic.RootElement.EnumerateObject().Select(p => p.Name));
        }
    }

    [Fact]
    public void Contract_limits_and_enums_are_carried_into_the_schema()
    {
        var send = MailTools.MultiMailTools.Single(t => t.Name == "send_email");
        using var schema = JsonDocument.Parse(send.ParametersJsonSchema);
        var properties = schema.RootElement.GetProperty("properties");
        Assert.Equal(50, properties.GetProperty("to").GetProperty("maxItems").GetInt32());
        Assert.Equal("email", properties.GetProperty("to").GetProperty("items").GetProperty("format").GetString());
        Assert.Equal(998, properties.GetProperty("subject").GetProperty("maxLength").GetInt32());
        Assert.Equal(new[] { "gate_first", "schedule_first" }, properties.GetProperty("gate_timing").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("date-time", properties.GetProperty("send_at").GetProperty("format").GetString());
        Assert.Equal(new[] { "to", "subject", "markdown" }, schema.RootElement.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.False(properties.TryGetProperty("cancellation_token", out _));

        var inbox = MailTools.MultiMailTools.Single(t => t.Name == "check_inbox");
        using var inboxSchema = JsonDocument.Parse(inbox.ParametersJsonSchema);
        var limit = inboxSchema.RootElement.GetProperty("properties").GetProperty("limit");
        Assert.Equal(1, limit.GetProperty("minimum").GetInt32());
        Assert.Equal(100, limit.GetProperty("maximum").GetInt32());
        Assert.Equal(20, limit.GetProperty("default").GetInt32());
        Assert.Equal(12, inboxSchema.RootElement.GetProperty("properties").GetProperty("status").GetProperty("enum").GetArrayLength());
    }
}
