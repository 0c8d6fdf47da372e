using System;
using System.Text;

namespace MultiMail.Generators.Helpers;

/// <summary>An indentation-aware text writer for generated C# (after dotnet/runtime's SourceWriter).</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder = new(4096);
    private int _indent;

    public int Indentation => _indent;

    public void Indent() => _indent++;

    public void Unindent()
    {
        if (_indent == 0)
        {
            throw new InvalidOperationException("Indentation is already zero.");
        }

        _indent--;
    }

    public void OpenBlock()
    {
        Line("{");
        _indent++;
    }

    public void CloseBlock(string suffix = "")
    {
        Unindent();
        Line("}" + suffix);
    }

    public void Line(string text)
    {
        if (text.Length > 0)
        {
            _builder.Append(' ', _indent * 4);
            _builder.Append(text);
        }

        _builder.Append('\n');
    }

    public void Line() => _builder.Append('\n');

    public override string ToString()
    {
        if (_indent != 0)
        {
            throw new InvalidOperationException("Unbalanced indentation in generated source.");
        }

        return _builder.ToString();
    }
}
