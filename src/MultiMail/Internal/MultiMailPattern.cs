using System;
using System.ComponentModel;
using System.Text.RegularExpressions;
using System.Threading;

namespace MultiMail.Internal;

/// <summary>
/// A schema <c>pattern</c> checked at run time. Generated code keeps one per pattern in a static field; creating it costs
/// nothing, and the <see cref="Regex"/> is built on the first check that needs it, never when a type's descriptors are
/// read. The catalog's one-line pattern (<c>^[^\r\n]*$</c>) is checked with a span scan instead of a regular expression.
/// Not for direct use.
/// </summary>
/// <remarks>
/// <c>[GeneratedRegex]</c> is not an option here: a source generator cannot rely on another generator to implement a
/// partial method it emits (generators do not see each other's output).
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class MultiMailPattern
{
    /// <summary>The pattern the catalog puts on one-line fields such as subjects.</summary>
    public const string SingleLine = "^[^\\r\\n]*$";

    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    private readonly bool _singleLine;
    private Regex? _regex;

    /// <summary>Describes a pattern (an ECMA-262 regular expression, as JSON Schema writes it).</summary>
    public MultiMailPattern(string pattern)
    {
        Pattern = pattern ?? throw new ArgumentNullException(nameof(pattern));
        _singleLine = pattern == SingleLine;
    }

    /// <summary>The pattern text.</summary>
    public string Pattern { get; }

    /// <summary>
    /// Whether <paramref name="value"/> matches. A match that times out (one second) counts as no match. The one-line
    /// pattern is a scan for CR and LF, which is also what the schema's <c>$</c> means (end of input, not "before a
    /// final newline" as in .NET).
    /// </summary>
    public bool IsMatch(string value)
    {
        if (value is null)
        {
            throw new ArgumentNullException(nameof(value));
        }

        if (_singleLine)
        {
            return value.IndexOf('\r') < 0 && value.IndexOf('\n') < 0;
        }

        try
        {
            return Regex.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    /// <summary>The compiled regular expression, built on first use.</summary>
    public Regex Regex => _regex ?? LazyInitializer.EnsureInitialized(ref _regex, () => new Regex(Pattern, RegexOptions.CultureInvariant, MatchTimeout))!;

    /// <summary>The pattern text.</summary>
    public override string ToString() => Pattern;
}
