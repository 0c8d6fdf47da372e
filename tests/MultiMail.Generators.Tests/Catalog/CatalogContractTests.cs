using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using MultiMail.Generators.Catalog;

namespace MultiMail.Generators.Tests.Catalog;

/// <summary>
/// Every catalog entry checked against the vendor's OpenAPI document (docs/contract/multimail-openapi.json): path,
/// method, path parameters, required fields, enums and limits. The catalog cannot drift from the contract.
/// </summary>
public sealed class CatalogContractTests
{
    private static readonly JsonDocument Spec = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.Path("docs", "contract", "multimail-openapi.json")));

    public static IEnumerable<object[]> Operations() => ContractCatalog.Operations.Select(o => new object[] { o.Name });

    private static JsonElement Operation(CatalogOperation operation)
    {
        Assert.True(Spec.RootElement.GetProperty("paths").TryGetProperty(operation.SpecPath, out var path), operation.SpecPath + " is not in openapi.json");
        Assert.True(path.TryGetProperty(operation.Method.ToLowerInvariant(), out var op), operation.Method + " " + operation.SpecPath + " is not in openapi.json");
        return op;
    }

    private static JsonElement Resolve(JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/').Last();
            return Spec.RootElement.GetProperty("components").GetProperty("schemas").GetProperty(name);
        }

        return schema;
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public void Route_matches_the_spec(string name)
    {
        var operation = ContractCatalog.Find(name)!;
        var spec = Operation(operation);

        // Same segments; placeholders in the same places, bound to the spec's path parameters.
        var ours = operation.Path.Trim('/').Split('/');
        var theirs = operation.SpecPath.Trim('/').Split('/');
        Assert.Equal(theirs.Length, ours.Length);
        var specPathParameters = spec.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "path").Select(p => p.GetProperty("name").GetString()!).ToList()
            : new List<string>();
        for (var i = 0; i < ours.Length; i++)
        {
            if (theirs[i].StartsWith('{'))
            {
                var wire = ours[i].Trim('{', '}');
                var field = operation.FindField(wire);
                Assert.NotNull(field);
                Assert.Equal(FieldLocation.Path, field!.Location);
                Assert.Equal(theirs[i].Trim('{', '}'), field.SpecName);
                Assert.Contains(field.SpecName, specPathParameters);
            }
            else
            {
                Assert.Equal(theirs[i], ours[i]);
            }
        }

        Assert.Equal(specPathParameters.Count, operation.Fields.Count(f => f.Location == FieldLocation.Path));
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public void Query_fields_match_the_spec(string name)
    {
        var operation = ContractCatalog.Find(name)!;
        var spec = Operation(operation);
        var query = spec.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query").ToDictionary(p => p.GetProperty("name").GetString()!)
            : new Dictionary<string, JsonElement>();
        var ours = operation.Fields.Where(f => f.Location == FieldLocation.Query).ToList();

        Assert.Equal(query.Keys.OrderBy(k => k), ours.Select(f => f.WireName).OrderBy(k => k));
        foreach (var field in ours)
        {
            var schema = query[field.WireName].GetProperty("schema");
            CheckField(field, schema, query[field.WireName].TryGetProperty("required", out var required) && required.GetBoolean());
        }
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public void Body_fields_match_the_spec(string name)
    {
        var operation = ContractCatalog.Find(name)!;
        var spec = Operation(operation);
        var ours = operation.Fields.Where(f => f.Location == FieldLocation.Body && f.InSpec).ToList();
        if (!spec.TryGetProperty("requestBody", out var body))
        {
            Assert.Empty(operation.Fields.Where(f => f.Location == FieldLocation.Body));
            return;
        }

        var schema = Resolve(body.GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        var properties = schema.GetProperty("properties");
        var required = schema.TryGetProperty("required", out var list) ? list.EnumerateArray().Select(e => e.GetString()!).ToHashSet() : new HashSet<string>();

        // Every field we send exists in the spec, and every field the spec requires is in the catalog.
        foreach (var field in ours)
        {
            Assert.True(properties.TryGetProperty(field.WireName, out var property), name + "." + field.WireName + " is not in the spec");
            CheckField(field, property, required.Contains(field.WireName));
        }

        foreach (var requiredName in required)
        {
            Assert.Contains(ours, f => f.WireName == requiredName);
        }
    }

    [Fact]
    public void Fields_outside_the_spec_are_only_those_api_md_documents()
    {
        var extras = ContractCatalog.Operations.SelectMany(o => o.Fields.Where(f => !f.InSpec).Select(f => o.Name + "." + f.WireName)).ToList();
        Assert.Equal(new[] { "decide_email.reason" }, extras); // API.md §2.6: MCP and the Python SDK send it; logged to the audit trail.
    }

    [Fact]
    public void The_issue_s_operations_are_all_in_the_catalog_with_effects()
    {
        var expected = new Dictionary<string, MultiMailToolEffectValue>
        {
            ["send_email"] = MultiMailToolEffectValue.SendsEmail,
            ["reply_email"] = MultiMailToolEffectValue.SendsEmail,
            ["check_inbox"] = MultiMailToolEffectValue.Reads,
            ["read_email"] = MultiMailToolEffectValue.Reads,
            ["get_thread"] = MultiMailToolEffectValue.Reads,
            ["cancel_message"] = MultiMailToolEffectValue.ChangesState,
            ["tag_email"] = MultiMailToolEffectValue.ChangesState,
            ["get_tags"] = MultiMailToolEffectValue.Reads,
            ["set_tags"] = MultiMailToolEffectValue.ChangesState,
            ["delete_tag"] = MultiMailToolEffectValue.ChangesState,
            ["list_mailboxes"] = MultiMailToolEffectValue.Reads,
            ["list_pending"] = MultiMailToolEffectValue.Reads,
            ["decide_email"] = MultiMailToolEffectValue.ChangesState,
            ["add_contact"] = MultiMailToolEffectValue.ChangesState,
            ["search_contacts"] = MultiMailToolEffectValue.Reads,
        };
        foreach (var (name, effect) in expected)
        {
            Assert.Equal(effect, ContractCatalog.Find(name)?.Effect);
        }

        Assert.Equal(ContractCatalog.Operations.Length, ContractCatalog.Operations.Select(o => o.Name).Distinct().Count());
        Assert.All(ContractCatalog.Operations, o => Assert.True(Helpers.Naming.IsValidToolName(o.Name)));
        Assert.All(ContractCatalog.Operations, o => Assert.False(string.IsNullOrWhiteSpace(o.Description)));
    }

    private static void CheckField(CatalogField field, JsonElement schema, bool specRequired)
    {
        schema = Resolve(schema);
        Assert.True(specRequired == field.Required, field.WireName + ": required is " + field.Required + " but the spec says " + specRequired);
        var type = schema.GetProperty("type").GetString();
        var expectedType = field.Type switch
        {
            FieldType.String => "string",
            FieldType.Integer => "integer",
            FieldType.Boolean => "boolean",
            FieldType.StringArray or FieldType.ObjectArray => "array",
            FieldType.StringMap => "object",
            _ => throw new InvalidOperationException(),
        };
        Assert.True(expectedType == type, field.WireName + ": " + expectedType + " vs spec " + type);

        var specEnum = schema.TryGetProperty("enum", out var values) ? values.EnumerateArray().Select(v => v.GetString()!).ToArray() : Array.Empty<string>();
        Assert.Equal(specEnum, field.Enum.ToArray());
        Assert.Equal(schema.TryGetProperty("maxLength", out var maxLength) ? maxLength.GetInt32() : (int?)null, field.MaxLength);
        Assert.Equal(schema.TryGetProperty("maxItems", out var maxItems) ? maxItems.GetInt32() : (int?)null, field.MaxItems);
        Assert.Equal(schema.TryGetProperty("minimum", out var minimum) ? minimum.GetInt64() : null, field.Minimum);
        Assert.Equal(schema.TryGetProperty("maximum", out var maximum) ? maximum.GetInt64() : null, field.Maximum);
        if (schema.TryGetProperty("format", out var format))
        {
            Assert.Equal(format.GetString(), field.Format);
        }

        if (field.Type == FieldType.StringArray && schema.GetProperty("items").TryGetProperty("format", out var itemFormat))
        {
            Assert.Equal(itemFormat.GetString(), field.ItemFormat);
        }

        if (field.Type == FieldType.ObjectArray)
        {
            var items = Resolve(schema.GetProperty("items"));
            var required = items.GetProperty("required").EnumerateArray().Select(e => e.GetString()!).ToHashSet();
            Assert.Equal(items.GetProperty("properties").EnumerateObject().Select(p => p.Name).OrderBy(n => n), field.ItemFields.Select(f => f.WireName).OrderBy(n => n));
            Assert.All(field.ItemFields, f => Assert.Equal(required.Contains(f.WireName), f.Required));
        }
    }
}
