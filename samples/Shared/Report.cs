using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace MultiMail.Samples;

/// <summary>The samples' console output: a title, numbered steps, indented details and chat transcripts.</summary>
public sealed class Report
{
    private const int NameWidth = 16;
    private readonly TextWriter _output;
    private int _step;

    /// <summary>Writes to <paramref name="output"/> (the console, or a test's buffer).</summary>
    /// <param name="output">Where to write.</param>
    public Report(TextWriter output) => _output = output;

    /// <summary>The sample's title.</summary>
    /// <param name="title">The title.</param>
    public void Title(string title)
    {
        _output.WriteLine(title);
        _output.WriteLine(new string('=', title.Length));
    }

    /// <summary>A setting under the title, such as "model: …"; continuation lines are aligned under the text.</summary>
    /// <param name="label">The setting's name.</param>
    /// <param name="text">Its value.</param>
    public void Setting(string label, string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        _output.WriteLine(label + ": " + lines[0]);
        foreach (var line in lines.Skip(1))
        {
            _output.WriteLine(new string(' ', label.Length + 2) + line);
        }
    }

    /// <summary>Starts the next numbered step.</summary>
    /// <param name="title">What happens in this step.</param>
    public void Step(string title)
    {
        _output.WriteLine();
        _output.WriteLine((++_step) + ". " + title);
    }

    /// <summary>A line (or several) indented under the current step.</summary>
    /// <param name="text">The text.</param>
    public void Line(string text = "") => Indented(text, 3);

    /// <summary>A line labelled with a name column, continuation lines aligned under the text.</summary>
    /// <param name="label">The label (an agent's name, "model", …).</param>
    /// <param name="text">The text.</param>
    public void Labelled(string label, string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        _output.WriteLine("   " + label.PadRight(NameWidth) + lines[0]);
        foreach (var line in lines.Skip(1))
        {
            _output.WriteLine(line.Length == 0 ? string.Empty : new string(' ', 3 + NameWidth) + line);
        }
    }

    /// <summary>Name-value pairs, aligned, indented under the current step.</summary>
    /// <param name="fields">The pairs; multi-line values stay aligned.</param>
    public void Fields(params (string Name, string Value)[] fields)
    {
        var width = fields.Max(f => f.Name.Length) + 2;
        foreach (var (name, value) in fields)
        {
            var lines = value.Replace("\r\n", "\n").Split('\n');
            _output.WriteLine("     " + name.PadRight(width) + lines[0]);
            foreach (var line in lines.Skip(1))
            {
                _output.WriteLine(line.Length == 0 ? string.Empty : new string(' ', 5 + width) + line);
            }
        }
    }

    /// <summary>Writes a chat transcript: who said what, each tool call with its arguments, and each tool's answer.</summary>
    /// <param name="messages">The messages.</param>
    /// <param name="maxResultCharacters">Tool results longer than this are cut (the full text went to the model).</param>
    public void Transcript(IEnumerable<ChatMessage> messages, int maxResultCharacters = 500)
    {
        var callNames = new Dictionary<string, string>();
        foreach (var message in messages)
        {
            var author = message.AuthorName ?? (message.Role == ChatRole.User ? "User" : message.Role.Value);
            foreach (var content in message.Contents)
            {
                switch (content)
                {
                    case TextContent text when !string.IsNullOrWhiteSpace(text.Text):
                        Labelled(author, text.Text.Trim());
                        break;
                    case FunctionCallContent call:
                        callNames[call.CallId] = call.Name;
                        Labelled(author, "calls " + call.Name + "(" + FormatArguments(call.Arguments) + ")");
                        break;
                    case FunctionResultContent result:
                        var name = callNames.TryGetValue(result.CallId, out var n) ? n : "tool";
                        Labelled(string.Empty, "↳ " + name + " answered: " + Clip(ResultText(result), maxResultCharacters));
                        break;
                }
            }
        }
    }

    /// <summary>Cuts <paramref name="text"/> to <paramref name="max"/> characters, saying how much was left out.</summary>
    /// <param name="text">The text.</param>
    /// <param name="max">The most characters to keep.</param>
    /// <returns>The text, cut if needed.</returns>
    public static string Clip(string text, int max) =>
        text.Length <= max ? text : text.Substring(0, max) + "… (" + (text.Length - max) + " more characters)";

    private void Indented(string text, int spaces)
    {
        foreach (var line in text.Replace("\r\n", "\n").Split('\n'))
        {
            _output.WriteLine(line.Length == 0 ? string.Empty : new string(' ', spaces) + line);
        }
    }

    private static string ResultText(FunctionResultContent result) => result.Result switch
    {
        null => result.Exception?.Message ?? "(no result)",
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString() ?? string.Empty,
        var value => value.ToString() ?? string.Empty,
    };

    private static string FormatArguments(IDictionary<string, object?>? arguments)
    {
        if (arguments is null || arguments.Count == 0)
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        foreach (var (name, value) in arguments)
        {
            text.Append(text.Length == 0 ? string.Empty : ", ").Append(name).Append(": ");
            var json = value is JsonElement element ? element.GetRawText() : JsonSerializer.Serialize(value);
            text.Append(json.Length <= 70 ? json : json.Substring(0, 60) + "…\" (" + json.Length + " characters)");
        }

        return text.ToString();
    }
}
