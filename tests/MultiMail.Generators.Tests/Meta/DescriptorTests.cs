using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using MultiMail.Generators.Analysis;

namespace MultiMail.Generators.Tests.Meta;

/// <summary>The diagnostic registry stays consistent: IDs, release tracking, help pages, known type names.</summary>
public sealed class DescriptorTests
{
    private static readonly DiagnosticDescriptor[] Descriptors = typeof(DiagnosticDescriptors)
        .GetFields(BindingFlags.Static | BindingFlags.Public)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .ToArray();

    [Fact]
    public void Ids_are_unique_and_well_formed()
    {
        Assert.Equal(Descriptors.Length, Descriptors.Select(d => d.Id).Distinct().Count());
        Assert.All(Descriptors, d => Assert.Matches("^MMG[0-9]{4}$", d.Id));
        Assert.Equal(
            typeof(DiagnosticIds).GetFields().Select(f => (string)f.GetValue(null)!).OrderBy(x => x),
            Descriptors.Select(d => d.Id).OrderBy(x => x));
    }

    [Fact]
    public void Every_descriptor_is_supported_by_exactly_one_exported_analyzer()
    {
        var analyzers = typeof(ToolDeclarationAnalyzer).Assembly.GetTypes()
            .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract)
            .ToArray();
        Assert.All(analyzers, t => Assert.Equal(
            new[] { LanguageNames.CSharp },
            t.GetCustomAttribute<DiagnosticAnalyzerAttribute>()?.Languages));
        var supported = analyzers
            .SelectMany(t => ((DiagnosticAnalyzer)Activator.CreateInstance(t)!).SupportedDiagnostics)
            .Select(d => d.Id)
            .OrderBy(x => x)
            .ToArray();
        Assert.Equal(Descriptors.Select(d => d.Id).OrderBy(x => x), supported);
    }

    [Fact]
    public void Every_code_fix_is_exported_shared_and_fixes_known_rules_with_fix_all()
    {
        var providers = typeof(MultiMail.CodeFixes.RemoveAgentToolCodeFixProvider).Assembly.GetTypes()
            .Where(t => typeof(Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract)
            .ToArray();
        Assert.True(providers.Length >= 8, providers.Length + " code-fix providers");
        var ids = Descriptors.Select(d => d.Id).ToHashSet();
        foreach (var type in providers)
        {
            Assert.Equal(new[] { LanguageNames.CSharp }, type.GetCustomAttribute<Microsoft.CodeAnalysis.CodeFixes.ExportCodeFixProviderAttribute>()?.Languages);
            Assert.NotNull(type.GetCustomAttribute<System.Composition.SharedAttribute>());
            var provider = (Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider)Activator.CreateInstance(type)!;
            Assert.NotEmpty(provider.FixableDiagnosticIds);
            Assert.All(provider.FixableDiagnosticIds, id => Assert.Contains(id, ids));
            Assert.NotNull(provider.GetFixAllProvider());
        }
    }

    [Fact]
    public void Every_rule_is_release_tracked_with_its_severity()
    {
        var unshipped = File.ReadAllText(RepositoryFiles.Path("src", "MultiMail.Generators", "AnalyzerReleases.Unshipped.md"));
        foreach (var descriptor in Descriptors)
        {
            Assert.Contains(descriptor.Id + " | MultiMail | " + descriptor.DefaultSeverity + " | " + descriptor.Title, unshipped);
        }
    }

    [Fact]
    public void Every_rule_has_a_help_page_with_a_wrong_and_a_right_example()
    {
        foreach (var descriptor in Descriptors)
        {
            Assert.Equal(DiagnosticDescriptors.HelpLinkBase + descriptor.Id + ".md", descriptor.HelpLinkUri);
            var page = File.ReadAllText(RepositoryFiles.Path("docs", "diagnostics", descriptor.Id + ".md"));
            Assert.StartsWith("# " + descriptor.Id + ": " + descriptor.Title, page);
            Assert.Contains("## Wrong", page);
            Assert.Contains("## Right", page);
            Assert.False(descriptor.Title.ToString().EndsWith('.'), descriptor.Id + " title ends with a period");
        }
    }

    [Fact]
    public void Known_type_names_match_the_runtime_library()
    {
        Assert.Equal(KnownTypeNames.MultiMailToolAttribute, typeof(MultiMailToolAttribute).FullName);
        Assert.Equal(KnownTypeNames.MultiMailBoundAttribute, typeof(MultiMailBoundAttribute).FullName);
        Assert.Equal(KnownTypeNames.MultiMailParameterAttribute, typeof(MultiMailParameterAttribute).FullName);
        Assert.Equal(KnownTypeNames.MultiMailClient, typeof(MultiMailClient).FullName);
        Assert.Equal(KnownTypeNames.IMultiMailToolSet, typeof(IMultiMailToolSet).FullName);
        Assert.Equal(KnownTypeNames.MultiMailToolDescriptor, typeof(MultiMailToolDescriptor).FullName);
        Assert.Equal(KnownTypeNames.MultiMailToolEffect, typeof(MultiMailToolEffect).FullName);
        Assert.Equal(KnownTypeNames.MultiMailRequest, typeof(MultiMail.Internal.MultiMailRequest).FullName);
        Assert.Equal(KnownTypeNames.ToolArguments, typeof(MultiMail.Internal.ToolArguments).FullName);
        Assert.Equal(KnownTypeNames.ToolText, typeof(MultiMail.Internal.ToolText).FullName);
        Assert.Equal(KnownTypeNames.MultiMailFormat, typeof(MultiMail.Internal.MultiMailFormat).FullName);
        Assert.Equal(KnownTypeNames.MultiMailApiException, typeof(MultiMailApiException).FullName);
    }

    [Fact]
    public void The_generator_mirrors_the_runtime_effect_values()
    {
        foreach (var value in Enum.GetValues<MultiMailToolEffect>())
        {
            Assert.Equal(value.ToString(), ((MultiMail.Generators.Catalog.MultiMailToolEffectValue)(int)value).ToString());
        }
    }
}
