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

    private readonly StringBuilder _builder = new(16384);
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
            var stop = end < 0 ? text.Length : end;
            AppendLine(text, start, stop > start && text[stop - 1] == '\r' ? stop - 1 : stop);
            if (end < 0)
            {
                return;
            }

            start = end + 1;
        }
    }

    public void WriteLine() => _builder.Append('\n');

    /// <summary>Writes one line holding a C# string literal of part of <paramref name="text"/>, then <paramref name="suffix"/>.</summary>
    public void WriteStringLiteralLine(string text, int start, int length, string suffix)
    {
        _builder.Append(' ', _indentation * CharsPerIndentation);
        Literals.AppendCSharpString(_builder, text, start, length);
        _builder.Append(suffix).Append('\n');
    }

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

    private void AppendLine(string text, int start, int end)
    {
        if (end > start)
        {
            _builder.Append(' ', _indentation * CharsPerIndentation);
            _builder.Append(text, start, end - start);
        }

        _builder.Append('\n');
    }
}
