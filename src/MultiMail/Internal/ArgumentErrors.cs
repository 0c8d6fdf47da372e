using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.Text.RegularExpressions;

namespace MultiMail.Internal;

/// <summary>
/// The one home for argument problems: a capped list of messages, the value checks that add to it, and the wording
/// they share. <see cref="ToolArguments"/> (reading the model's JSON) and <see cref="MultiMailRequest"/> (building the
/// request) both collect into one of these. Not for direct use; generated code calls it through them.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ArgumentErrors
{
    /// <summary>At most this many problems are kept; a model fixes the first ones first.</summary>
    public const int MaxProblems = 20;

    private List<string>? _problems;

    /// <summary>Whether any problem was recorded.</summary>
    public bool HasAny => _problems is not null;

    /// <summary>The problems, in the order they were found.</summary>
    public IReadOnlyList<string> Problems => (IReadOnlyList<string>?)_problems ?? Array.Empty<string>();

    /// <summary>The path of one item of an array argument: <c>to[2]</c>.</summary>
    public static string ItemPath(string path, int index) => path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>The path of a property of an object argument: <c>attachments[0].name</c>.</summary>
    public static string PropertyPath(string? path, string name) => string.IsNullOrEmpty(path) ? name : path + "." + name;

    /// <summary>"must be one of: a, b, c (got …)", the wording every closed set of values uses.</summary>
    public static string MustBeOneOf(IEnumerable<string> allowed, string got) => "must be one of: " + string.Join(", ", allowed) + " (got " + got + ")";

    /// <summary>A model-supplied text as it may appear in a message: one line, clipped, quoted.</summary>
    public static string Quoted(string value, int max) => "\"" + ToolText.Clip(ToolText.OneLine(value), max) + "\"";

    /// <summary>Records a problem with the argument at <paramref name="path"/>.</summary>
    public void Add(string path, string problem) => AddProblem("'" + path + "' " + problem);

    /// <summary>Records a problem that is already a sentence about the arguments as a whole.</summary>
    public void AddProblem(string problem)
    {
        _problems ??= new List<string>(2);
        if (_problems.Count < MaxProblems)
        {
            _problems.Add(problem);
        }
    }

    /// <summary>The text for the model that lists every problem.</summary>
    public string ToText(string toolName) => ToolText.InvalidArguments(toolName, Problems);

    /// <summary>Checks a string's length (a null value and null limits check nothing).</summary>
    public void CheckLength(string path, string? value, int? minimum, int? maximum)
    {
        if (value is null)
        {
            return;
        }

        if (minimum is > 0 && value.Length < minimum)
        {
            Add(path, "must be at least " + Count(minimum.Value, "character") + " (got " + Number(value.Length) + ")");
        }
        else if (maximum is { } max && value.Length > max)
        {
            Add(path, "must be at most " + Count(max, "character") + " (got " + Number(value.Length) + ")");
        }
    }

    /// <summary>Checks an array's item count (null limits check nothing).</summary>
    public void CheckCount(string path, int count, int? minimum, int? maximum)
    {
        if (minimum is > 0 && count < minimum)
        {
            Add(path, "must have at least " + Count(minimum.Value, "item") + " (got " + Number(count) + ")");
        }
        else if (maximum is { } max && count > max)
        {
            Add(path, "must have at most " + Count(max, "item") + " (got " + Number(count) + ")");
        }
    }

    /// <summary>Checks a number against an inclusive range.</summary>
    public void CheckRange(string path, double value, double? minimum, double? maximum)
    {
        if ((minimum is { } min && value < min) || (maximum is { } max && value > max))
        {
            var range = minimum is { } lo && maximum is { } hi
                ? "between " + MultiMailFormat.Number(lo) + " and " + MultiMailFormat.Number(hi)
                : minimum is { } lo2 ? "at least " + MultiMailFormat.Number(lo2) : "at most " + MultiMailFormat.Number(maximum!.Value);
            Add(path, "must be " + range + " (got " + MultiMailFormat.Number(value) + ")");
        }
    }

    /// <summary>Checks a string against a regular expression (a match that times out counts as no match).</summary>
    public void CheckPattern(string path, string? value, Regex regex)
    {
        if (value is null || regex is null)
        {
            return;
        }

        bool match;
        try
        {
            match = regex.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            match = false;
        }

        if (!match)
        {
            Add(path, "must match the pattern " + regex);
        }
    }

    /// <summary>Checks that a string looks like an email address.</summary>
    public void CheckEmail(string path, string? value)
    {
        if (value is not null && !MultiMailFormat.IsEmailAddress(value))
        {
            Add(path, "must be an email address like name@example.com (got " + Quoted(value, 80) + ")");
        }
    }

    /// <summary>Checks that a string is one of the allowed values (exact match).</summary>
    public void CheckAllowed(string path, string? value, string[] allowed)
    {
        if (value is null || allowed is null || Array.IndexOf(allowed, value) >= 0)
        {
            return;
        }

        Add(path, MustBeOneOf(allowed, Quoted(value, 60)));
    }

    private static string Count(int count, string noun) => Number(count) + " " + noun + (count == 1 ? string.Empty : "s");

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
