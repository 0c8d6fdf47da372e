using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MultiMail.Generators.Analysis;

/// <summary>
/// MMG1001/MMG1002: a MultiMail tool given to more than one agent of one conversation. It follows the tools from
/// where they are made (<c>AsAITools()</c>, the per-tool <c>…AIFunction</c> properties) through locals, fields,
/// collections and the project's own helper methods to where an agent is created with them (Agent Framework's
/// <c>ChatClientAgent</c>, <c>AsAIAgent</c>, any <c>AIAgent</c> factory, and the methods named in
/// <c>.editorconfig</c> under <see cref="RegistrationMethodsOption"/>), and follows the agents the same way into the
/// workflows that join them (group chats, sequential, concurrent, handoff and Magentic workflows, <c>WorkflowBuilder</c>
/// edges, and the builders named under <see cref="ConversationBuildersOption"/>). Agents no workflow joins share a
/// conversation with the agents created in the same setup scope (method, local function, lambda or top-level program).
/// </summary>
/// <remarks>
/// Two passes share one engine. Each file is analysed on its own (a semantic-model action, so the IDE shows the common
/// case, one setup method or one file, live while typing). At the end of the compilation all files are analysed
/// together, and only what the per-file passes could not see (cross-file flows, and setup-scope conflicts between
/// agents that the file hands on to other code) is reported.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AgentToolAnalyzer : DiagnosticAnalyzer
{
    /// <summary>
    /// The <c>.editorconfig</c> key that names more registration methods: a comma-separated list of
    /// <c>Namespace.Type.Method</c>, <c>Type.Method</c> or <c>Method</c>; <c>Namespace.Type..ctor</c> names constructors.
    /// Their tool-typed arguments are the tools; the receiver (or the extension method's first argument) is the agent.
    /// </summary>
    public const string RegistrationMethodsOption = "multimail_agent_registration_methods";

    /// <summary>
    /// The <c>.editorconfig</c> key that names the project's own conversation builders (same syntax as
    /// <see cref="RegistrationMethodsOption"/>): the agents passed to one of them (and, for an instance or extension
    /// method, to every call on the same receiver) take part in one conversation, like the participants of a workflow.
    /// </summary>
    public const string ConversationBuildersOption = "multimail_conversation_builders";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.EmailToolOnSeveralAgents,
        DiagnosticDescriptors.ToolOnSeveralAgents);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = AgentSymbols.Create(start.Compilation);
            if (symbols is null)
            {
                return;
            }

            var state = new CompilationState(start.Compilation, symbols, start.Options.AnalyzerConfigOptionsProvider);
            start.RegisterSemanticModelAction(state.AnalyzeFile);
            start.RegisterCompilationEndAction(state.AnalyzeCompilation);
        });
    }

    private sealed class CompilationState
    {
        private readonly AgentSymbols _symbols;
        private readonly AnalyzerConfigOptionsProvider _options;
        private readonly ConcurrentBag<FileFacts> _files = new();
        private readonly ConcurrentDictionary<string, byte> _reported = new(StringComparer.Ordinal);
        private readonly Compilation _compilation;
        private RelevantNames? _relevant;

        public CompilationState(Compilation compilation, AgentSymbols symbols, AnalyzerConfigOptionsProvider options)
        {
            _compilation = compilation;
            _symbols = symbols;
            _options = options;
        }

        /// <summary>Built once per compilation, on first use (a race builds it twice; both results are equal).</summary>
        private RelevantNames Relevant(CancellationToken cancellationToken) =>
            _relevant ??= RelevantNames.Build(_compilation, _symbols, cancellationToken);

        public void AnalyzeFile(SemanticModelAnalysisContext context)
        {
            var tree = context.SemanticModel.SyntaxTree;
            var registrationMethods = RegistrationMethods.Read(_options, tree);
            var conversationBuilders = RegistrationMethods.Read(_options, tree, ConversationBuildersOption);
            var facts = FactCollector.Collect(context.SemanticModel, _symbols, Relevant(context.CancellationToken), registrationMethods, conversationBuilders, context.CancellationToken);
            if (facts.IsEmpty)
            {
                return;
            }

            _files.Add(facts);
            foreach (var finding in new ToolFlow(_symbols, new[] { facts }, singleFile: true, context.CancellationToken).Findings())
            {
                if (finding.Location.SourceTree == context.SemanticModel.SyntaxTree)
                {
                    _reported.TryAdd(finding.Key, 0);
                    context.ReportDiagnostic(finding.ToDiagnostic());
                }
            }
        }

        public void AnalyzeCompilation(CompilationAnalysisContext context)
        {
            // Also for one file: the live pass leaves out setup-scope conflicts whose agents leave the file's view.
            var files = _files.ToArray();
            if (files.Length == 0)
            {
                return;
            }

            foreach (var finding in new ToolFlow(_symbols, files, singleFile: false, context.CancellationToken).Findings())
            {
                if (!_reported.ContainsKey(finding.Key))
                {
                    context.ReportDiagnostic(finding.ToDiagnostic());
                }
            }
        }
    }
}
