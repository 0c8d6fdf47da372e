using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using MultiMail.Benchmarks.Generator;

namespace MultiMail.Benchmarks.Benchmarks;

/// <summary>
/// A cold generator run, per method: a new driver over a fresh compilation of 50 classes with three [MultiMailTool]
/// methods and 50 with three [LoggerMessage] methods (the same compilation for both; each generator handles its 150).
/// The floor is a generator that matches nothing: the driver's own cost, per 150.
/// </summary>
[MemoryDiagnoser]
public class GeneratorColdBenchmarks
{
    public const int ToolFiles = 50;
    private const int Methods = ToolFiles * GeneratorCorpus.MethodsPerFile;
    private GeneratorCorpus _corpus = null!;

    [GlobalSetup]
    public void Setup() => _corpus = new GeneratorCorpus(ToolFiles, 2 * ToolFiles);

    [Benchmark(Baseline = true, OperationsPerInvoke = Methods, Description = "LoggerMessage generator, cold, per method")]
    public GeneratorDriver LoggerMessage() => _corpus.Cold(_corpus.LoggerMessage);

    [Benchmark(OperationsPerInvoke = Methods, Description = "ours, cold, per method")]
    public GeneratorDriver Ours() => _corpus.Cold(_corpus.Ours);

    [Benchmark(OperationsPerInvoke = Methods, Description = "floor (driver only), cold, per method")]
    public GeneratorDriver Floor() => _corpus.Cold(_corpus.Floor);
}

/// <summary>
/// A rerun after an unrelated edit: a comment added to (or removed from) one of 1,000 files, the driver warm. The
/// compilation has 50 tool classes, 50 logger classes and 900 business files.
/// </summary>
[MemoryDiagnoser]
public class GeneratorRerunBenchmarks
{
    private GeneratorCorpus _corpus = null!;
    private RerunState _ours = null!;
    private RerunState _logger = null!;
    private RerunState _floor = null!;

    [GlobalSetup]
    public void Setup()
    {
        _corpus = new GeneratorCorpus(GeneratorColdBenchmarks.ToolFiles, Settings.Smoke ? 200 : 1000);
        _ours = _corpus.StartRerun(_corpus.Ours);
        _logger = _corpus.StartRerun(_corpus.LoggerMessage);
        _floor = _corpus.StartRerun(_corpus.Floor);
    }

    [Benchmark(Baseline = true, Description = "LoggerMessage generator, rerun after a comment in 1 of 1,000 files")]
    public void LoggerMessage() => _corpus.Rerun(_logger);

    [Benchmark(Description = "ours, rerun after a comment in 1 of 1,000 files")]
    public void Ours() => _corpus.Rerun(_ours);

    [Benchmark(Description = "floor (driver only), rerun after a comment in 1 of 1,000 files")]
    public void Floor() => _corpus.Rerun(_floor);
}
