using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace MultiMail.Reliability.Tests.Infrastructure;

/// <summary>The faults a request can meet between the client's resilience pipeline and the server.</summary>
public enum Fault
{
    /// <summary>No fault: the request goes through.</summary>
    None,

    /// <summary>The server processed (and stored) the request, then the connection was reset before the answer arrived.</summary>
    ResetAfterStored,

    /// <summary>The connection was reset before the request reached the server.</summary>
    ResetBeforeSent,

    /// <summary>A 500 from a proxy; the server never saw the request.</summary>
    Status500,

    /// <summary>The server processed the request, but a proxy answered 500 instead of the real answer.</summary>
    Status500AfterStored,

    /// <summary>A 503 (with <c>Retry-After: 1</c>) from a proxy; the server never saw the request.</summary>
    Status503,

    /// <summary>A 429 with <c>Retry-After: 1</c>; the server never saw the request.</summary>
    TooManyRequests,

    /// <summary>The server processed the request; its answer arrives later than the attempt timeout.</summary>
    SlowAfterStored,

    /// <summary>The request is delivered to the server twice (concurrently); the client sees one of the answers.</summary>
    DuplicatedDelivery,
}

/// <summary>
/// Decides the fault of each request and counts what happened. Shared by every <see cref="FaultInjectingHandler"/> the
/// factory creates (handlers are rebuilt when the factory rotates them; the plan is not).
/// </summary>
public sealed class FaultPlan
{
    private static readonly Fault[] Kinds = Enum.GetValues<Fault>().Where(f => f != Fault.None).ToArray();

    private readonly object _gate = new();
    private readonly Random _random;
    private readonly ConcurrentQueue<Fault> _script = new();
    private readonly ConcurrentDictionary<Fault, int> _counts = new();
    private int _requests;
    private int _reachedServer;

    /// <summary>A plan that injects a random fault (of every kind, equally likely) into <paramref name="rate"/> of requests.</summary>
    public FaultPlan(double rate = 0, int seed = 1)
    {
        Rate = rate;
        _random = new Random(seed);
    }

    /// <summary>The share of requests that meet a random fault (0 to 1) when no scripted fault is queued.</summary>
    public double Rate { get; set; }

    /// <summary>How long a <see cref="Fault.SlowAfterStored"/> answer is held (longer than the attempt timeout).</summary>
    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>The <c>Retry-After</c> (seconds) of an injected 429 or 503.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>Only requests whose path contains this are faulted (null: all).</summary>
    public string? PathFilter { get; set; }

    /// <summary>Requests seen by the fault layer (every attempt, including retries).</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Deliveries to the server (a duplicated delivery counts twice).</summary>
    public int ReachedServer => Volatile.Read(ref _reachedServer);

    /// <summary>How many faults of each kind were injected.</summary>
    public IReadOnlyDictionary<Fault, int> Counts => new Dictionary<Fault, int>(_counts);

    /// <summary>Injected faults in total.</summary>
    public int Injected => _counts.Values.Sum();

    /// <summary>Queues faults for the next requests, in order (before random ones).</summary>
    public void Script(params Fault[] faults)
    {
        foreach (var fault in faults)
        {
            _script.Enqueue(fault);
        }
    }

    internal Fault Next(HttpRequestMessage request)
    {
        Interlocked.Increment(ref _requests);
        if (PathFilter is not null && !request.RequestUri!.AbsolutePath.Contains(PathFilter, StringComparison.Ordinal))
        {
            return Fault.None;
        }

        Fault fault;
        if (_script.TryDequeue(out var scripted))
        {
            fault = scripted;
        }
        else
        {
            lock (_gate)
            {
                fault = _random.NextDouble() < Rate ? Kinds[_random.Next(Kinds.Length)] : Fault.None;
            }
        }

        if (fault != Fault.None)
        {
            _counts.AddOrUpdate(fault, 1, static (_, n) => n + 1);
        }

        return fault;
    }

    internal void Reached() => Interlocked.Increment(ref _reachedServer);
}

/// <summary>
/// A client-side fault layer below the resilience pipeline (so every retry meets it too), in front of the real socket
/// transport to the sandbox. The sandbox itself is not changed.
/// </summary>
public sealed class FaultInjectingHandler : DelegatingHandler
{
    private readonly FaultPlan _plan;

    public FaultInjectingHandler(FaultPlan plan) => _plan = plan;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        switch (_plan.Next(request))
        {
            case Fault.ResetBeforeSent:
                throw new HttpRequestException("Connection reset by peer (injected before sending)", new IOException("connection reset"));
            case Fault.Status500:
                return Status(HttpStatusCode.InternalServerError, request, null);
            case Fault.Status503:
                return Status(HttpStatusCode.ServiceUnavailable, request, _plan.RetryAfterSeconds);
            case Fault.TooManyRequests:
                return Status(HttpStatusCode.TooManyRequests, request, _plan.RetryAfterSeconds);
            case Fault.ResetAfterStored:
                (await ForwardAsync(request, cancellationToken).ConfigureAwait(false)).Dispose();
                throw new HttpRequestException("Connection reset by peer (injected after the server answered)", new IOException("connection reset"));
            case Fault.Status500AfterStored:
                (await ForwardAsync(request, cancellationToken).ConfigureAwait(false)).Dispose();
                return Status(HttpStatusCode.InternalServerError, request, null);
            case Fault.SlowAfterStored:
                var late = await ForwardAsync(request, cancellationToken).ConfigureAwait(false);
                try
                {
                    await Task.Delay(_plan.SlowDelay, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    late.Dispose();
                    throw;
                }

                return late;
            case Fault.DuplicatedDelivery:
                var copy = await CloneAsync(request).ConfigureAwait(false);
                var first = ForwardAsync(request, cancellationToken);
                var second = ForwardAsync(copy, cancellationToken);
                var answers = await Task.WhenAll(first, second).ConfigureAwait(false);
                answers[1].Dispose();
                copy.Dispose();
                return answers[0];
            default:
                return await ForwardAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<HttpResponseMessage> ForwardAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _plan.Reached();
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        return response;
    }

    private static HttpResponseMessage Status(HttpStatusCode status, HttpRequestMessage request, int? retryAfterSeconds)
    {
        var response = new HttpResponseMessage(status)
        {
            RequestMessage = request,
            Content = new StringContent("{\"error\":\"injected " + (int)status + "\"}", Encoding.UTF8, "application/json"),
        };
        if (retryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
        }

        return response;
    }

    private static async Task<HttpRequestMessage> CloneAsync(HttpRequestMessage request)
    {
        var clone = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version };
        foreach (var header in request.Headers)
        {
            clone.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (request.Content is not null)
        {
            var bytes = await request.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            clone.Content = new ByteArrayContent(bytes);
            foreach (var header in request.Content.Headers)
            {
                clone.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return clone;
    }
}
