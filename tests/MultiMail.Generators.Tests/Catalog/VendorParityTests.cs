using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using MultiMail.Generators.Catalog;
using MultiMail.TestSupport;

namespace MultiMail.Generators.Tests.Catalog;

/// <summary>
/// Issue 15: every tool of the vendor's MCP server that the contract documents, except sign-up and billing, is a
/// catalog operation under the vendor's name (older names as aliases), and the McpServer sample's README says which
/// are left out and why.
/// </summary>
public sealed class VendorParityTests
{
    [Fact]
    public void Every_vendor_tool_is_a_catalog_operation_or_left_out_with_a_reason()
    {
        foreach (var tool in VendorTools.All)
        {
            var operation = ContractCatalog.Find(tool.Name);
            if (tool.Ours is null)
            {
                Assert.True(operation is null, tool.Name + " is left out (" + tool.Reason + ") but the catalog has it");
                Assert.NotEqual(LeftOutReason.None, tool.Reason);
                continue;
            }

            Assert.True(operation is not null, tool.Name + " is not in the catalog");
            Assert.Equal(tool.Ours, operation!.Name);
            Assert.True(operation.Name == tool.Name || operation.Aliases.Contains(tool.Name), tool.Name + " must be the operation's name or alias");
        }

        // The catalog holds nothing but the vendor's tools, each served under its own name.
        Assert.Equal(ContractCatalog.Operations.Select(o => o.Name).OrderBy(n => n), VendorTools.Served.Select(t => t.Name).OrderBy(n => n));
        Assert.Equal(41, ContractCatalog.Operations.Length);
        Assert.Equal(50, VendorTools.All.Count(t => t.Latest));
    }

    [Fact]
    public void The_left_out_tools_are_the_ones_the_contract_lacks_besides_sign_up_and_billing()
    {
        // API.md §2.3 (PATCH …/schedule), §2.1 (PATCH …/configure), §2.11 (allowlist), §2.10 (POST /v1/feedback): none is in openapi.json.
        Assert.Equal(
            new[] { "add_allowlist_entry", "configure_mailbox", "edit_scheduled_email", "list_allowlist", "remove_allowlist_entry", "report_issue" },
            VendorTools.LeftOut.Where(t => t.Reason == LeftOutReason.NotInContract).Select(t => t.Name).OrderBy(n => n));
        using var spec = System.Text.Json.JsonDocument.Parse(File.ReadAllText(RepositoryFiles.Path("docs", "contract", "multimail-openapi.json")));
        var paths = spec.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/v1/mailboxes/{mailboxId}/emails/{emailId}/cancel", paths);
        foreach (var missing in new[] { "/schedule", "/configure", "allowlist", "/v1/feedback" })
        {
            Assert.DoesNotContain(paths, p => p.Contains(missing, System.StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_McpServer_README_maps_every_vendor_tool()
    {
        var readme = File.ReadAllText(RepositoryFiles.Path("samples", "McpServer", "README.md"));
        foreach (var tool in VendorTools.All)
        {
            // A table row that starts with the vendor's tool name in backticks.
            var row = Regex.Match(readme, @"^\| `" + Regex.Escape(tool.Name) + @"` \|(?<rest>.*)$", RegexOptions.Multiline);
            Assert.True(row.Success, "samples/McpServer/README.md has no row for " + tool.Name);
            if (tool.Ours is null)
            {
                Assert.Contains("left out", row.Groups["rest"].Value, System.StringComparison.OrdinalIgnoreCase);
            }
            else
            {
                Assert.Contains("`" + tool.Ours + "`", row.Groups["rest"].Value);
            }
        }
    }
}
