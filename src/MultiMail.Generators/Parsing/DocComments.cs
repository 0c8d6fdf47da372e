using System;
using System.Collections.Generic;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MultiMail.Generators.Parsing;

/// <summary>
/// Reads <c>&lt;summary&gt;</c> and <c>&lt;param&gt;</c> from the declaration's own trivia, so descriptions work
/// without GenerateDocumentationFile (the compiler then treats <c>///</c> as plain comments).
/// </summary>
internal sealed class DocComments
{
    private static readonly DocComments Empty = new(null, new Dictionary<string, string>(StringComparer.Ordinal));

    private readonly Dictionary<string, string> _parameters;

    private DocComments(string? summary, Dictionary<string, string> parameters)
    {
        Summary = summary;
        _parameters = parameters;
    }

    public string? Summary { get; }

    public string? Parameter(string name) => _parameters.TryGetValue(name, out var text) ? text : null;

    /// <summary>Reads the doc comment of a declaration; <paramref name="paramrefToWireName"/> renders &lt;paramref&gt;.</summary>
    public static DocComments Read(SyntaxNode? declaration, Func<string, string>? paramrefToWireName = null)
    {
        if (declaration is null)
        {
            return Empty;
        }

        var xml = CollectXml(declaration);
        return xml is null ? Empty : FromXml(xml, paramrefToWireName);
    }

    /// <summary>
    /// Reads the summary and parameters from the comment's XML: with <see cref="DocXml"/> when it can read it exactly,
    /// otherwise (or with <paramref name="fastPath"/> off, for the tests that compare the two) with <c>XElement</c>.
    /// </summary>
    internal static DocComments FromXml(string xml, Func<string, string>? paramrefToWireName, bool fastPath = true)
    {
        if (fastPath && DocXml.TryParse(xml) is { } nodes)
        {
            string? fastSummary = null;
            var fastParameters = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var node in nodes)
            {
                if (node is not DocXml.Element element)
                {
                    continue;
                }

                if (element.Name == "summary" && fastSummary is null)
                {
                    fastSummary = Normalize(Render(element, paramrefToWireName));
                }
                else if (element.Name == "param" && element.Attribute("name") is { } name && !fastParameters.ContainsKey(name))
                {
                    var text = Normalize(Render(element, paramrefToWireName));
                    if (text is not null)
                    {
                        fastParameters[name] = text;
                    }
                }
            }

            return new DocComments(fastSummary, fastParameters);
        }

        XElement root;
        try
        {
            root = XElement.Parse("<doc>" + xml + "</doc>", LoadOptions.None);
        }
        catch (XmlException)
        {
            return new DocComments(Normalize(StripTags(ExtractElement(xml, "summary"))), new Dictionary<string, string>(StringComparer.Ordinal));
        }

        string? summary = null;
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var element in root.Elements())
        {
            if (element.Name.LocalName == "summary" && summary is null)
            {
                summary = Normalize(Render(element, paramrefToWireName));
            }
            else if (element.Name.LocalName == "param" && element.Attribute("name")?.Value is { } name && !parameters.ContainsKey(name))
            {
                var text = Normalize(Render(element, paramrefToWireName));
                if (text is not null)
                {
                    parameters[name] = text;
                }
            }
        }

        return new DocComments(summary, parameters);
    }

    private static string? CollectXml(SyntaxNode declaration)
    {
        StringBuilder? builder = null;
        foreach (var trivia in declaration.GetLeadingTrivia())
        {
            string? text = null;
            if (trivia.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineDocumentationCommentTrivia))
            {
                text = trivia.ToFullString();
            }
            else if (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia))
            {
                var comment = trivia.ToString();
                if (comment.StartsWith("///", StringComparison.Ordinal) && !comment.StartsWith("////", StringComparison.Ordinal))
                {
                    text = comment;
                }
            }
            else if (trivia.IsKind(SyntaxKind.MultiLineCommentTrivia))
            {
                var comment = trivia.ToString();
                if (comment.StartsWith("/**", StringComparison.Ordinal) && !comment.StartsWith("/***", StringComparison.Ordinal))
                {
                    text = comment;
                }
            }

            if (text is null)
            {
                continue;
            }

            // Each line trimmed, then its comment markers (///, /**, */, a leading *) taken off: ranges of the trivia
            // text appended as they are, no string per line.
            builder ??= new StringBuilder(text.Length);
            var start = 0;
            while (true)
            {
                var end = text.IndexOf('\n', start);
                var stop = end < 0 ? text.Length : end;
                var from = start;
                var to = stop;
                while (from < to && char.IsWhiteSpace(text[from]))
                {
                    from++;
                }

                while (to > from && char.IsWhiteSpace(text[to - 1]))
                {
                    to--;
                }

                if (to - from >= 3 && text[from] == '/' && ((text[from + 1] == '/' && text[from + 2] == '/') || (text[from + 1] == '*' && text[from + 2] == '*')))
                {
                    from += 3;
                }

                if (to - from >= 2 && text[to - 2] == '*' && text[to - 1] == '/')
                {
                    to -= 2;
                }

                if (to - from >= 1 && text[from] == '*')
                {
                    from++;
                }

                builder.Append(text, from, to - from).Append('\n');
                if (end < 0)
                {
                    break;
                }

                start = end + 1;
            }
        }

        return builder?.ToString();
    }

    private static string Render(DocXml.Element element, Func<string, string>? paramrefToWireName)
    {
        if (element.Children is { Count: 1 } children && children[0] is string only)
        {
            return only;
        }

        var builder = new StringBuilder();
        RenderNodes(element, builder, paramrefToWireName);
        return builder.ToString();
    }

    private static void RenderNodes(DocXml.Element element, StringBuilder builder, Func<string, string>? paramrefToWireName)
    {
        if (element.Children is null)
        {
            return;
        }

        foreach (var node in element.Children)
        {
            if (node is string text)
            {
                builder.Append(text);
            }
            else
            {
                RenderElement((DocXml.Element)node, builder, paramrefToWireName);
            }
        }
    }

    // The same rules as the XElement rendering below.
    private static void RenderElement(DocXml.Element element, StringBuilder builder, Func<string, string>? paramrefToWireName)
    {
        switch (element.Name)
        {
            case "see":
            case "seealso":
                if (element.Attribute("langword") is { } langword)
                {
                    builder.Append(langword);
                }
                else if (!element.IsEmpty && element.Value.Length > 0)
                {
                    RenderNodes(element, builder, paramrefToWireName);
                }
                else if (element.Attribute("cref") is { } cref)
                {
                    builder.Append(CrefName(cref));
                }
                else if (element.Attribute("href") is { } href)
                {
                    builder.Append(href);
                }

                break;
            case "paramref":
            case "typeparamref":
                if (element.Attribute("name") is { } name)
                {
                    builder.Append(element.Name == "paramref" && paramrefToWireName is not null ? paramrefToWireName(name) : name);
                }

                break;
            case "para":
            case "br":
            case "list":
            case "item":
                builder.Append(' ');
                RenderNodes(element, builder, paramrefToWireName);
                builder.Append(' ');
                break;
            case "inheritdoc":
                break;
            default:
                RenderNodes(element, builder, paramrefToWireName);
                break;
        }
    }

    private static string Render(XElement element, Func<string, string>? paramrefToWireName)
    {
        var builder = new StringBuilder();
        RenderNodes(element, builder, paramrefToWireName);
        return builder.ToString();
    }

    private static void RenderNodes(XElement element, StringBuilder builder, Func<string, string>? paramrefToWireName)
    {
        foreach (var node in element.Nodes())
        {
            switch (node)
            {
                case XText text:
                    builder.Append(text.Value);
                    break;
                case XElement child:
                    RenderElement(child, builder, paramrefToWireName);
                    break;
            }
        }
    }

    private static void RenderElement(XElement element, StringBuilder builder, Func<string, string>? paramrefToWireName)
    {
        switch (element.Name.LocalName)
        {
            case "see":
            case "seealso":
                if (element.Attribute("langword")?.Value is { } langword)
                {
                    builder.Append(langword);
                }
                else if (!element.IsEmpty && element.Value.Length > 0)
                {
                    RenderNodes(element, builder, paramrefToWireName);
                }
                else if (element.Attribute("cref")?.Value is { } cref)
                {
                    builder.Append(CrefName(cref));
                }
                else if (element.Attribute("href")?.Value is { } href)
                {
                    builder.Append(href);
                }

                break;
            case "paramref":
            case "typeparamref":
                if (element.Attribute("name")?.Value is { } name)
                {
                    builder.Append(element.Name.LocalName == "paramref" && paramrefToWireName is not null ? paramrefToWireName(name) : name);
                }

                break;
            case "para":
            case "br":
            case "list":
            case "item":
                builder.Append(' ');
                RenderNodes(element, builder, paramrefToWireName);
                builder.Append(' ');
                break;
            case "inheritdoc":
                break;
            default:
                RenderNodes(element, builder, paramrefToWireName);
                break;
        }
    }

    private static string CrefName(string cref)
    {
        var text = cref;
        if (text.Length > 2 && text[1] == ':')
        {
            text = text.Substring(2);
        }

        var paren = text.IndexOf('(');
        if (paren >= 0)
        {
            text = text.Substring(0, paren);
        }

        var dot = text.LastIndexOf('.');
        return dot >= 0 ? text.Substring(dot + 1) : text;
    }

    private static string ExtractElement(string xml, string name)
    {
        var start = xml.IndexOf("<" + name + ">", StringComparison.Ordinal);
        if (start < 0)
        {
            return string.Empty;
        }

        start += name.Length + 2;
        var end = xml.IndexOf("</" + name + ">", start, StringComparison.Ordinal);
        return end < 0 ? xml.Substring(start) : xml.Substring(start, end - start);
    }

    private static string StripTags(string text)
    {
        var builder = new StringBuilder(text.Length);
        var inTag = false;
        foreach (var c in text)
        {
            if (c == '<')
            {
                inTag = true;
            }
            else if (c == '>' && inTag)
            {
                inTag = false;
            }
            else if (!inTag)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Whether <see cref="Normalize"/> would return the text unchanged: not empty, single spaces between words only.</summary>
    private static bool IsNormal(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if ((char.IsWhiteSpace(c) || char.IsControl(c)) && (c != ' ' || i == 0 || i == text.Length - 1 || text[i - 1] == ' '))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Collapses whitespace; returns null for empty text.</summary>
    public static string? Normalize(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (IsNormal(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                pendingSpace = builder.Length > 0;
            }
            else
            {
                if (pendingSpace)
                {
                    builder.Append(' ');
                    pendingSpace = false;
                }

                builder.Append(c);
            }
        }

        return builder.Length == 0 ? null : builder.ToString();
    }
}
