using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using MultiMail.Generators.Catalog;
using MultiMail.Generators.Helpers;
using MultiMail.Generators.Model;

namespace MultiMail.Generators.Parsing;

// The endpoint a tool calls, what calling it does, and the route it builds.
internal sealed partial class ToolParser
{
    private static readonly string[] HttpMethods = { "GET", "POST", "PUT", "PATCH", "DELETE" };

    private static readonly char[] ForbiddenPathCharacters = { '?', '#', ' ', '\\', '\t', '\r', '\n' };

    /// <summary>
    /// The endpoint, resolved once: explicit (<c>[MultiMailTool("POST", "/v1/…")]</c>, matched to a catalog operation
    /// when one has the same shape) or from the catalog by tool name. The effect and the MCP hints come from the
    /// catalog operation, or else from the HTTP method.
    /// </summary>
    private sealed class Endpoint
    {
        private Endpoint(string? httpMethod, string? template, CatalogOperation? operation, bool isExplicit)
        {
            HttpMethod = httpMethod;
            Template = template;
            Operation = operation;
            IsExplicit = isExplicit;
        }

        public string? HttpMethod { get; }

        public string? Template { get; }

        public CatalogOperation? Operation { get; }

        public bool IsExplicit { get; }

        public MultiMailToolEffectValue Effect =>
            Operation?.Effect ?? (IsExplicit && HttpMethod == "GET" ? MultiMailToolEffectValue.Reads : MultiMailToolEffectValue.ChangesState);

        public bool Idempotent => Operation?.Idempotent ?? HttpMethod is "GET" or "PUT" or "DELETE";

        public bool Destructive => Operation?.Destructive ?? HttpMethod == "DELETE";

        public bool OpenWorld => Operation?.OpenWorld ?? false;

        public bool ReturnsMail => Operation?.ReturnsMail ?? false;

        public static Endpoint Resolve(AttributeData attribute, string toolName)
        {
            if (attribute.ConstructorArguments.Length == 2)
            {
                var httpMethod = (attribute.ConstructorArguments[0].Value as string)?.Trim().ToUpperInvariant();
                var template = (attribute.ConstructorArguments[1].Value as string)?.Trim();
                var operation = httpMethod is null || template is null ? null : ContractCatalog.FindByEndpoint(httpMethod, template);
                return new Endpoint(httpMethod, template, operation, isExplicit: true);
            }

            var byName = ContractCatalog.Find(toolName);
            return new Endpoint(byName?.Method, byName?.Path, byName, isExplicit: false);
        }
    }

    /// <summary>The endpoint, or <see langword="null"/> (reported) when it is malformed or names no catalog operation.</summary>
    private Endpoint? ResolveEndpoint(string toolName)
    {
        var endpoint = Endpoint.Resolve(_attribute, toolName);
        if (endpoint.IsExplicit)
        {
            if (EndpointProblem(endpoint.HttpMethod, endpoint.Template) is { } problem)
            {
                _sink.Report(DiagnosticDescriptors.InvalidEndpoint, _attributeLocation, endpoint.HttpMethod ?? "(null)", endpoint.Template ?? "(null)", problem);
                return null;
            }
        }
        else if (endpoint.Operation is null)
        {
            _sink.Report(DiagnosticDescriptors.UnknownOperation, _attributeLocation, toolName, string.Join(", ", ContractCatalog.Operations.Select(o => o.Name)));
            return null;
        }

        return endpoint;
    }

    private static string? EndpointProblem(string? method, string? template)
    {
        if (method is null || Array.IndexOf(HttpMethods, method) < 0)
        {
            return "the method must be GET, POST, PUT, PATCH or DELETE";
        }

        if (string.IsNullOrEmpty(template) || template![0] != '/')
        {
            return "the path must start with '/'";
        }

        if (template.IndexOfAny(ForbiddenPathCharacters) >= 0 || template.Contains("//"))
        {
            return "the path must not contain a query, fragment, spaces, backslashes or empty segments; parameters of GET and DELETE go to the query by themselves";
        }

        foreach (var segment in template.Substring(1).Split('/'))
        {
            if (segment is "." or "..")
            {
                return "the path must not contain '.' or '..' segments";
            }

            var open = segment.IndexOf('{');
            var close = segment.IndexOf('}');
            if (open < 0 && close < 0)
            {
                continue;
            }

            if (open != 0 || close != segment.Length - 1 || segment.Length < 3 || segment.IndexOf('{', 1) >= 0)
            {
                return "a placeholder must be a whole path segment such as '{email_id}'";
            }

            foreach (var c in segment.Substring(1, segment.Length - 2))
            {
                if (!(char.IsLetterOrDigit(c) || c == '_'))
                {
                    return "placeholder names may contain only letters, digits and '_'";
                }
            }
        }

        return null;
    }

    /// <summary>The wire names of the template's placeholders, in order.</summary>
    private static List<string> Placeholders(string template)
    {
        var names = new List<string>();
        foreach (var segment in template.Split('/'))
        {
            if (IsPlaceholder(segment))
            {
                names.Add(Naming.ToSnakeCase(segment.Substring(1, segment.Length - 2)));
            }
        }

        return names;
    }

    private static bool IsPlaceholder(string segment) => segment.Length > 2 && segment[0] == '{' && segment[segment.Length - 1] == '}';

    /// <summary>The route as literal and parameter segments, or <see langword="null"/> when a placeholder has no parameter.</summary>
    private List<PathSegment>? BuildPath(Endpoint endpoint, List<ParameterSpec> parameters)
    {
        var segments = new List<PathSegment>();
        var literal = new StringBuilder();
        var ok = true;
        foreach (var part in endpoint.Template!.Split('/'))
        {
            if (part.Length == 0)
            {
                continue;
            }

            literal.Append('/');
            if (!IsPlaceholder(part))
            {
                literal.Append(part);
                continue;
            }

            var wire = Naming.ToSnakeCase(part.Substring(1, part.Length - 2));
            var parameter = parameters.FirstOrDefault(p => p.WireName == wire && p.Role is ParameterRole.Path or ParameterRole.Mailbox);
            // The mailbox segment falls back to the client's default, unless the catalog requires it (delete_mailbox).
            var isMailbox = parameter is null
                ? wire == "mailbox_id" && (endpoint.Operation?.FindField(wire)?.IsMailbox ?? true)
                : parameter.Role == ParameterRole.Mailbox;
            if (parameter is null && !isMailbox)
            {
                // (a catalog operation's required path field is reported as MMG0008)
                if (endpoint.IsExplicit || endpoint.Operation is null)
                {
                    _sink.Report(DiagnosticDescriptors.UnboundRoutePlaceholder, _methodLocation, wire, Naming.ToCamelCase(wire));
                }

                ok = false;
                continue;
            }

            segments.Add(PathSegment.Text(literal.ToString()));
            literal.Clear();
            segments.Add(PathSegment.Value(wire, parameter?.Name, isMailbox));
        }

        if (literal.Length > 0)
        {
            segments.Add(PathSegment.Text(literal.ToString()));
        }

        return ok ? segments.Where(s => s.Literal.Length > 0 || s.WireName is not null).ToList() : null;
    }
}
