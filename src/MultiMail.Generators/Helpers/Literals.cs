using System.Globalization;
using System.Text;

namespace MultiMail.Generators.Helpers;

/// <summary>Escaping for C# string literals and JSON strings. Every user-supplied string goes through here.</summary>
internal static class Literals
{
    /// <summary>A C# regular string literal, quotes included, safe for any input.</summary>
    public static string CSharpString(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        var builder = new StringBuilder(value.Length + 2);
        AppendQuoted(builder, value, 0, value.Length, json: false);
        return builder.ToString();
    }

    /// <summary>Appends a JSON string, quotes included, escaped per RFC 8259 (non-ASCII kept, except separators).</summary>
    public static void AppendJsonString(StringBuilder builder, string value) => AppendQuoted(builder, value, 0, value.Length, json: true);

    /// <summary>Appends a C# string literal of part of <paramref name="value"/>, quotes included (no intermediate strings).</summary>
    public static void AppendCSharpString(StringBuilder builder, string value, int start, int length) => AppendQuoted(builder, value, start, length, json: false);

    public static string JsonString(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        AppendJsonString(builder, value);
        return builder.ToString();
    }

    /// <summary>
    /// The two escapings differ only in a few short forms (C# has <c>\0</c>, JSON has <c>\b</c> and <c>\f</c>); every
    /// other control character, the line and paragraph separators, C1 controls, surrogates and (for C#) the BOM become
    /// <c>\uXXXX</c>, which both languages read.
    /// </summary>
    private static void AppendQuoted(StringBuilder builder, string value, int start, int length, bool json)
    {
        builder.Append('"');
        for (var i = start; i < start + length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\0' when !json: builder.Append("\\0"); break;
                case '\b' when json: builder.Append("\\b"); break;
                case '\f' when json: builder.Append("\\f"); break;
                default:
                    if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029' || char.IsSurrogate(c) || (!json && c == '\uFEFF'))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }
}
