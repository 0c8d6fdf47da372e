using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace MultiMail.IntegrationTests.Fuzzing;

/// <summary>One operation of the vendor's OpenAPI document: method, path template, query parameter names.</summary>
internal sealed record ContractOperation(string Method, string Template, IReadOnlySet<string> QueryNames)
{
    public string[] Segments { get; } = Template.Trim('/').Split('/');

    public override string ToString() => Method + " " + Template;
}

/// <summary>
/// The route oracle: docs/contract/multimail-openapi.json, independent of the generator's catalog. Each catalog tool is
/// named with its operation; a tool this table does not know (a catalog operation added later) is held to the one
/// operation its first request matched, so every later call must reach that same operation.
/// </summary>
internal static class ContractRoutes
{
    private static readonly Dictionary<string, string[]> Known = new(StringComparer.Ordinal)
    {
        ["send_email"] = ["POST /v1/mailboxes/{mailboxId}/send"],
        ["reply_email"] = ["POST /v1/mailboxes/{mailboxId}/reply/{emailId}"],
        ["check_inbox"] = ["GET /v1/mailboxes/{mailboxId}/emails"],
        ["read_email"] = ["GET /v1/mailboxes/{mailboxId}/emails/{emailId}"],
        ["get_thread"] = ["GET /v1/mailboxes/{mailboxId}/threads/{threadId}"],
        ["cancel_message"] = ["POST /v1/mailboxes/{mailboxId}/emails/{emailId}/cancel"],
        ["get_tags"] = ["GET /v1/mailboxes/{mailboxId}/emails/{emailId}/tags"],
        ["set_tags"] = ["PUT /v1/mailboxes/{mailboxId}/emails/{emailId}/tags"],
        ["delete_tag"] = ["DELETE /v1/mailboxes/{mailboxId}/emails/{emailId}/tags/{key}"],
        ["list_mailboxes"] = ["GET /v1/mailboxes"],
        ["list_pending"] = ["GET /v1/oversight/pending"],
        ["decide_email"] = ["POST /v1/oversight/decide"],
        ["add_contact"] = ["POST /v1/contacts"],
        ["search_contacts"] = ["GET /v1/contacts"],
        ["delete_contact"] = ["DELETE /v1/contacts/{contactId}"],
        ["update_mailbox"] = ["PATCH /v1/mailboxes/{mailboxId}"],
        ["create_mailbox"] = ["POST /v1/mailboxes"],
        ["report_spam"] = ["POST /v1/emails/{id}/report-spam"],
        ["not_spam"] = ["POST /v1/emails/{id}/not-spam"],
        ["list_spam"] = ["GET /v1/emails"],
        ["get_account"] = ["GET /v1/account"],
        ["get_audit_log"] = ["GET /v1/audit-log"],
        ["request_upgrade"] = ["POST /v1/mailboxes/{mailboxId}/request-upgrade"],

        // Issue 15's parity operations; the runtime ones name every operation they may call.
        ["schedule_email"] = ["POST /v1/mailboxes/{mailboxId}/send"],
        ["download_attachment"] = ["GET /v1/mailboxes/{mailboxId}/emails/{emailId}/attachments/{filename}"],
        ["wait_for_email"] = ["GET /v1/mailboxes/{mailboxId}/emails"],
        ["apply_upgrade"] = ["POST /v1/mailboxes/{mailboxId}/upgrade"],
        ["manage_upgrade"] = ["POST /v1/mailboxes/{mailboxId}/request-upgrade", "POST /v1/mailboxes/{mailboxId}/upgrade"],
        ["delete_mailbox"] = ["DELETE /v1/mailboxes/{mailboxId}"],
        ["update_account"] = ["PATCH /v1/account"],
        ["delete_account"] = ["DELETE /v1/account"],
        ["get_usage"] = ["GET /v1/usage"],
        ["list_api_keys"] = ["GET /v1/api-keys"],
        ["create_api_key"] = ["POST /v1/api-keys"],
        ["revoke_api_key"] = ["DELETE /v1/api-keys/{keyId}"],
        ["list_suppression"] = ["GET /v1/suppression"],
        ["check_suppression"] = ["GET /v1/suppression"],
        ["remove_suppression"] = ["DELETE /v1/suppression/{address}"],
        ["manage_spam_status"] = ["POST /v1/emails/{id}/report-spam", "POST /v1/emails/{id}/not-spam"],
        ["create_webhook"] = ["POST /v1/webhooks"],
        ["list_webhooks"] = ["GET /v1/webhooks"],
        ["delete_webhook"] = ["DELETE /v1/webhooks/{id}"],
    };

    /// <summary>
    /// Query names the catalog sends that the contract does not list: the vendor's MCP tools take them (issue 15's
    /// parity; get_usage's <c>period</c>, list_suppression's paging). Anything else in a query fails the fuzzer.
    /// </summary>
    public static IReadOnlySet<string> VendorQuery(string tool) => tool switch
    {
        "get_usage" => new HashSet<string>(StringComparer.Ordinal) { "period" },
        "list_suppression" or "check_suppression" => new HashSet<string>(StringComparer.Ordinal) { "limit", "cursor" },
        _ => new HashSet<string>(StringComparer.Ordinal),
    };

    /// <summary>Tools that may send more than one request per call (wait_for_email polls), each to their own operation.</summary>
    public static readonly IReadOnlySet<string> Polling = new HashSet<string>(StringComparer.Ordinal) { "wait_for_email" };

    private static readonly Lazy<IReadOnlyList<ContractOperation>> All = new(Load);
    private static readonly ConcurrentDictionary<string, ContractOperation> Learned = new(StringComparer.Ordinal);

    public static IReadOnlyList<ContractOperation> Operations => All.Value;

    /// <summary>The operations the tool may reach if the table names them (checked to exist in the document), else the learned one, else null.</summary>
    public static IReadOnlyList<ContractOperation>? Of(string tool)
    {
        if (!Known.TryGetValue(tool, out var texts))
        {
            return Learned.TryGetValue(tool, out var learned) ? [learned] : null;
        }

        return texts.Select(text =>
        {
            var space = text.IndexOf(' ', StringComparison.Ordinal);
            var operation = Operations.SingleOrDefault(o => o.Method == text[..space] && o.Template == text[(space + 1)..]);
            return operation ?? throw new InvalidOperationException(text + " (a route of " + tool + ") is not in docs/contract/multimail-openapi.json");
        }).ToArray();
    }

    /// <summary>For a tool the table does not know: the operation its first matched request reached.</summary>
    public static ContractOperation Learn(string tool, ContractOperation operation) => Learned.GetOrAdd(tool, operation);

    /// <summary>Whether the path's segments are the template's: literals equal, each placeholder exactly one non-empty segment.</summary>
    public static bool Matches(ContractOperation operation, string method, string[] segments)
    {
        if (operation.Method != method || operation.Segments.Length != segments.Length)
        {
            return false;
        }

        for (var i = 0; i < segments.Length; i++)
        {
            var template = operation.Segments[i];
            if (template.StartsWith('{'))
            {
                var value = Uri.UnescapeDataString(segments[i]);
                if (segments[i].Length == 0 || value is "." or "..")
                {
                    return false;
                }
            }
            else if (!string.Equals(template, segments[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static IReadOnlyList<ContractOperation> Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(FuzzMode.RepositoryFile("docs", "contract", "multimail-openapi.json")));
        var operations = new List<ContractOperation>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject())
            {
                if (method.Value.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                var query = new HashSet<string>(StringComparer.Ordinal);
                if (method.Value.TryGetProperty("parameters", out var parameters))
                {
                    foreach (var parameter in parameters.EnumerateArray())
                    {
                        if (parameter.GetProperty("in").GetString() == "query")
                        {
                            query.Add(parameter.GetProperty("name").GetString()!);
                        }
                    }
                }

                operations.Add(new ContractOperation(method.Name.ToUpperInvariant(), path.Name, query));
            }
        }

        return operations;
    }
}
