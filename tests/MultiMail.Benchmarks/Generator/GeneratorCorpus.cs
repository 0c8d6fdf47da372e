using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MultiMail.Benchmarks.Generator;

/// <summary>
/// One compilation, two generators loaded the way the compiler loads them (from their analyzer assemblies): ours
/// (MultiMail.Generators.dll, as built) and the LoggerMessage generator shipped in Microsoft.Extensions.Logging.Abstractions'
/// analyzers folder; plus a floor generator that matches nothing, for the driver's own cost. Both real generators see
/// the same files: <see cref="ToolFiles"/> classes with three <c>[MultiMailTool]</c> methods, as many with three
/// <c>[LoggerMessage]</c> methods, and plain business files up to <see cref="TotalFiles"/>.
/// </summary>
public sealed class GeneratorCorpus
{
    public const int MethodsPerFile = 3;

    private readonly CSharpParseOptions _parseOptions = new(LanguageVersion.Latest, DocumentationMode.Parse);
    private readonly SyntaxTree _editedA;
    private readonly SyntaxTree _editedB;

    public GeneratorCorpus(int toolFiles, int totalFiles, bool referenceAI = true, bool docComments = true)
    {
        ToolFiles = toolFiles;
        TotalFiles = totalFiles;
        var trees = new List<SyntaxTree>(totalFiles);
        for (var i = 0; i < toolFiles; i++)
        {
            trees.Add(Parse(docComments ? ToolSource(i) : WithoutDocComments(ToolSource(i)), "Tools" + i + ".cs"));
            trees.Add(Parse(LoggerSource(i), "Log" + i + ".cs"));
        }

        for (var i = trees.Count; i < totalFiles; i++)
        {
            trees.Add(Parse(BusinessSource(i), "Business" + i + ".cs"));
        }

        Compilation = CSharpCompilation.Create(
            "Corpus",
            trees,
            References(referenceAI),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        // The edit: a comment added to (then removed from) one business file in the middle, or the last tool file when there are none.
        var index = trees.Count > 2 * toolFiles ? 2 * toolFiles + (trees.Count - 2 * toolFiles) / 2 : trees.Count - 1;
        _editedA = trees[index];
        _editedB = Parse(_editedA.GetText().ToString() + "\n// an unrelated edit\n", _editedA.FilePath);

        Ours = Load("MultiMail.Generators.dll");
        LoggerMessage = Load("Microsoft.Extensions.Logging.Generators.dll");
        Floor = new FloorGenerator().AsSourceGenerator();
    }

    public int ToolFiles { get; }

    public int TotalFiles { get; }

    /// <summary>Methods each real generator handles.</summary>
    public int Methods => ToolFiles * MethodsPerFile;

    public CSharpCompilation Compilation { get; }

    public ISourceGenerator Ours { get; }

    public ISourceGenerator LoggerMessage { get; }

    public ISourceGenerator Floor { get; }

    /// <summary>A cold run: a new driver over a compilation with fresh symbols (the same syntax trees).</summary>
    public GeneratorDriver Cold(ISourceGenerator generator, bool trackSteps = false) =>
        CreateDriver(generator, trackSteps).RunGenerators(Compilation.Clone());

    public GeneratorDriver CreateDriver(ISourceGenerator generator, bool trackSteps = false) =>
        CSharpGeneratorDriver.Create(
            new[] { generator },
            parseOptions: _parseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>A warm driver and its compilation, ready for reruns after one-file edits.</summary>
    public RerunState StartRerun(ISourceGenerator generator, bool trackSteps = false)
    {
        var compilation = (CSharpCompilation)Compilation.Clone();
        var driver = CreateDriver(generator, trackSteps).RunGenerators(compilation);
        return new RerunState(driver, compilation, false);
    }

    /// <summary>One rerun after the edit (a comment added, next time removed): the new compilation derives from the last.</summary>
    public void Rerun(RerunState state)
    {
        var (from, to) = state.Edited ? (_editedB, _editedA) : (_editedA, _editedB);
        state.Compilation = state.Compilation.ReplaceSyntaxTree(from, to);
        state.Driver = state.Driver.RunGenerators(state.Compilation);
        state.Edited = !state.Edited;
    }

    public CSharpParseOptions ParseOptions => _parseOptions;

    private static string WithoutDocComments(string source) =>
        string.Join("\n", source.Split('\n').Where(line => !line.TrimStart().StartsWith("///", StringComparison.Ordinal)));

    private SyntaxTree Parse(string text, string path) => CSharpSyntaxTree.ParseText(text, _parseOptions, path, Encoding.UTF8);

    private static ISourceGenerator Load(string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "generators", fileName);
        var reference = new AnalyzerFileReference(path, Loader.Instance);
        var generators = reference.GetGenerators(LanguageNames.CSharp);
        return generators.Length == 1 ? generators[0] : throw new InvalidOperationException(path + " holds " + generators.Length + " generators");
    }

    private static ImmutableArray<MetadataReference> References(bool referenceAI)
    {
        var paths = new List<string>();
        var runtime = RuntimeEnvironment.GetRuntimeDirectory();
        var packs = Path.GetFullPath(Path.Combine(runtime, "..", "..", "..", "packs", "Microsoft.NETCore.App.Ref"));
        var refDir = Directory.Exists(packs)
            ? Directory.GetDirectories(packs).OrderByDescending(d => d, StringComparer.Ordinal).Select(d => Path.Combine(d, "ref", "net10.0")).FirstOrDefault(Directory.Exists)
            : null;
        if (refDir is not null)
        {
            paths.AddRange(Directory.GetFiles(refDir, "*.dll"));
        }
        else
        {
            paths.AddRange(((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).Where(p => Path.GetFileName(p).StartsWith("System", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll"));
        }

        paths.Add(typeof(MultiMailClient).Assembly.Location);
        paths.Add(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location);
        if (referenceAI)
        {
            paths.Add(typeof(Microsoft.Extensions.AI.AIFunction).Assembly.Location);
        }

        return paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    }

    private static string ToolSource(int i) => $$"""
        using System.Threading;
        using System.Threading.Tasks;
        using MultiMail;

        namespace App.Feature{{i}};

        public partial class EmailTools{{i}}
        {
            private readonly MultiMailClient _client;

            public EmailTools{{i}}(MultiMailClient client) => _client = client;

            /// <summary>Send an email via MultiMail. In gated_send mode it is queued for human approval before delivery.</summary>
            /// <param name="to">Recipient email addresses.</param>
            /// <param name="subject">The subject line.</param>
            /// <param name="markdown">The body, as markdown.</param>
            [MultiMailTool]
            public partial Task<string> SendEmail(string[] to, string subject, string markdown, CancellationToken cancellationToken = default);

            /// <summary>Check the inbox for recent messages (newest first, without bodies).</summary>
            /// <param name="limit">How many messages to return (1-100).</param>
            [MultiMailTool]
            public partial Task<string> CheckInbox(int limit = 10, CancellationToken cancellationToken = default);

            /// <summary>Reply to an email within its thread. In gated_send mode the reply is queued for human approval.</summary>
            /// <param name="emailId">The id of the email to answer, as returned by check_inbox.</param>
            /// <param name="markdown">The reply, as markdown.</param>
            [MultiMailTool]
            public partial Task<string> ReplyEmail(string emailId, string markdown, CancellationToken cancellationToken = default);
        }
        """;

    private static string LoggerSource(int i) => $$"""
        using Microsoft.Extensions.Logging;

        namespace App.Feature{{i}};

        public static partial class EmailLog{{i}}
        {
            /// <summary>An email is being sent.</summary>
            [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Sending an email to {To} with subject {Subject}")]
            public static partial void SendingEmail(ILogger logger, string to, string subject);

            /// <summary>The inbox was checked.</summary>
            [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Checked the inbox: {Count} messages, limit {Limit}")]
            public static partial void CheckedInbox(ILogger logger, int count, int limit);

            /// <summary>A reply failed.</summary>
            [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "The reply to {EmailId} failed: {Reason}")]
            public static partial void ReplyFailed(ILogger logger, string emailId, string reason);
        }
        """;

    private static string BusinessSource(int i) => $$"""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        namespace App.Business{{i % 20}};

        public enum Stage{{i}} { Draft, Review, Approved, Archived }

        [Serializable]
        public sealed record Order{{i}}(int Id, string Customer, decimal Amount, Stage{{i}} Stage, DateTime Created);

        public sealed class OrderService{{i}}
        {
            private readonly List<Order{{i}}> _orders = new();

            [Obsolete("Use AddAsync")]
            public void Add(Order{{i}} order) => _orders.Add(order);

            public Task AddAsync(Order{{i}} order)
            {
                _orders.Add(order with { Created = DateTime.UtcNow });
                return Task.CompletedTask;
            }

            public IEnumerable<(string Customer, decimal Total)> Totals() =>
                from order in _orders
                where order.Stage != Stage{{i}}.Archived
                group order by order.Customer into customer
                orderby customer.Key
                select (customer.Key, customer.Sum(o => o.Amount));

            public string Describe(Order{{i}} order) => order.Stage switch
            {
                Stage{{i}}.Draft => $"Draft #{order.Id} for {order.Customer}",
                Stage{{i}}.Review => $"In review: #{order.Id} ({order.Amount:C})",
                Stage{{i}}.Approved => "Approved #" + order.Id,
                _ => "Archived",
            };

            public IEnumerable<int> Ids()
            {
                foreach (var order in _orders.Where(o => o.Amount > 10m).OrderByDescending(o => o.Created))
                {
                    yield return order.Id;
                }
            }

            public decimal Average() => _orders.Count == 0 ? 0m : _orders.Average(o => o.Amount);
        }
        """;

    private sealed class Loader : IAnalyzerAssemblyLoader
    {
        public static readonly Loader Instance = new();

        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
    }
}

public sealed class RerunState
{
    public RerunState(GeneratorDriver driver, CSharpCompilation compilation, bool edited)
    {
        Driver = driver;
        Compilation = compilation;
        Edited = edited;
    }

    public GeneratorDriver Driver { get; set; }

    public CSharpCompilation Compilation { get; set; }

    public bool Edited { get; set; }
}

/// <summary>The floor: a generator that looks for an attribute no file has, so its runs cost only the driver's own work.</summary>
public sealed class FloorGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var none = context.SyntaxProvider.ForAttributeWithMetadataName(
            "Nowhere.NoSuchAttribute",
            static (node, _) => true,
            static (ctx, _) => ctx.TargetSymbol.Name);
        context.RegisterSourceOutput(none.Collect(), static (ctx, names) =>
        {
            if (names.Length > 0)
            {
                ctx.AddSource("floor.g.cs", "// " + names.Length);
            }
        });
    }
}
