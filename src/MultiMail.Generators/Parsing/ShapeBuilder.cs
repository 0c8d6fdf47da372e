using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using MultiMail.Generators.Helpers;
using MultiMail.Generators.Model;

namespace MultiMail.Generators.Parsing;

/// <summary>Maps C# types to <see cref="TypeShape"/>s (schema, reader and writer), or says why it cannot.</summary>
internal sealed class ShapeBuilder
{
    /// <summary>OpenAI's strict mode allows 10 levels of nesting; deeper argument types are refused.</summary>
    private const int MaxDepth = 10;

    public static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .WithMiscellaneousOptions(
            SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers
            | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier
            | SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    private readonly KnownTypes _known;
    private readonly INamedTypeSymbol _within;
    private readonly bool _forArguments;
    private readonly CancellationToken _cancellationToken;
    private readonly List<ITypeSymbol> _stack = new();

    public ShapeBuilder(KnownTypes known, INamedTypeSymbol within, bool forArguments, CancellationToken cancellationToken)
    {
        _known = known;
        _within = within;
        _forArguments = forArguments;
        _cancellationToken = cancellationToken;
    }

    /// <summary>The reason the last <see cref="Build"/> failed.</summary>
    public string? Error { get; private set; }

    public TypeShape? Build(ITypeSymbol type)
    {
        Error = null;
        _stack.Clear();
        return BuildCore(type, 0);
    }

    private TypeShape? Fail(string reason)
    {
        Error ??= reason;
        return null;
    }

    private TypeShape? BuildCore(ITypeSymbol type, int depth)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        if (depth > MaxDepth)
        {
            return Fail("it nests objects more than " + MaxDepth.ToString(CultureInfo.InvariantCulture) + " levels deep");
        }

        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            var inner = BuildCore(nullable.TypeArguments[0], depth);
            return inner is null ? null : inner with { IsNullable = true };
        }

        var isNullable = !type.IsValueType && type.NullableAnnotation == NullableAnnotation.Annotated;
        var plain = type.IsValueType ? type : type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        var name = plain.ToDisplayString(TypeFormat);

        switch (type.SpecialType)
        {
            case SpecialType.System_String:
                return Simple(ShapeKind.String, name, isNullable, false);
            case SpecialType.System_Boolean:
                return Simple(ShapeKind.Boolean, name, false, true);
            case SpecialType.System_SByte:
                return Number(ShapeKind.Integer, name, NumericKind.SByte);
            case SpecialType.System_Byte:
                return Number(ShapeKind.Integer, name, NumericKind.Byte);
            case SpecialType.System_Int16:
                return Number(ShapeKind.Integer, name, NumericKind.Int16);
            case SpecialType.System_UInt16:
                return Number(ShapeKind.Integer, name, NumericKind.UInt16);
            case SpecialType.System_Int32:
                return Number(ShapeKind.Integer, name, NumericKind.Int32);
            case SpecialType.System_UInt32:
                return Number(ShapeKind.Integer, name, NumericKind.UInt32);
            case SpecialType.System_Int64:
                return Number(ShapeKind.Integer, name, NumericKind.Int64);
            case SpecialType.System_UInt64:
                return Number(ShapeKind.Integer, name, NumericKind.UInt64);
            case SpecialType.System_Single:
                return Number(ShapeKind.Number, name, NumericKind.Single);
            case SpecialType.System_Double:
                return Number(ShapeKind.Number, name, NumericKind.Double);
            case SpecialType.System_Decimal:
                return Number(ShapeKind.Number, name, NumericKind.Decimal);
            case SpecialType.System_DateTime:
                return Simple(ShapeKind.DateTime, name, false, true);
            case SpecialType.System_Object:
                return Fail("'object' has no schema; use a concrete type");
            case SpecialType.System_Char:
                return Fail("'char' is not supported; use string");
        }

        if (type is IArrayTypeSymbol array)
        {
            if (!array.IsSZArray)
            {
                return Fail("multi-dimensional arrays are not supported; use T[]");
            }

            return Collection(name, isNullable, CollectionKind.Array, array.ElementType, depth);
        }

        if (type.TypeKind == TypeKind.Enum && type is INamedTypeSymbol enumType)
        {
            return Enum(enumType, name);
        }

        if (KnownTypes.Is(type, _known.DateTimeOffset))
        {
            return Simple(ShapeKind.DateTimeOffset, name, false, true);
        }

        if (KnownTypes.Is(type, _known.Guid))
        {
            return Simple(ShapeKind.Guid, name, false, true);
        }

        if (KnownTypes.Is(type, _known.Uri))
        {
            return Simple(ShapeKind.Uri, name, isNullable, false);
        }

        if (KnownTypes.Is(type, _known.JsonElement))
        {
            return _forArguments
                ? Fail("JsonElement has no fixed schema; use a typed parameter")
                : Simple(ShapeKind.JsonElement, name, false, true);
        }

        if (type is INamedTypeSymbol named && named.IsGenericType)
        {
            var definition = named.OriginalDefinition;
            if (KnownTypes.Is(definition, _known.ListOfT))
            {
                return Collection(name, isNullable, CollectionKind.List, named.TypeArguments[0], depth);
            }

            if (KnownTypes.Is(definition, _known.IEnumerableOfT)
                || KnownTypes.Is(definition, _known.IReadOnlyListOfT)
                || KnownTypes.Is(definition, _known.IReadOnlyCollectionOfT)
                || KnownTypes.Is(definition, _known.IListOfT)
                || KnownTypes.Is(definition, _known.ICollectionOfT))
            {
                return Collection(name, isNullable, CollectionKind.Array, named.TypeArguments[0], depth);
            }

            if (KnownTypes.Is(definition, _known.Dictionary)
                || KnownTypes.Is(definition, _known.IDictionary)
                || KnownTypes.Is(definition, _known.IReadOnlyDictionary))
            {
                return Map(named, name, isNullable, depth);
            }
        }

        if (type is INamedTypeSymbol objectType)
        {
            return Object(objectType, name, isNullable, depth);
        }

        return Fail("'" + type.ToDisplayString() + "' is not supported");
    }

    private static TypeShape Simple(ShapeKind kind, string name, bool isNullable, bool isValueType) =>
        new() { Kind = kind, TypeName = name, IsNullable = isNullable, IsValueType = isValueType };

    private static TypeShape Number(ShapeKind kind, string name, NumericKind numeric) =>
        new() { Kind = kind, TypeName = name, IsValueType = true, Numeric = numeric };

    private TypeShape? Collection(string name, bool isNullable, CollectionKind kind, ITypeSymbol elementType, int depth)
    {
        var element = BuildCore(elementType, depth + 1);
        if (element is null)
        {
            return null;
        }

        if (element.Kind is ShapeKind.Array or ShapeKind.Map && _forArguments)
        {
            return Fail("arrays of arrays or of maps are not supported; wrap the inner value in a record");
        }

        return new TypeShape { Kind = ShapeKind.Array, TypeName = name, IsNullable = isNullable, Collection = kind, Element = element };
    }

    private TypeShape? Map(INamedTypeSymbol type, string name, bool isNullable, int depth)
    {
        if (type.TypeArguments[0].SpecialType != SpecialType.System_String)
        {
            return Fail("only dictionaries with string keys are supported");
        }

        var value = BuildCore(type.TypeArguments[1], depth + 1);
        if (value is null)
        {
            return null;
        }

        if (value.Kind != ShapeKind.String || value.IsNullable)
        {
            return Fail("only string-to-string dictionaries are supported (Dictionary<string, string>)");
        }

        return new TypeShape { Kind = ShapeKind.Map, TypeName = name, IsNullable = isNullable, Element = value };
    }

    private TypeShape? Enum(INamedTypeSymbol type, string name)
    {
        var members = new List<EnumMemberSpec>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var values = new HashSet<object>();
        foreach (var member in type.GetMembers())
        {
            if (member is IFieldSymbol { HasConstantValue: true, IsStatic: true } field)
            {
                var wire = Annotations.EnumMemberName(field.GetAttributes()) ?? Naming.ToSnakeCase(field.Name);
                if (!seen.Add(wire))
                {
                    continue;
                }

                var description = Annotations.Description(field.GetAttributes())
                    ?? DocComments.Read(field.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_cancellationToken)).Summary;
                var isAlias = field.ConstantValue is { } constant && !values.Add(constant);
                members.Add(new EnumMemberSpec { MemberName = Naming.EscapeIdentifier(field.Name), WireName = wire, Description = description, IsAlias = isAlias });
            }
        }

        if (members.Count == 0)
        {
            return Fail("the enum '" + type.Name + "' has no members");
        }

        return new TypeShape { Kind = ShapeKind.Enum, TypeName = name, IsValueType = true, EnumMembers = members.ToEquatableArray() };
    }

    private TypeShape? Object(INamedTypeSymbol type, string name, bool isNullable, int depth)
    {
        if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || type.IsAbstract)
        {
            return Fail("'" + type.ToDisplayString() + "' is " + (type.TypeKind == TypeKind.Interface ? "an interface" : type.IsAbstract ? "abstract" : "not a class or struct") + "; use a concrete class, record or struct");
        }

        if (type.TypeKind == TypeKind.Delegate || type.SpecialType != SpecialType.None || type.ContainingNamespace?.ToDisplayString().StartsWith("System", StringComparison.Ordinal) == true)
        {
            return Fail("'" + type.ToDisplayString() + "' is not supported");
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (implemented.SpecialType == SpecialType.System_Collections_IEnumerable)
            {
                return Fail("the collection '" + type.ToDisplayString() + "' is not supported; use T[], List<T>, IReadOnlyList<T> or Dictionary<string, string>");
            }
        }

        foreach (var open in _stack)
        {
            if (SymbolEqualityComparer.Default.Equals(open, type))
            {
                return Fail("'" + type.Name + "' refers to itself (recursive types have no finite schema)");
            }
        }

        _stack.Add(type);
        try
        {
            var constructor = ChooseConstructor(type);
            var constructorParameters = constructor?.Parameters ?? System.Collections.Immutable.ImmutableArray<IParameterSymbol>.Empty;
            var properties = new List<PropertySpec>();
            var matched = new bool[constructorParameters.Length];
            foreach (var property in CollectProperties(type))
            {
                var ctorIndex = -1;
                for (var i = 0; i < constructorParameters.Length; i++)
                {
                    if (string.Equals(constructorParameters[i].Name, property.Name, StringComparison.OrdinalIgnoreCase))
                    {
                        ctorIndex = i;
                        matched[i] = true;
                        break;
                    }
                }

                var constructorParameter = ctorIndex >= 0 ? constructorParameters[ctorIndex] : null;
                if (Assignment(property, constructorParameter) is not { } assignment)
                {
                    continue;
                }

                var spec = Property(type, property, assignment, constructorParameter, ctorIndex, depth);
                if (spec is null)
                {
                    return null;
                }

                properties.Add(spec);
            }

            for (var i = 0; i < matched.Length; i++)
            {
                if (!matched[i])
                {
                    return Fail("the constructor parameter '" + constructorParameters[i].Name + "' of '" + type.Name + "' has no matching public property");
                }
            }

            var id = Naming.SafeIdentifier(type.Name) + "_" + Naming.StableHash(name);
            return new TypeShape
            {
                Kind = ShapeKind.Object,
                TypeName = name,
                IsNullable = isNullable,
                IsValueType = type.IsValueType,
                Object = new ObjectSpec { Id = id, Properties = properties.ToEquatableArray(), ConstructorParameterCount = constructorParameters.Length },
            };
        }
        finally
        {
            _stack.RemoveAt(_stack.Count - 1);
        }
    }

    /// <summary>How a reader sets the property: through the constructor, an init or set accessor, or not at all (null).</summary>
    private PropertyAssignment? Assignment(IPropertySymbol property, IParameterSymbol? constructorParameter)
    {
        if (constructorParameter is not null)
        {
            return PropertyAssignment.Constructor;
        }

        return property.SetMethod is { } setter && IsAccessible(setter)
            ? setter.IsInitOnly ? PropertyAssignment.Init : PropertyAssignment.Set
            : null;
    }

    private PropertySpec? Property(INamedTypeSymbol type, IPropertySymbol property, PropertyAssignment assignment, IParameterSymbol? constructorParameter, int ctorIndex, int depth)
    {
        var shape = BuildCore(property.Type, depth + 1);
        if (shape is null)
        {
            Error = "property '" + type.Name + "." + property.Name + "': " + Error;
            return null;
        }

        var attributes = property.GetAttributes();
        var hasDefault = constructorParameter is { HasExplicitDefaultValue: true };
        Annotations.ReadConstraints(attributes, shape, out var constraints, out var itemConstraints);
        var (defaultLiteral, defaultJson) = hasDefault ? Defaults.Of(constructorParameter!, shape) : (null, null);
        return new PropertySpec
        {
            Name = Naming.EscapeIdentifier(property.Name),
            WireName = Annotations.JsonPropertyName(attributes) ?? Naming.ToSnakeCase(property.Name),
            Shape = shape,
            Required = property.IsRequired || Annotations.IsRequired(attributes) || (constructorParameter is not null && !hasDefault && !shape.IsNullable),
            Assignment = assignment,
            ConstructorIndex = ctorIndex >= 0 ? ctorIndex : null,
            Description = Annotations.Description(attributes)
                ?? DocComments.Read(property.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_cancellationToken)).Summary,
            Constraints = constraints,
            ItemConstraints = itemConstraints,
            DefaultLiteral = defaultLiteral,
            DefaultJson = defaultJson,
        };
    }

    private IMethodSymbol? ChooseConstructor(INamedTypeSymbol type)
    {
        IMethodSymbol? parameterless = null;
        IMethodSymbol? parameterized = null;
        var parameterizedCount = 0;
        foreach (var constructor in type.InstanceConstructors)
        {
            if (!IsAccessible(constructor))
            {
                continue;
            }

            foreach (var attribute in constructor.GetAttributes())
            {
                if (KnownTypes.IsNamed(attribute.AttributeClass, "System.Text.Json.Serialization", "JsonConstructorAttribute"))
                {
                    return constructor;
                }
            }

            if (constructor.Parameters.Length == 0)
            {
                parameterless = constructor;
            }
            else if (!(constructor.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(constructor.Parameters[0].Type, type)))
            {
                // (a record's copy constructor is not a candidate)
                parameterized = constructor;
                parameterizedCount++;
            }
        }

        if (parameterizedCount == 1 && (parameterless is null || parameterless.IsImplicitlyDeclared && type.IsValueType))
        {
            return parameterized;
        }

        if (parameterless is not null)
        {
            return parameterless;
        }

        if (parameterizedCount > 1)
        {
            Error ??= "'" + type.Name + "' has several public constructors; mark one [JsonConstructor]";
        }

        return parameterized;
    }

    private IEnumerable<IPropertySymbol> CollectProperties(INamedTypeSymbol type)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object && current.SpecialType != SpecialType.System_ValueType; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member is IPropertySymbol { IsStatic: false, IsIndexer: false, GetMethod: { } getter } property
                    && property.DeclaredAccessibility == Accessibility.Public
                    && IsAccessible(getter)
                    && !Annotations.IsJsonIgnored(property.GetAttributes())
                    && !(property.Name == "EqualityContract" && type.IsRecord)
                    && seen.Add(property.Name))
                {
                    yield return property;
                }
            }
        }
    }

    private bool IsAccessible(ISymbol symbol) => _known.Compilation.IsSymbolAccessibleWithin(symbol, _within);
}
