using System.Collections.Generic;
using System.Text;
using MultiMail.Generators.Helpers;

namespace MultiMail.Generators.Emit;

/// <summary>
/// A minimal compact JSON writer for the compile-time schemas. The generator cannot depend on System.Text.Json (it
/// runs inside the compiler on netstandard2.0), so this small writer is hand-written; tests parse every emitted schema
/// with System.Text.Json.
/// </summary>
internal sealed class JsonBuilder
{
    private readonly StringBuilder _text = new(512);
    private readonly Stack<bool> _hasItems = new();
    private bool _afterName;

    public JsonBuilder StartObject()
    {
        Separate();
        _text.Append('{');
        _hasItems.Push(false);
        return this;
    }

    public JsonBuilder EndObject()
    {
        _hasItems.Pop();
        _text.Append('}');
        return this;
    }

    public JsonBuilder StartArray()
    {
        Separate();
        _text.Append('[');
        _hasItems.Push(false);
        return this;
    }

    public JsonBuilder EndArray()
    {
        _hasItems.Pop();
        _text.Append(']');
        return this;
    }

    public JsonBuilder Name(string name)
    {
        Separate();
        Literals.AppendJsonString(_text, name);
        _text.Append(':');
        _afterName = true;
        return this;
    }

    public JsonBuilder String(string value)
    {
        Separate();
        Literals.AppendJsonString(_text, value);
        return this;
    }

    /// <summary>Writes already-valid JSON (numbers, booleans, null, or JSON text made by this class).</summary>
    public JsonBuilder Raw(string json)
    {
        Separate();
        _text.Append(json);
        return this;
    }

    public JsonBuilder Property(string name, string value) => Name(name).String(value);

    public JsonBuilder RawProperty(string name, string json) => Name(name).Raw(json);

    public override string ToString() => _text.ToString();

    private void Separate()
    {
        if (_afterName)
        {
            _afterName = false;
            return;
        }

        if (_hasItems.Count > 0)
        {
            if (_hasItems.Peek())
            {
                _text.Append(',');
            }
            else
            {
                _hasItems.Pop();
                _hasItems.Push(true);
            }
        }
    }
}
