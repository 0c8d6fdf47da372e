using System.Collections.Generic;
using MultiMail.Generators.Helpers;

namespace MultiMail.Generators.Emit;

/// <summary>
/// Lays a compact JSON text out as a C# constant a person can read: string literals joined with <c>+</c>, one per line,
/// broken at the JSON's own structure (an object or array that does not fit on a line gets one member per line,
/// indented by depth). The compiler folds the concatenation, so the value stays exactly the compact text.
/// </summary>
internal static class SchemaLiteral
{
    /// <summary>The widest JSON text kept on one line (before C# escaping and indentation).</summary>
    private const int LineBudget = 110;

    /// <summary>The literal lines: (depth, C# string literal). Joined with " +" they equal <paramref name="json"/>.</summary>
    public static List<(int Depth, string Literal)> Lines(string json)
    {
        var lines = new List<(int, string)>();
        var position = 0;
        var root = Node.Parse(json, ref position);
        Layout(json, root, string.Empty, string.Empty, 0, lines);
        return lines;
    }

    /// <summary>Writes <c>{name}:</c> and the literal below it, indented one level; the last line ends with <paramref name="suffix"/>.</summary>
    public static void Write(SourceWriter writer, string name, string json, string suffix)
    {
        var lines = Lines(json);
        if (lines.Count == 1)
        {
            writer.WriteLine(name + ": " + lines[0].Literal + suffix);
            return;
        }

        writer.WriteLine(name + ":");
        writer.Indentation++;
        for (var i = 0; i < lines.Count; i++)
        {
            writer.Indentation += lines[i].Depth;
            writer.WriteLine(lines[i].Literal + (i == lines.Count - 1 ? suffix : " +"));
            writer.Indentation -= lines[i].Depth;
        }

        writer.Indentation--;
    }

    private static void Layout(string json, Node node, string prefix, string suffix, int depth, List<(int, string)> lines)
    {
        var compact = json.Substring(node.Start, node.End - node.Start);
        if (node.Children is null || node.Children.Count == 0 || prefix.Length + compact.Length + suffix.Length + (depth * 2) <= LineBudget)
        {
            lines.Add((depth, Literals.CSharpString(prefix + compact + suffix)));
            return;
        }

        lines.Add((depth, Literals.CSharpString(prefix + json[node.Start])));
        for (var i = 0; i < node.Children.Count; i++)
        {
            var (key, child) = node.Children[i];
            Layout(json, child, key is null ? string.Empty : key + ":", i == node.Children.Count - 1 ? string.Empty : ",", depth + 1, lines);
        }

        lines.Add((depth, Literals.CSharpString(json[node.End - 1] + suffix)));
    }

    /// <summary>A value of compact JSON as a span of the text; objects and arrays keep their members.</summary>
    private sealed class Node
    {
        public int Start;
        public int End;
        public List<(string? Key, Node Value)>? Children;

        public static Node Parse(string json, ref int position)
        {
            var node = new Node { Start = position };
            var open = json[position];
            if (open is '{' or '[')
            {
                node.Children = new List<(string?, Node)>();
                position++;
                while (json[position] != (open == '{' ? '}' : ']'))
                {
                    string? key = null;
                    if (open == '{')
                    {
                        var keyStart = position;
                        SkipString(json, ref position);
                        key = json.Substring(keyStart, position - keyStart);
                        position++; // ':'
                    }

                    node.Children.Add((key, Parse(json, ref position)));
                    if (json[position] == ',')
                    {
                        position++;
                    }
                }

                position++;
            }
            else if (open == '"')
            {
                SkipString(json, ref position);
            }
            else
            {
                while (position < json.Length && json[position] is not (',' or '}' or ']'))
                {
                    position++;
                }
            }

            node.End = position;
            return node;
        }

        private static void SkipString(string json, ref int position)
        {
            position++;
            while (json[position] != '"')
            {
                position += json[position] == '\\' ? 2 : 1;
            }

            position++;
        }
    }
}
