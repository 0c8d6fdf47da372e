using System.Collections.Generic;
using MultiMail.Generators.Helpers;

namespace MultiMail.Generators.Emit;

/// <summary>
/// Lays a compact JSON schema out as a C# constant a person can read: string literals joined with <c>+</c>, one
/// property of the schema's largest object (its <c>properties</c>) per line, the text before and after it on a line
/// of its own. The compiler folds the concatenation, so the value stays exactly the compact text; and the pieces are
/// few (parameters + 2), so the generated file costs the compiler little more than one literal would.
/// </summary>
internal static class SchemaLiteral
{
    /// <summary>The widest JSON text kept on one line (before C# escaping and indentation).</summary>
    private const int LineBudget = 100;

    /// <summary>The literal lines: (depth, C# string literal). Joined with " +" they equal <paramref name="json"/>.</summary>
    public static List<(int Depth, string Literal)> Lines(string json)
    {
        var lines = new List<(int, string)>();
        foreach (var (depth, start, end) in Pieces(json))
        {
            lines.Add((depth, Literals.CSharpString(json.Substring(start, end - start))));
        }

        return lines;
    }

    /// <summary>
    /// Writes <c>{name}:</c> and the literal below it, indented one level; the last line ends with
    /// <paramref name="suffix"/>. The pieces are escaped straight into the writer.
    /// </summary>
    public static void Write(SourceWriter writer, string name, string json, string suffix)
    {
        var pieces = Pieces(json);
        if (pieces.Count == 1)
        {
            writer.WriteLine(name + ": " + Literals.CSharpString(json) + suffix);
            return;
        }

        writer.WriteLine(name + ":");
        writer.Indentation++;
        for (var i = 0; i < pieces.Count; i++)
        {
            var (depth, start, end) = pieces[i];
            writer.Indentation += depth;
            writer.WriteStringLiteralLine(json, start, end - start, i == pieces.Count - 1 ? suffix : " +");
            writer.Indentation -= depth;
        }

        writer.Indentation--;
    }

    /// <summary>The pieces as (depth, start, end): the text before the largest object's members, each member, the rest.</summary>
    private static List<(int Depth, int Start, int End)> Pieces(string json)
    {
        var pieces = new List<(int, int, int)>();
        var members = json.Length > LineBudget && json[0] == '{' ? LargestObjectMember(json) : null;
        if (members is null || members.Count == 0)
        {
            pieces.Add((0, 0, json.Length));
            return pieces;
        }

        pieces.Add((0, 0, members[0].Start));
        for (var i = 0; i < members.Count; i++)
        {
            pieces.Add((1, members[i].Start, i == members.Count - 1 ? members[i].End : members[i + 1].Start));
        }

        pieces.Add((0, members[members.Count - 1].End, json.Length));
        return pieces;
    }

    /// <summary>
    /// The member spans (each with its trailing comma, except the last) of the longest object-valued member of the root
    /// object, or null. Only the first two levels are scanned; deeper values are skipped over.
    /// </summary>
    private static List<(int Start, int End)>? LargestObjectMember(string json)
    {
        List<(int, int)>? best = null;
        var bestLength = 0;
        var position = 1;
        while (position < json.Length && json[position] != '}')
        {
            SkipString(json, ref position); // the key
            position++; // ':'
            var valueStart = position;
            if (json[position] == '{' && json[position + 1] != '}')
            {
                var members = new List<(int, int)>();
                position++;
                while (json[position] != '}')
                {
                    var memberStart = position;
                    SkipString(json, ref position);
                    position++;
                    SkipValue(json, ref position);
                    members.Add((memberStart, position));
                    if (json[position] == ',')
                    {
                        position++;
                    }
                }

                position++;
                if (position - valueStart > bestLength)
                {
                    best = members;
                    bestLength = position - valueStart;
                }
            }
            else
            {
                SkipValue(json, ref position);
            }

            if (position < json.Length && json[position] == ',')
            {
                position++;
            }
        }

        return best;
    }

    private static void SkipValue(string json, ref int position)
    {
        var level = 0;
        do
        {
            switch (json[position])
            {
                case '"':
                    SkipString(json, ref position);
                    continue;
                case '{' or '[':
                    level++;
                    break;
                case '}' or ']':
                    level--;
                    break;
                case ',' when level == 0:
                    return;
            }

            if (level < 0)
            {
                return;
            }

            position++;
        }
        while (level > 0 || (position < json.Length && json[position] is not (',' or '}' or ']')));
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
