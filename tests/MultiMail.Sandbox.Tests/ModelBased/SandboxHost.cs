using System;
using System.Collections.Concurrent;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using MultiMail.Sandbox.Tests.Infrastructure;

namespace MultiMail.Sandbox.Tests.ModelBased;

/// <summary>
/// One sandbox shared by many sequences (starting one per sequence would cost more than the sequence): Kestrel on
/// 127.0.0.1, a SQLite file (so a restart keeps everything), fixed keys, a manual clock, and every log line captured.
/// Sequences run one at a time, each in its own mailbox with its own agent key.
/// </summary>
internal sealed class SandboxHost : IAsyncDisposable
{
    public const string AgentKey = "mm_test_a9e7f1c2d3b4a5968778695a4b3c2d1e0f9a8b7c";
    public const string OversightKey = "mm_test_0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c";
    public const string AdminKey = "mm_test_f0e1d2c3b4a5968778695a4b3c2d1e0f1a2b3c";

    private readonly string _directory;

    private SandboxHost(string directory, ManualTimeProvider time)
    {
        _directory = directory;
        Time = time;
    }

    public ManualTimeProvider Time { get; }

    public LogCapture Logs { get; } = new();

    public MultiMailSandbox Sandbox { get; private set; } = null!;

    public HttpClient Oversight { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public int Restarts { get; private set; }

    public static async Task<SandboxHost> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "mm-model-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var host = new SandboxHost(directory, ManualTimeProvider.StartingAt2026());
        await host.OpenAsync();
        return host;
    }

    /// <summary>Stops the server and starts it again on the same database (the clock and keys stay).</summary>
    public async Task RestartAsync()
    {
        await CloseAsync();
        await OpenAsync();
        Restarts++;
    }

    public HttpClient Client(string key) => Sandbox.CreateClient(key);

    private ReviewSession? _review;
    private string? _reviewToken;
    private int _reviewRestarts = -1;
    private DateTimeOffset _reviewSignedIn;
    private DateTimeOffset _reviewUsed;

    /// <summary>
    /// The operator's review-page session and its form token, signed in again when a restart, 30 idle minutes or 8 hours
    /// (the clock jumps) have ended the last one.
    /// </summary>
    public async Task<(ReviewSession Session, string Token)> ReviewPageAsync()
    {
        var now = Time.GetUtcNow();
        var ended = now - _reviewUsed >= Review.ReviewSessionStore.IdleTimeout || now - _reviewSignedIn >= Review.ReviewSessionStore.AbsoluteLifetime;
        _reviewUsed = now;
        if (_review is null || _reviewRestarts != Restarts || ended)
        {
            _reviewSignedIn = now;
            _review?.Dispose();
            _review = new ReviewSession(Sandbox);
            var login = await _review.LoginAsync(OversightKey);
            if (login.StatusCode != System.Net.HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException("review sign-in failed: " + login.StatusCode);
            }

            _reviewToken = await _review.TokenAsync();
            _reviewRestarts = Restarts;
        }

        return (_review, _reviewToken!);
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task OpenAsync()
    {
        Sandbox = await MultiMailSandbox.StartAsync(new MultiMailSandboxOptions
        {
            DatabasePath = Path.Combine(_directory, "sandbox.db"),
            TimeProvider = Time,
            AgentApiKey = AgentKey,
            OversightApiKey = OversightKey,
            AdminApiKey = AdminKey,
            MinimumLogLevel = LogLevel.Debug,
            ExtraLoggerProvider = Logs,
        });
        Oversight = Sandbox.CreateClient(OversightKey);
        Admin = Sandbox.CreateClient(AdminKey);
    }

    private async Task CloseAsync()
    {
        _review?.Dispose();
        _review = null;
        Oversight?.Dispose();
        Admin?.Dispose();
        if (Sandbox is not null)
        {
            await Sandbox.DisposeAsync();
        }
    }
}

/// <summary>Every log line the sandbox writes, so a test can prove no key is ever logged.</summary>
internal sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public long Total { get; private set; }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>The lines written since the last call.</summary>
    public string[] Drain()
    {
        var lines = new System.Collections.Generic.List<string>();
        while (_lines.TryDequeue(out var line))
        {
            lines.Add(line);
        }

        Total += lines.Count;
        return lines.ToArray();
    }

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._lines.Enqueue(category + " " + logLevel + " " + formatter(state, exception) + (exception is null ? string.Empty : " " + exception));
    }
}
