using System;
using System.Text;

namespace MultiMail.Generators.Helpers;

/// <summary>
/// An indentation-aware writer for generated C# (after dotnet/runtime's SourceWriter). <see cref="WriteLine(string)"/>
/// takes multi-line text, so a fixed block is written as one raw-string template that reads as the C# it produces;
/// every line gets the current indentation.
/// </summary>
internal sealed class SourceWriter
{
    private const int CharsPerIndentation = 4;

    private readonly StringBuilder _builder = new(8192);
    private int _indentation;

    public int Indentation
    {
        get => _indentation;
        set => _indentation = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), "Indentation cannot be negative.");
    }

    /// <summary>Writes text line by line (each <c>\n</c> starts a line), every non-empty line indented.</summary>
    public void WriteLine(string text)
    {
        var start = 0;
        while (true)
        {
            var end = text.IndexOf('\n', start);
            var line = end < 0 ? text.Substring(start) : text.Substring(start, end - start);
            AppendLine(line.TrimEnd('\r'));
            if (end < 0)
            {
                return;
            }

            start = end + 1;
        }
    }

    public void WriteLine() => _builder.Append('\n');

    /// <summary>Writes <c>{</c> and indents.</summary>
    public void OpenBlock()
    {
        WriteLine("{");
        _indentation++;
    }

    /// <summary>Unindents and writes <c>}</c> (with <paramref name="suffix"/>, for example <c>;</c>).</summary>
    public void CloseBlock(string suffix = "")
    {
        Indentation--;
        WriteLine("}" + suffix);
    }

    /// <summary>The text; the indentation must be back at zero (every block closed).</summary>
    public string ToSourceText()
    {
        if (_indentation != 0)
        {
            throw new InvalidOperationException("Unbalanced indentation in generated source.");
        }

        return _builder.ToString();
    }

    private void AppendLine(string line)
    {
        if (line.Length > 0)
        {
            _builder.Append(' ', _indentation * CharsPerIndentation);
            _builder.Append(line);
        }

        _builder.Append('\n');
    }
}
