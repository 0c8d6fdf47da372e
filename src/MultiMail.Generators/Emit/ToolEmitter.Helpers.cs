using System.Collections.Generic;
using System.Linq;
using MultiMail.Generators.Helpers;
using MultiMail.Generators.Model;
using static MultiMail.Generators.Emit.GlobalNames;

namespace MultiMail.Generators.Emit;

// Helpers the other sections ask for while they are written, emitted once each at the end of the type (in a fixed
// order, so the output is deterministic): enum wire names and readers, object readers and writers, constant string
// arrays and compiled patterns.
internal sealed partial class ToolEmitter
{
    private readonly SortedDictionary<string, TypeShape> _objectReaders = new(System.StringComparer.Ordinal);
    private readonly SortedDictionary<string, TypeShape> _objectWriters = new(System.StringComparer.Ordinal);
    private readonly SortedDictionary<string, TypeShape> _enums = new(System.StringComparer.Ordinal);
    private readonly Dictionary<string, string> _stringArrayNames = new(System.StringComparer.Ordinal);
    private readonly List<(string Name, IReadOnlyList<string> Values)> _stringArrays = new();
    private readonly Dictionary<string, string> _patternNames = new(System.StringComparer.Ordinal);
    private readonly List<(string Name, string Pattern)> _patterns = new();
    private readonly HashSet<string> _helperNames = new(System.StringComparer.Ordinal);

    private string EnumWireName(TypeShape shape)
    {
        var id = EnumId(shape);
        _enums[id] = shape;
        return Member("__MultiMailEnumWire_" + id);
    }

    private string EnumReader(TypeShape shape)
    {
        var id = EnumId(shape);
        _enums[id] = shape;
        return Member("__MultiMailEnumRead_" + id);
    }

    private static string EnumId(TypeShape shape) => Naming.SafeIdentifier(SimpleName(shape.TypeName)) + "_" + Naming.StableHash(shape.TypeName);

    private string ObjectReader(TypeShape shape)
    {
        _objectReaders[shape.Object!.Id] = shape;
        return Member("__MultiMailRead_" + shape.Object.Id);
    }

    private string ObjectWriter(TypeShape shape)
    {
        _objectWriters[shape.Object!.Id] = shape;
        return Member("__MultiMailWrite_" + shape.Object.Id);
    }

    /// <summary>A static string array with these values (one field per distinct list), named after its first use.</summary>
    private string StringArray(IEnumerable<string> values, string hint, string suffix)
    {
        var list = values.ToList();
        var key = string.Join("\u0001", list);
        if (!_stringArrayNames.TryGetValue(key, out var name))
        {
            name = HelperName("__MultiMail" + HintIdentifier(hint) + suffix);
            _stringArrayNames.Add(key, name);
            _stringArrays.Add((name, list));
        }

        return Member(name);
    }

    /// <summary>A static schema pattern (one field per distinct pattern), named after its first use.</summary>
    private string Pattern(string pattern, string hint)
    {
        if (!_patternNames.TryGetValue(pattern, out var name))
        {
            name = HelperName("__MultiMail" + HintIdentifier(hint) + "Pattern");
            _patternNames.Add(pattern, name);
            _patterns.Add((name, pattern));
        }

        return Member(name);
    }

    /// <summary>
    /// A name fragment from a hint: a wire or tool name (<c>send_email</c> → <c>SendEmail</c>), or a C# path expression
    /// whose last string literal names the value (<c>__path + ".title"</c> → <c>Title</c>; none → <c>Item</c>).
    /// </summary>
    private static string HintIdentifier(string hint)
    {
        var close = hint.LastIndexOf('"');
        if (close > 0)
        {
            var open = hint.LastIndexOf('"', close - 1);
            hint = hint.Substring(open + 1, close - open - 1);
        }
        else if (hint.StartsWith("__", System.StringComparison.Ordinal))
        {
            hint = "item";
        }

        var text = new System.Text.StringBuilder(hint.Length);
        var upper = true;
        foreach (var c in hint)
        {
            if (char.IsLetterOrDigit(c) && c < 128)
            {
                text.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else
            {
                upper = true;
            }
        }

        return text.ToString();
    }

    /// <summary>The simple name of a type: <c>global::Demo.Note&lt;int&gt;</c> → <c>Note</c>.</summary>
    private static string SimpleName(string typeName)
    {
        var generic = typeName.IndexOf('<');
        var text = generic >= 0 ? typeName.Substring(0, generic) : typeName;
        return text.Substring(text.LastIndexOf('.') + 1);
    }

    private string HelperName(string name)
    {
        var unique = name;
        for (var i = 2; !_helperNames.Add(unique); i++)
        {
            unique = name + Int(i);
        }

        return unique;
    }

    private void WriteHelpers()
    {
        // Writing a reader or writer can ask for more helpers (nested types), so drain until nothing is new.
        var written = new HashSet<string>(System.StringComparer.Ordinal);
        bool progress;
        do
        {
            progress = false;
            foreach (var pair in _objectReaders.ToList())
            {
                if (written.Add("read:" + pair.Key))
                {
                    _writer.WriteLine();
                    WriteObjectReader(pair.Value);
                    progress = true;
                }
            }

            foreach (var pair in _objectWriters.ToList())
            {
                if (written.Add("write:" + pair.Key))
                {
                    _writer.WriteLine();
                    WriteObjectWriter(pair.Value);
                    progress = true;
                }
            }

            foreach (var pair in _enums.ToList())
            {
                if (written.Add("enum:" + pair.Key))
                {
                    _writer.WriteLine();
                    WriteEnumHelpers(pair.Key, pair.Value);
                    progress = true;
                }
            }
        }
        while (progress);

        foreach (var (name, values) in _stringArrays)
        {
            _writer.WriteLine();
            _writer.WriteLine("private static readonly string[] " + name + " = { " + string.Join(", ", values.Select(Str)) + " };");
        }

        // Patterns cost nothing until checked: the runtime builds the Regex on first use (never in this type's static
        // constructor, which reading a schema runs) and checks the one-line pattern with a span scan.
        foreach (var (name, pattern) in _patterns)
        {
            _writer.WriteLine();
            _writer.WriteLine($"private static readonly {PatternType} {name} = new {PatternType}({Str(pattern)});");
        }
    }

    private void WriteEnumHelpers(string id, TypeShape shape)
    {
        _writer.WriteLine($"private static string __MultiMailEnumWire_{id}({shape.TypeName} {ValueParam})");
        _writer.OpenBlock();
        _writer.WriteLine($"switch ({ValueParam})");
        _writer.OpenBlock();
        foreach (var member in shape.EnumMembers.Where(m => !m.IsAlias))
        {
            _writer.WriteLine($"case {shape.TypeName}.{member.MemberName}: return {Str(member.WireName)};");
        }

        _writer.WriteLine($"default: return {ValueParam}.ToString();");
        _writer.CloseBlock();
        _writer.CloseBlock();
        _writer.WriteLine();
        var values = StringArray(shape.EnumMembers.Select(m => m.WireName), SimpleName(shape.TypeName), "Values");
        _writer.WriteLine($"private static {shape.TypeName} __MultiMailEnumRead_{id}({Arguments} {ArgumentsVar}, {JsonElement} {JsonVar}, string {PathParam})");
        _writer.OpenBlock();
        _writer.WriteLine($"switch ({ArgumentsVar}.ReadChoice({JsonVar}, {PathParam}, {values}))");
        _writer.OpenBlock();
        foreach (var member in shape.EnumMembers)
        {
            _writer.WriteLine($"case {Str(member.WireName)}: return {shape.TypeName}.{member.MemberName};");
        }

        _writer.WriteLine("default: return default;");
        _writer.CloseBlock();
        _writer.CloseBlock();
    }

    /// <summary>
    /// Reads an object argument: each property into a local named after it (so the debugger shows them by name), then
    /// the object built through its constructor and initializer, then settable properties assigned when present.
    /// </summary>
    private void WriteObjectReader(TypeShape shape)
    {
        var spec = shape.Object!;
        EnterMethod(spec.Properties.Select(p => p.Name));
        var names = StringArray(spec.Properties.Select(p => p.WireName), SimpleName(shape.TypeName), "PropertyNames");
        _writer.WriteLine($$"""
            private static {{shape.TypeName}} __MultiMailRead_{{spec.Id}}({{Arguments}} {{ArgumentsVar}}, {{JsonElement}} {{JsonVar}}, string {{PathParam}})
            {
                if (!{{ArgumentsVar}}.ExpectObject(ref {{JsonVar}}, {{PathParam}}, {{Str(Expected(shape, Constraints.None))}}, {{names}}))
                {
                    return default!;
                }

            """);
        _writer.Indentation++;
        var propertyVar = _locals["__property"];
        if (spec.Properties.Count > 0)
        {
            _writer.WriteLine($"{JsonElement} {propertyVar};");
        }

        foreach (var property in spec.Properties)
        {
            var local = property.Name;
            var found = property.Assignment == PropertyAssignment.Set ? _locals["__has" + Naming.Unescaped(property.Name)] : null;
            var path = PathParam + " + " + Str("." + property.WireName);
            var tryGet = $"{ArgumentsVar}.TryGetProperty({JsonVar}, {PathParam}, {Str(property.WireName)}, required: {Bool(property.Required)}, expected: {Str(Expected(property.Shape!, property.Constraints))}, out {propertyVar})";
            _writer.WriteLine($"{property.Shape!.Display} {local} = {DefaultValue(property.DefaultLiteral, property.Shape.Display)};");
            if (found is not null)
            {
                _writer.WriteLine($"var {found} = {tryGet};");
            }

            _writer.WriteLine($$"""
                if ({{found ?? tryGet}})
                {
                    {{local}} = {{ReadExpression(property.Shape with { IsNullable = false }, ArgumentsVar, propertyVar, path, 1, property.Constraints)}};
                }

                """);
        }

        var constructorArguments = Enumerable.Repeat("default!", spec.ConstructorParameterCount).ToArray();
        var initializers = new List<string>();
        foreach (var property in spec.Properties)
        {
            if (property.Assignment == PropertyAssignment.Constructor)
            {
                constructorArguments[property.ConstructorIndex!.Value] = property.Name;
            }
            else if (property.Assignment == PropertyAssignment.Init)
            {
                initializers.Add(property.Name + " = " + property.Name);
            }
        }

        var creation = $"new {shape.TypeName}({string.Join(", ", constructorArguments)})" + (initializers.Count > 0 ? " { " + string.Join(", ", initializers) + " }" : string.Empty);
        _writer.WriteLine($"var {ResultVar} = {creation};");
        foreach (var property in spec.Properties.Where(p => p.Assignment == PropertyAssignment.Set))
        {
            _writer.WriteLine($$"""
                if ({{_locals["__has" + Naming.Unescaped(property.Name)]}})
                {
                    {{ResultVar}}.{{property.Name}} = {{property.Name}};
                }
                """);
        }

        _writer.WriteLine($"return {ResultVar};");
        _writer.CloseBlock();
        ExitMethod();
    }

    /// <summary>Writes an object as JSON: each property read once into a local named after it, checked and written.</summary>
    private void WriteObjectWriter(TypeShape shape)
    {
        var spec = shape.Object!;
        EnterMethod(spec.Properties.Select(p => p.Name));
        var request = new RequestContext(RequestVar, IsOptional: true);
        _writer.WriteLine($"private static void __MultiMailWrite_{spec.Id}({Request}? {RequestVar}, {JsonWriter} {WriterParam}, {shape.TypeName} {ValueParam}, string {PathParam})");
        _writer.OpenBlock();
        _writer.WriteLine($"{WriterParam}.WriteStartObject();");
        foreach (var property in spec.Properties)
        {
            _writer.WriteLine($"var {property.Name} = {ValueParam}.{property.Name};");
            WriteMember(property, property.Name, PathParam + " + " + Str("." + property.WireName), request, WriterParam, depth: 1);
        }

        _writer.WriteLine($"{WriterParam}.WriteEndObject();");
        _writer.CloseBlock();
        ExitMethod();
    }
}
