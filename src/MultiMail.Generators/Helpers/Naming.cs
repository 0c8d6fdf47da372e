using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace MultiMail.Generators.Helpers;

/// <summary>Wire and tool naming rules.</summary>
internal static class Naming
{
    /// <summary>
    /// snake_case with the same rules as System.Text.Json's <c>JsonNamingPolicy.SnakeCaseLower</c>
    /// (<c>mailboxId</c> → <c>mailbox_id</c>, <c>HTMLBody</c> → <c>html_body</c>); a test keeps the two in step.
    /// </summary>
    public static string ToSnakeCase(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return name;
        }

        if (name[0] == '@')
        {
            name = name.Substring(1);
        }

        var builder = new StringBuilder(name.Length + 8);
        var state = State.NotStarted;
        for (var i = 0; i < name.Length; i++)
        {
            var current = name[i];
            switch (char.GetUnicodeCategory(current))
            {
                case UnicodeCategory.UppercaseLetter:
                    switch (state)
                    {
                        case State.LowercaseLetterOrDigit:
                        case State.SpaceSeparator:
                            builder.Append('_');
                            break;
                        case State.UppercaseLetter:
                            var next = i + 1 < name.Length ? name[i + 1] : '\0';
                            if (next != '\0' && char.IsLower(next))
                            {
                                builder.Append('_');
                            }

                            break;
                    }

                    builder.Append(char.ToLowerInvariant(current));
                    state = State.UppercaseLetter;
                    break;

                case UnicodeCategory.LowercaseLetter:
                case UnicodeCategory.DecimalDigitNumber:
                    if (state == State.SpaceSeparator)
                    {
                        builder.Append('_');
                    }

                    builder.Append(current);
                    state = State.LowercaseLetterOrDigit;
                    break;

                case UnicodeCategory.SpaceSeparator:
                    if (state != State.NotStarted)
                    {
                        state = State.SpaceSeparator;
                    }

                    break;

                default:
                    builder.Append(current);
                    state = State.NotStarted;
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>The default tool name of a method: snake_case of its name without an <c>Async</c> suffix.</summary>
    public static string DefaultToolName(string methodName)
    {
        if (methodName.Length > 5 && methodName.EndsWith("Async", System.StringComparison.Ordinal))
        {
            methodName = methodName.Substring(0, methodName.Length - 5);
        }

        return ToSnakeCase(methodName);
    }

    /// <summary>Whether a tool name satisfies OpenAI's and Anthropic's rule <c>^[a-zA-Z0-9_-]{1,64}$</c>.</summary>
    public static bool IsValidToolName(string? name)
    {
        if (name is null || name.Length is 0 or > 64)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Turns an invalid tool name into a valid one (for the code fix and the diagnostic message).</summary>
    public static string SuggestToolName(string name)
    {
        var builder = new StringBuilder();
        var lastUnderscore = false;
        foreach (var c in ToSnakeCase(name))
        {
            var ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
            if (ok)
            {
                builder.Append(c);
                lastUnderscore = false;
            }
            else if (!lastUnderscore && builder.Length > 0)
            {
                builder.Append('_');
                lastUnderscore = true;
            }
        }

        var text = builder.ToString().Trim('_');
        if (text.Length == 0)
        {
            text = "tool";
        }

        return text.Length > 64 ? text.Substring(0, 64).TrimEnd('_') : text;
    }

    /// <summary>A safe identifier fragment for generated member names and hint names.</summary>
    public static string SafeIdentifier(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsLetterOrDigit(c) && c < 128 ? c : '_');
        }

        return builder.ToString();
    }

    /// <summary>
    /// The identifier as written in C#: keywords get an <c>@</c>, and so does <c>await</c>, the one contextual keyword
    /// generated code cannot use bare (it is reserved inside the async methods the generator writes, where parameters
    /// become locals).
    /// </summary>
    public static string EscapeIdentifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || name == "await" ? "@" + name : name;

    /// <summary>The identifier without its <c>@</c> (for names built from it).</summary>
    public static string Unescaped(string identifier) => identifier.StartsWith("@", System.StringComparison.Ordinal) ? identifier.Substring(1) : identifier;

    /// <summary>FNV-1a, so generated helper names are stable across builds and machines.</summary>
    public static string StableHash(string text)
    {
        unchecked
        {
            var hash = 2166136261u;
            foreach (var c in text)
            {
                hash = (hash ^ c) * 16777619u;
            }

            return hash.ToString("x8", CultureInfo.InvariantCulture);
        }
    }

    /// <summary><c>email_id</c> → <c>emailId</c> (suggested parameter names in messages).</summary>
    public static string ToCamelCase(string snake)
    {
        var builder = new StringBuilder(snake.Length);
        var upper = false;
        foreach (var c in snake)
        {
            if (c == '_')
            {
                upper = builder.Length > 0;
                continue;
            }

            builder.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return builder.ToString();
    }

    private enum State
    {
        NotStarted,
        UppercaseLetter,
        LowercaseLetterOrDigit,
        SpaceSeparator,
    }
}
