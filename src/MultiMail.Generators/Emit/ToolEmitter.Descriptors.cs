using System.Linq;
using static MultiMail.Generators.Emit.GlobalNames;

namespace MultiMail.Generators.Emit;

// The descriptors: name, description, the two compile-time schemas (laid out by SchemaLiteral), effect and hints.
internal sealed partial class ToolEmitter
{
    private void WriteDescriptors()
    {
        _writer.WriteLine("private static readonly " + Descriptor + "[] " + DescriptorsField + " =");
        _writer.OpenBlock();
        foreach (var method in _model.Methods)
        {
            _writer.WriteLine("new " + Descriptor + "(");
            _writer.Indentation++;
            _writer.WriteLine("name: " + Str(method.ToolName) + ",");
            _writer.WriteLine("description: " + Str(method.Description) + ",");
            SchemaLiteral.Write(_writer, "parametersJsonSchema", SchemaWriter.Write(method, strict: false), ",");
            SchemaLiteral.Write(_writer, "strictParametersJsonSchema", SchemaWriter.Write(method, strict: true), ",");
            _writer.WriteLine($$"""
                effect: {{EffectName(method.Effect)}},
                isIdempotent: {{Bool(method.IsIdempotent)}},
                isDestructive: {{Bool(method.IsDestructive)}},
                isOpenWorld: {{Bool(method.IsOpenWorld)}}),
                """);
            _writer.Indentation--;
        }

        _writer.CloseBlock(";");
        _writer.WriteLine();
        _writer.WriteLine("private static readonly string[] " + ToolNamesField + " = { " + string.Join(", ", _model.Methods.Select(m => Str(m.ToolName))) + " };");
        if (!Has(Model.TakenNames.StaticMembers))
        {
            _writer.WriteLine($$"""

                /// <summary>The descriptors of the MultiMail tools this type declares, in declaration order (computed at compile time).</summary>
                public static {{DescriptorList}} MultiMailTools => {{DescriptorsField}};
                """);
        }
    }
}
