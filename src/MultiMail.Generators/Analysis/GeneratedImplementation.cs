using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MultiMail.Generators.Analysis;

/// <summary>Tells the implementation part this generator wrote from one a user wrote.</summary>
internal static class GeneratedImplementation
{
    /// <summary>
    /// Whether the partial method's implementation part is this generator's output: its declaration carries
    /// <c>[GeneratedCode("MultiMail.Generators", …)]</c> itself (read from syntax: C# merges the attributes of both parts).
    /// The analyzers see the compilation after the generator ran, so the generated part must not read as "the user
    /// already wrote a body".
    /// </summary>
    public static bool IsOurs(IMethodSymbol implementation)
    {
        foreach (var reference in implementation.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is not MethodDeclarationSyntax declaration)
            {
                continue;
            }

            foreach (var list in declaration.AttributeLists)
            {
                foreach (var attribute in list.Attributes)
                {
                    var name = attribute.Name.ToString();
                    if (name.EndsWith("GeneratedCodeAttribute", StringComparison.Ordinal) || name.EndsWith("GeneratedCode", StringComparison.Ordinal))
                    {
                        if (attribute.ArgumentList?.Arguments.Count > 0
                            && attribute.ArgumentList.Arguments[0].Expression is LiteralExpressionSyntax literal
                            && literal.Token.ValueText == "MultiMail.Generators")
                        {
                            return true;
                        }
                    }
                }
            }
        }

        return false;
    }
}
