using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using CsCheck;
using Microsoft.CodeAnalysis;

namespace MultiMail.Generators.Tests.Analysis;

/// <summary>
/// Random tool classes (partial or not, described or not, good and bad endpoints, parameter types and bindings,
/// duplicate names, #pragma) run as a build does: each authoring diagnostic appears once, exactly as the analyzer alone
/// reports it; every method without a body (CS8795 and friends) has an MMG error that says why; nothing throws.
/// MULTIMAIL_PBT_ITERATIONS sets the number of iterations (default 25).
/// </summary>
public sealed class AuthoringPropertyTests
{
    private static readonly int Iterations = int.TryParse(Environment.GetEnvironmentVariable("MULTIMAIL_PBT_ITERATIONS"), out var n) ? n : 25;

    private static readonly string[] Attributes =
    {
        "[MultiMailTool]", "[MultiMailTool(\"GET\", \"/v1/items\")]", "[MultiMailTool(\"POST\", \"/v1/items/{item_id}\")]",
        "[MultiMailTool(\"FETCH\", \"/v1/x\")]", "[MultiMailTool(Name = \"check_inbox\")]", "[MultiMailTool(\"GET\", \"/v1/a\", Name = \"bad name!\")]",
    };

    private static readonly string[] Names = { "SendEmail", "CheckInbox", "ReplyEmail", "ListMailboxes", "ForwardEmail", "DoThing" };

    private static readonly string[] Parameters =
    {
        "string[] to", "string subject", "string markdown", "string? subject = null", "int limit = 10", "string itemId",
        "Node node", "object value", "Payload payload", "Mode mode", "ref string text", "[MultiMailBound] string? mailboxId = null",
        "[MultiMailBound] string bound", "CancellationToken cancellationToken = default",
    };

    private static readonly string[] Returns = { "Task<string>", "ValueTask<string>", "Task", "string", "Task<Payload>" };

    private sealed record Method(bool Partial, bool Described, bool Pragma, int Attribute, int Name, int Return, int[] Parameters);

    private static readonly Gen<Method> Methods = Gen.Select(
        Gen.Int[0, 9].Select(i => i > 0),
        Gen.Bool,
        Gen.Int[0, 5].Select(i => i == 0),
        Gen.Int[0, Attributes.Length - 1],
        Gen.Int[0, Names.Length - 1],
        Gen.Int[0, 9].Select(i => i < 6 ? 0 : i - 5),
        Gen.Int[0, Parameters.Length - 1].Array[0, 4],
        (partial, described, pragma, attribute, name, returns, parameters) => new Method(partial, described, pragma, attribute, name, Math.Min(returns, Returns.Length - 1), parameters));

    private static readonly Gen<(bool PartialType, bool Client, Method[] Methods)> Classes =
        Gen.Select(Gen.Int[0, 9].Select(i => i > 0), Gen.Int[0, 9].Select(i => i > 0), Methods.Array[1, 4]);

    [Fact]
    public void Every_authoring_diagnostic_reaches_the_build_once_and_no_bodiless_tool_goes_unexplained()
    {
        Classes.Sample(
            tools =>
            {
                var source = Render(tools.PartialType, tools.Client, tools.Methods);
                var alone = BuildLike.RunAsync(new[] { source }, runGenerator: false).GetAwaiter().GetResult();
                var build = BuildLike.RunAsync(new[] { source }).GetAwaiter().GetResult();

                Assert.Empty(build.Exceptions);
                Assert.Empty(alone.Exceptions);
                Assert.DoesNotContain(build.Generator, d => d.Id == "CS8785");
                Assert.DoesNotContain(build.Analyzers.Concat(alone.Analyzers), d => d.Id == "AD0001");
                Assert.Equal(
                    alone.Mmg.Select(BuildLike.Describe).OrderBy(d => d, StringComparer.Ordinal),
                    build.Mmg.Select(BuildLike.Describe).OrderBy(d => d, StringComparer.Ordinal));

                // A tool left without a body is never a bare compiler error: an MMG error sits on the same method
                // (or on a containing type that is not partial).
                var errors = build.Mmg.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
                foreach (var missing in build.Compiler.Where(d => d.Id is "CS8795" or "CS8794" or "CS0501" or "CS0751"))
                {
                    var line = missing.Location.GetLineSpan().StartLinePosition.Line;
                    Assert.True(
                        errors.Any(e => e.Location.GetLineSpan().StartLinePosition.Line == line || e.Id == "MMG0001"),
                        missing + " has no MMG error next to it in:\n" + source);
                }
            },
            iter: Iterations,
            threads: 1,
            print: tools => Render(tools.PartialType, tools.Client, tools.Methods));
    }

    private static string Render(bool partialType, bool client, Method[] methods)
    {
        var text = new StringBuilder()
            .AppendLine("public sealed class Node { public Node? Next { get; set; } }")
            .AppendLine("public sealed record Payload(string Name, int Count);")
            .AppendLine("public enum Mode { Fast, Slow }")
            .Append("public ").Append(partialType ? "partial " : string.Empty).AppendLine("class Tools")
            .AppendLine("{");
        if (client)
        {
            text.AppendLine("    private readonly MultiMailClient _client = null!;");
        }

        for (var i = 0; i < methods.Length; i++)
        {
            var method = methods[i];
            if (method.Pragma)
            {
                text.AppendLine("#pragma warning disable MMG0013, MMG0017");
            }

            if (method.Described)
            {
                text.AppendLine("    /// <summary>Tool " + i + ".</summary>");
            }

            var parameters = method.Parameters.Distinct().Select(p => Parameters[p]).ToList();
            text.Append("    ").Append(Attributes[method.Attribute]).Append(" public ").Append(method.Partial ? "partial " : string.Empty)
                .Append(Returns[method.Return]).Append(' ').Append(Names[method.Name]).Append(i == 0 ? string.Empty : i.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Append('(').Append(string.Join(", ", OrderOptionalLast(parameters))).AppendLine(");");
            if (method.Pragma)
            {
                text.AppendLine("#pragma warning restore MMG0013, MMG0017");
            }
        }

        return text.AppendLine("}").ToString();
    }

    /// <summary>Keeps the code compilable: optional parameters after required ones, at most one of each name.</summary>
    private static IEnumerable<string> OrderOptionalLast(List<string> parameters)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var unique = parameters.Where(p => seen.Add(p.Split('=')[0].Trim().Split(' ').Last())).ToList();
        return unique.Where(p => !p.Contains('=', StringComparison.Ordinal)).Concat(unique.Where(p => p.Contains('=', StringComparison.Ordinal)));
    }
}
