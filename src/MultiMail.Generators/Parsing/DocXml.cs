using System;
using System.Collections.Generic;
using System.Text;

namespace MultiMail.Generators.Parsing;

/// <summary>
/// A strict reader for the XML of ordinary doc comments (elements, attributes, text and the predefined and numeric
/// entities), for <see cref="DocComments"/>. It exists for speed: <c>XElement.Parse</c> set up an <c>XmlReader</c> with
/// its buffers for every method, about 17 KB per method in a cold generator run and again on every rerun. It accepts
/// only what it reads exactly as <c>XElement.Parse(…, LoadOptions.None)</c> does (whitespace-only text dropped,
/// attribute whitespace normalized); anything else (comments, CDATA, processing instructions, namespaces, unknown
/// entities, odd characters, malformed markup) returns <see langword="null"/> and the caller uses <c>XElement</c>,
/// which then decides, errors included. A property test checks the two agree.
/// </summary>
internal static class DocXml
{
    /// <summary>An element: its name, attributes, children (text or elements) and whether it was written <c>&lt;x/&gt;</c>.</summary>
    internal sealed class Element
    {
        public Element(string name, List<KeyValuePair<string, string>>? attributes, List<object>? children, bool isEmpty)
        {
            Name = name;
            Attributes = attributes;
            Children = children;
            IsEmpty = isEmpty;
        }

        public string Name { get; }

        public List<KeyValuePair<string, string>>? Attributes { get; }

        /// <summary>Text (<see cref="string"/>) and <see cref="Element"/>s, in order.</summary>
        public List<object>? Children { get; }

        public bool IsEmpty { get; }

        public string? Attribute(string name)
        {
            if (Attributes is null)
            {
                return null;
            }

            foreach (var pair in Attributes)
            {
                if (pair.Key == name)
                {
                    return pair.Value;
                }
            }

            return null;
        }

        /// <summary>All descendant text, as <c>XElement.Value</c>.</summary>
        public string Value
        {
            get
            {
                var text = new StringBuilder();
                AppendValue(text);
                return text.ToString();
            }
        }

        private void AppendValue(StringBuilder text)
        {
            if (Children is null)
            {
                return;
            }

            foreach (var child in Children)
            {
                if (child is string s)
                {
                    text.Append(s);
                }
                else
                {
                    ((Element)child).AppendValue(text);
                }
            }
        }
    }

    /// <summary>The top-level nodes of <paramref name="xml"/> read as the content of one element, or null to fall back.</summary>
    public static List<object>? TryParse(string xml)
    {
        var reader = new Reader(xml);
        var content = reader.Content(closing: null);
        return reader.Failed || reader.Position != xml.Length ? null : content ?? new List<object>();
    }

    private static readonly char[] AttributeSpecials = { '<', '&', '\t', '\n', '\r' };

    private static readonly string[] CommonNames = { "summary", "param", "name", "paramref", "see", "c", "cref", "langword", "para", "returns", "remarks", "code", "typeparamref", "seealso", "href", "br", "list", "item", "inheritdoc" };

    private struct Reader
    {
        private readonly string _text;
        private int _position;

        public Reader(string text)
        {
            _text = text;
            _position = 0;
            Failed = false;
        }

        public bool Failed { get; private set; }

        public int Position => _position;

        /// <summary>Nodes up to the end tag of <paramref name="closing"/> (consumed), or to the end of the text when null.</summary>
        public List<object>? Content(string? closing)
        {
            List<object>? nodes = null;
            while (!Failed)
            {
                if (_position >= _text.Length)
                {
                    if (closing is not null)
                    {
                        Failed = true;
                    }

                    return nodes;
                }

                if (_text[_position] != '<')
                {
                    var text = Text();
                    if (text is not null)
                    {
                        (nodes ??= new List<object>()).Add(text);
                    }

                    continue;
                }

                if (_position + 1 < _text.Length && _text[_position + 1] == '/')
                {
                    _position += 2;
                    var name = Name();
                    SkipSpace();
                    if (Failed || closing is null || name != closing || !Take('>'))
                    {
                        Failed = true;
                    }

                    return nodes;
                }

                var element = Element();
                if (element is not null)
                {
                    (nodes ??= new List<object>()).Add(element);
                }
            }

            return nodes;
        }

        private Element? Element()
        {
            _position++; // '<'
            var name = Name();
            List<KeyValuePair<string, string>>? attributes = null;
            while (!Failed)
            {
                var hadSpace = SkipSpace();
                if (_position >= _text.Length)
                {
                    break;
                }

                var c = _text[_position];
                if (c == '/')
                {
                    _position++;
                    return Take('>') ? new Element(name, attributes, null, isEmpty: true) : Fail();
                }

                if (c == '>')
                {
                    _position++;
                    var children = Content(name);
                    return Failed ? null : new Element(name, attributes, children, isEmpty: false);
                }

                if (!hadSpace)
                {
                    break;
                }

                var attribute = Name();
                SkipSpace();
                if (Failed || !Take('='))
                {
                    break;
                }

                SkipSpace();
                var value = AttributeValue();
                if (Failed)
                {
                    break;
                }

                attributes ??= new List<KeyValuePair<string, string>>(2);
                foreach (var existing in attributes)
                {
                    if (existing.Key == attribute)
                    {
                        return Fail();
                    }
                }

                attributes.Add(new KeyValuePair<string, string>(attribute, value));
            }

            return Fail();
        }

        /// <summary>A name of ASCII letters, digits, '_', '-' and '.' (no namespace prefixes).</summary>
        private string Name()
        {
            var start = _position;
            while (_position < _text.Length)
            {
                var c = _text[_position];
                var ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'
                    || (_position > start && ((c >= '0' && c <= '9') || c == '-' || c == '.'));
                if (!ok)
                {
                    break;
                }

                _position++;
            }

            if (_position == start)
            {
                Failed = true;
                return string.Empty;
            }

            return KnownName(start, _position - start) ?? _text.Substring(start, _position - start);
        }

        /// <summary>The names every comment uses, without a new string each time.</summary>
        private string? KnownName(int start, int length)
        {
            foreach (var name in CommonNames)
            {
                if (name.Length == length && string.CompareOrdinal(_text, start, name, 0, length) == 0)
                {
                    return name;
                }
            }

            return null;
        }

        private string AttributeValue()
        {
            if (_position >= _text.Length || (_text[_position] != '"' && _text[_position] != '\''))
            {
                Failed = true;
                return string.Empty;
            }

            var quote = _text[_position++];
            var plainEnd = _text.IndexOf(quote, _position);
            if (plainEnd > 0 && _text.IndexOfAny(AttributeSpecials, _position, plainEnd - _position) < 0 && AllPlain(_position, plainEnd))
            {
                var plain = KnownName(_position, plainEnd - _position) ?? _text.Substring(_position, plainEnd - _position);
                _position = plainEnd + 1;
                return plain;
            }

            var value = new StringBuilder();
            while (_position < _text.Length && _text[_position] != quote)
            {
                var c = _text[_position];
                if (c == '<')
                {
                    Failed = true;
                    return string.Empty;
                }

                if (c == '&')
                {
                    if (!Entity(value))
                    {
                        return string.Empty;
                    }

                    continue;
                }

                if (!IsPlainCharacter(c))
                {
                    Failed = true;
                    return string.Empty;
                }

                // Attribute-value normalization: each whitespace character becomes a space.
                value.Append(c is '\t' or '\n' or '\r' ? ' ' : c);
                _position++;
            }

            if (_position >= _text.Length)
            {
                Failed = true;
                return string.Empty;
            }

            _position++;
            return value.ToString();
        }

        /// <summary>Text up to the next '&lt;'; null when it is only whitespace (which <c>LoadOptions.None</c> drops).</summary>
        private string? Text()
        {
            // Plain text (no entity, no CR): a substring, checked as it is scanned.
            var start = _position;
            var onlySpaceSoFar = true;
            var scan = start;
            while (scan < _text.Length)
            {
                var c = _text[scan];
                if (c is '<' or '&' or '\r' || !IsPlainCharacter(c) || (c == '>' && scan >= 2 && _text[scan - 1] == ']' && _text[scan - 2] == ']'))
                {
                    break;
                }

                if (c is not (' ' or '\t' or '\n'))
                {
                    onlySpaceSoFar = false;
                }

                scan++;
            }

            if (scan >= _text.Length || _text[scan] == '<')
            {
                _position = scan;
                return onlySpaceSoFar ? null : _text.Substring(start, scan - start);
            }

            var value = new StringBuilder();
            var onlySpace = true;
            var hadEntity = false;
            while (_position < _text.Length && _text[_position] != '<')
            {
                var c = _text[_position];
                if (c == '&')
                {
                    hadEntity = true;
                    onlySpace = false;
                    if (!Entity(value))
                    {
                        return null;
                    }

                    continue;
                }

                if (!IsPlainCharacter(c) || (c == '>' && _position >= 2 && _text[_position - 1] == ']' && _text[_position - 2] == ']'))
                {
                    Failed = true;
                    return null;
                }

                if (c is not (' ' or '\t' or '\n' or '\r'))
                {
                    onlySpace = false;
                }

                value.Append(c == '\r' ? '\n' : c);
                _position++;
            }

            if (hadEntity && value.ToString().Trim(' ', '\t', '\n').Length == 0)
            {
                // Whitespace written as character references: let XElement decide.
                Failed = true;
                return null;
            }

            return onlySpace ? null : value.ToString();
        }

        /// <summary>Reads one entity at the current '&amp;' into <paramref name="value"/>.</summary>
        private bool Entity(StringBuilder value)
        {
            var end = _text.IndexOf(';', _position);
            if (end < 0 || end - _position > 10)
            {
                Failed = true;
                return false;
            }

            var name = _text.Substring(_position + 1, end - _position - 1);
            string? decoded = name switch
            {
                "lt" => "<",
                "gt" => ">",
                "amp" => "&",
                "quot" => "\"",
                "apos" => "'",
                _ => null,
            };
            if (decoded is null && name.Length > 1 && name[0] == '#')
            {
                var hex = name[1] == 'x';
                var digits = name.Substring(hex ? 2 : 1);
                if (digits.Length > 0
                    && int.TryParse(digits, hex ? System.Globalization.NumberStyles.AllowHexSpecifier : System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code)
                    && code is (>= 0x20 and < 0xD800) or (> 0xDFFF and < 0xFFFE) or (> 0xFFFF and <= 0x10FFFF) or 0x9 or 0xA or 0xD)
                {
                    decoded = char.ConvertFromUtf32(code);
                }
            }

            if (decoded is null)
            {
                Failed = true;
                return false;
            }

            value.Append(decoded);
            _position = end + 1;
            return true;
        }

        private bool AllPlain(int start, int end)
        {
            for (var i = start; i < end; i++)
            {
                if (!IsPlainCharacter(_text[i]))
                {
                    return false;
                }
            }

            return true;
        }

        private bool SkipSpace()
        {
            var start = _position;
            while (_position < _text.Length && _text[_position] is ' ' or '\t' or '\n' or '\r')
            {
                _position++;
            }

            return _position > start;
        }

        private bool Take(char c)
        {
            if (_position < _text.Length && _text[_position] == c)
            {
                _position++;
                return true;
            }

            Failed = true;
            return false;
        }

        private Element? Fail()
        {
            Failed = true;
            return null;
        }

        /// <summary>A character XML allows as is, other than markup: no other control characters, no surrogates (let XElement judge pairs).</summary>
        private static bool IsPlainCharacter(char c) =>
            (c >= 0x20 || c is '\t' or '\n' or '\r') && !char.IsSurrogate(c) && c is not ('\uFFFE' or '\uFFFF');
    }
}
