using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using MultiMail.Generators.Helpers;
using MultiMail.Generators.Model;

namespace MultiMail.Generators.Parsing;

// The MultiMailClient the tools call through: a parameter of the method, or one field or property of the type.
internal sealed partial class ToolParser
{
    /// <summary>The type's one client member, or none; reports MMG0002/MMG0003.</summary>
    private MemberReference? FindClient(string toolName, bool hasClientParameter)
    {
        var members = ClientMembers().ToList();
        if (!hasClientParameter)
        {
            var count = _method.IsStatic ? members.Count(m => m.IsStatic) : members.Count;
            if (count == 0)
            {
                _sink.Report(DiagnosticDescriptors.MissingClient, _methodLocation, _type.Name, toolName);
            }
            else if (members.Count > 1)
            {
                _sink.Report(DiagnosticDescriptors.MultipleClients, _methodLocation, _type.Name, members.Count, string.Join(", ", members.Select(m => m.Name)));
            }
        }

        return members.Count == 1 ? new MemberReference(Naming.EscapeIdentifier(members[0].Name), members[0].IsStatic) : null;
    }

    /// <summary>Fields and readable properties of type MultiMailClient, on the type and its bases, accessible from the type.</summary>
    private IEnumerable<ISymbol> ClientMembers()
    {
        if (_known.Client is null)
        {
            yield break;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var current = _type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                var memberType = member switch
                {
                    IFieldSymbol { IsImplicitlyDeclared: false } field => field.Type,
                    IPropertySymbol { IsIndexer: false, GetMethod: not null } property => property.Type,
                    _ => null,
                };
                if (memberType is not null
                    && KnownTypes.Is(memberType, _known.Client)
                    && (ReferenceEquals(current, _type) || _known.Compilation.IsSymbolAccessibleWithin(member, _type))
                    && seen.Add(member.Name))
                {
                    yield return member;
                }
            }
        }
    }
}
