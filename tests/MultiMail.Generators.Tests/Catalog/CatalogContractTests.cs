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

    /// <summary>The operations that are one HTTP call: checked field by field against that operation of the document.</summary>
    public static IEnumerable<object[]> Operations() => ContractCatalog.Operations.Where(o => o.Runtime is null).Select(o => new object[] { o.Name });

    /// <summary>The operations the runtime library carries out (several calls, or one read differently).</summary>
    public static IEnumerable<object[]> RuntimeOperations() => ContractCatalog.Operations.Where(o => o.Runtime is not null).Select(o => new object[] { o.Name });

    private static JsonElement Operation(CatalogOperation operation) => Operation(operation.Method, operation.SpecPath);

    private static JsonElement Operation(string method, string specPath)
    {
        Assert.True(Spec.RootElement.GetProperty("paths").TryGetProperty(specPath, out var path), specPath + " is not in openapi.json");
        Assert.True(path.TryGetProperty(method.ToLowerInvariant(), out var op), method + " " + specPath + " is not in openapi.json");
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
        var ours = operation.Fields.Where(f => f.Location == FieldLocation.Query && f.InSpec).ToList();

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
        var extras = ContractCatalog.Operations.SelectMany(o => o.Fields.Where(f => !f.InSpec && !f.RuntimeOnly).Select(f => o.Name + "." + f.WireName)).OrderBy(n => n);
        Assert.Equal(
            new[]
            {
                "create_api_key.approval_code",    // API.md §2.10: POST /v1/api-keys takes approval_code (MCP 0.5.3)
                "create_mailbox.approval_code",    // API.md §2.1: MCP sends approval_code (the 202 approval flow, §9)
                "create_webhook.approval_code",    // API.md §2.9: approval_code opt (MCP)
                "decide_email.reason",             // API.md §2.6: MCP and the Python SDK send it; logged to the audit trail.
                "get_usage.period",                // API.md §2.10: MCP sends period=summary|daily instead (§9: the sandbox accepts both)
                "list_suppression.cursor",         // API.md §2.10: MCP passes limit and cursor (not in SPEC)
                "list_suppression.limit",
            },
            extras);

        // Fields only a runtime operation reads, never sent as they are (API.md §3.2 #40, §3.3).
        var runtimeOnly = ContractCatalog.Operations.SelectMany(o => o.Fields.Where(f => f.RuntimeOnly).Select(f => o.Name + "." + f.WireName)).OrderBy(n => n);
        Assert.Equal(new[] { "manage_spam_status.action", "manage_upgrade.action", "wait_for_email.filter", "wait_for_email.timeout_seconds" }, runtimeOnly);
        Assert.All(ContractCatalog.Operations.Where(o => o.Fields.Any(f => f.RuntimeOnly)), o => Assert.NotNull(o.Runtime));
        Assert.All(ContractCatalog.Operations.SelectMany(o => o.Fields.Where(f => f.RuntimeOnly)), f => Assert.False(f.InSpec));
    }

    [Fact]
    public void Argument_aliases_are_the_vendor_s_tool_arguments()
    {
        // API.md §3.2: search_contacts takes "query" (sent as q); create_mailbox takes "address_local_part" (sent as address_local).
        Assert.Same(ContractCatalog.Find("search_contacts")!.FindField("q"), ContractCatalog.Find("search_contacts")!.FindField("query"));
        Assert.Same(ContractCatalog.Find("create_mailbox")!.FindField("address_local"), ContractCatalog.Find("create_mailbox")!.FindField("address_local_part"));
        var aliases = ContractCatalog.Operations.SelectMany(o => o.Fields.SelectMany(f => f.Aliases.Select(a => o.Name + "." + a))).OrderBy(n => n);
        Assert.Equal(new[] { "create_mailbox.address_local_part", "search_contacts.query" }, aliases);

        // An alias never hides another field of the same operation.
        Assert.All(ContractCatalog.Operations, o => Assert.All(o.Fields.SelectMany(f => f.Aliases), a => Assert.DoesNotContain(o.Fields, f => f.WireName == a)));
    }

    [Theory]
    [MemberData(nameof(RuntimeOperations))]
    public void Runtime_operations_call_only_the_spec_s_operations_with_its_fields(string name)
    {
        var operation = ContractCatalog.Find(name)!;
        Assert.NotEqual(MultiMailToolEffectValue.SendsEmail, operation.Effect); // the request closes its body before the operation runs
        var calls = operation.Calls.IsEmpty ? new[] { new CatalogCall(operation.Method, operation.SpecPath) } : operation.Calls.ToArray();

        // The runtime library has the operation the generated code names.
        Assert.NotNull(typeof(MultiMail.Internal.ClientOperations).GetProperty(operation.Runtime!)?.GetValue(null));

        // Each call is in the document, and the route the generated code builds is the start of each call's path, with
        // the same placeholders bound to the same path parameters.
        var ours = operation.Path.Trim('/').Split('/');
        var spec = operation.SpecPath.Trim('/').Split('/');
        Assert.Equal(spec.Length, ours.Length);
        foreach (var call in calls)
        {
            var op = Operation(call.Method, call.SpecPath);
            var theirs = call.SpecPath.Trim('/').Split('/');
            Assert.True(theirs.Length >= ours.Length, call.SpecPath);
            Assert.True(theirs.Length - ours.Length <= 1, call.SpecPath + ": the operation appends at most one literal segment");
            for (var i = 0; i < ours.Length; i++)
            {
                Assert.Equal(spec[i], theirs[i]);
                if (theirs[i].StartsWith('{'))
                {
                    var field = operation.FindField(ours[i].Trim('{', '}'));
                    Assert.Equal(FieldLocation.Path, field!.Location);
                    Assert.Equal(theirs[i].Trim('{', '}'), field.SpecName);
                }
                else
                {
                    Assert.Equal(theirs[i], ours[i]);
                }
            }

            var pathParameters = op.TryGetProperty("parameters", out var parameters)
                ? parameters.EnumerateArray().Count(p => p.GetProperty("in").GetString() == "path")
                : 0;
            Assert.Equal(pathParameters, operation.Fields.Count(f => f.Location == FieldLocation.Path));
        }

        // Every argument is a query parameter or body property of a call (same type and limits), or a runtime-only one
        // whose parts are (wait_for_email's filter holds the inbox's query parameters).
        var sent = operation.Fields.Where(f => f.Location != FieldLocation.Path && !f.RuntimeOnly)
            .Concat(operation.Fields.Where(f => f.RuntimeOnly && f.Type == FieldType.Object).SelectMany(f => f.ItemFields));
        foreach (var field in sent)
        {
            var found = calls.Select(c => SpecField(Operation(c.Method, c.SpecPath), field.WireName)).FirstOrDefault(f => f is not null);
            Assert.True(found is not null, name + "." + field.WireName + " is in none of the operation's calls");
            CheckField(field, found!.Value.Schema, specRequired: false, checkRequired: false);
        }

        // An action argument has one value per call.
        if (operation.FindField("action") is { } action)
        {
            Assert.Equal(calls.Length, action.Enum.Length);
            Assert.True(action.Required);
        }
    }

    /// <summary>A query parameter's or body property's schema in a spec operation, or null.</summary>
    private static (JsonElement Schema, bool Required)? SpecField(JsonElement operation, string wireName)
    {
        if (operation.TryGetProperty("parameters", out var parameters))
        {
            foreach (var parameter in parameters.EnumerateArray())
            {
                if (parameter.GetProperty("in").GetString() == "query" && parameter.GetProperty("name").GetString() == wireName)
                {
                    return (parameter.GetProperty("schema"), parameter.TryGetProperty("required", out var r) && r.GetBoolean());
                }
            }
        }

        if (operation.TryGetProperty("requestBody", out var body))
        {
            var schema = Resolve(body.GetProperty("content").GetProperty("application/json").GetProperty("schema"));
            if (schema.GetProperty("properties").TryGetProperty(wireName, out var property))
            {
                return (property, schema.TryGetProperty("required", out var list) && list.EnumerateArray().Any(e => e.GetString() == wireName));
            }
        }

        return null;
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

            // Issue 15: the rest of the vendor's MCP server.
            ["download_attachment"] = MultiMailToolEffectValue.Reads,
            ["wait_for_email"] = MultiMailToolEffectValue.Reads,
            ["schedule_email"] = MultiMailToolEffectValue.SendsEmail,
            ["apply_upgrade"] = MultiMailToolEffectValue.ChangesState,
            ["manage_upgrade"] = MultiMailToolEffectValue.ChangesState,
            ["delete_mailbox"] = MultiMailToolEffectValue.ChangesState,
            ["update_account"] = MultiMailToolEffectValue.ChangesState,
            ["delete_account"] = MultiMailToolEffectValue.ChangesState,
            ["get_usage"] = MultiMailToolEffectValue.Reads,
            ["list_suppression"] = MultiMailToolEffectValue.Reads,
            ["check_suppression"] = MultiMailToolEffectValue.Reads,
            ["remove_suppression"] = MultiMailToolEffectValue.ChangesState,
            ["list_api_keys"] = MultiMailToolEffectValue.Reads,
            ["create_api_key"] = MultiMailToolEffectValue.ChangesState,
            ["revoke_api_key"] = MultiMailToolEffectValue.ChangesState,
            ["create_webhook"] = MultiMailToolEffectValue.ChangesState,
            ["list_webhooks"] = MultiMailToolEffectValue.Reads,
            ["delete_webhook"] = MultiMailToolEffectValue.ChangesState,
            ["manage_spam_status"] = MultiMailToolEffectValue.ChangesState,
        };
        foreach (var (name, effect) in expected)
        {
            Assert.Equal(effect, ContractCatalog.Find(name)?.Effect);
        }

        Assert.Equal(ContractCatalog.Operations.Length, ContractCatalog.Operations.Select(o => o.Name).Distinct().Count());
        Assert.All(ContractCatalog.Operations, o => Assert.True(Helpers.Naming.IsValidToolName(o.Name)));
        Assert.All(ContractCatalog.Operations, o => Assert.False(string.IsNullOrWhiteSpace(o.Description)));
    }

    private static void CheckField(CatalogField field, JsonElement schema, bool specRequired, bool checkRequired = true)
    {
        schema = Resolve(schema);
        if (checkRequired)
        {
            // A tool may require what the contract leaves optional (schedule_email's send_at), never the other way round.
            Assert.True(specRequired == (field.Required && !field.RequiredBeyondSpec), field.WireName + ": required is " + field.Required + " but the spec says " + specRequired);
            Assert.False(field.RequiredBeyondSpec && !field.Required);
        }

        var type = schema.GetProperty("type").GetString();
        var expectedType = field.Type switch
        {
            FieldType.String => "string",
            FieldType.Integer => "integer",
            FieldType.Boolean => "boolean",
            FieldType.StringArray or FieldType.ObjectArray => "array",
            FieldType.StringMap or FieldType.Object => "object",
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

        var itemEnum = field.Type == FieldType.StringArray && schema.GetProperty("items").TryGetProperty("enum", out var itemValues)
            ? itemValues.EnumerateArray().Select(v => v.GetString()!).ToArray()
            : Array.Empty<string>();
        Assert.Equal(itemEnum, field.ItemEnum.ToArray());

        if (field.Type == FieldType.ObjectArray)
        {
            var items = Resolve(schema.GetProperty("items"));
            var required = items.GetProperty("required").EnumerateArray().Select(e => e.GetString()!).ToHashSet();
            Assert.Equal(items.GetProperty("properties").EnumerateObject().Select(p => p.Name).OrderBy(n => n), field.ItemFields.Select(f => f.WireName).OrderBy(n => n));
            Assert.All(field.ItemFields, f => Assert.Equal(required.Contains(f.WireName), f.Required));
        }
    }
}
