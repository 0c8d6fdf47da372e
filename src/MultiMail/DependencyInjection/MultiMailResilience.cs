using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using MultiMail.Diagnostics;
using Polly;

namespace MultiMail.DependencyInjection;

/// <summary>
/// The MultiMail defaults for the standard resilience pipeline of Microsoft.Extensions.Http.Resilience (rate limiter →
/// total timeout → retry → circuit breaker → attempt timeout), and the rule that keeps retries from sending twice.
/// </summary>
internal static class MultiMailResilience
{
    /// <summary>The longest <c>Retry-After</c> the pipeline waits for; a longer one is passed to the model as "retry after N s".</summary>
    internal static readonly TimeSpan DefaultMaxRetryAfter = TimeSpan.FromSeconds(10);

    public static void ApplyDefaults(HttpStandardResilienceOptions options, ILogger logger)
    {
        options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(30);
        options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(10);

        var retry = options.Retry;
        retry.MaxRetryAttempts = 3;
        retry.BackoffType = DelayBackoffType.Exponential;
        retry.UseJitter = true;
        retry.Delay = TimeSpan.FromMilliseconds(500);
        retry.MaxDelay = DefaultMaxRetryAfter;
        retry.ShouldRetryAfterHeader = true;
        retry.ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Outcome, args.Context, retry, logger));
        retry.OnRetry = args =>
        {
            var request = args.Outcome.Result?.RequestMessage ?? args.Context.GetRequestMessage();
            if (logger.IsEnabled(LogLevel.Information))
            {
                Log.Retrying(logger, ResilienceMarks.ToolName(request), ResilienceMarks.Operation(request), args.AttemptNumber + 1, Reason(args.Outcome), args.RetryDelay.TotalMilliseconds);
            }

            return default;
        };

        // The breaker counts what says the service is in trouble (5xx, 408, timeouts, network errors); a 429 means the
        // service is fine and limiting this caller, so it does not count.
        var breaker = options.CircuitBreaker;
        breaker.FailureRatio = 0.5;
        breaker.MinimumThroughput = 20;
        breaker.SamplingDuration = TimeSpan.FromSeconds(30);
        breaker.BreakDuration = TimeSpan.FromSeconds(5);
        breaker.ShouldHandle = args => new ValueTask<bool>(IsServiceFailure(args.Outcome));
    }

    /// <summary>
    /// Retry a transient failure only when repeating the request cannot do anything twice: idempotent HTTP methods
    /// (GET, HEAD, OPTIONS, PUT, DELETE) and POST/PATCH requests that carry an idempotency key (every send and reply).
    /// A <c>Retry-After</c> longer than <see cref="Polly.Retry.RetryStrategyOptions{TResult}.MaxDelay"/> is not waited for.
    /// </summary>
    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, HttpRetryStrategyOptions retry, ILogger logger)
    {
        if (!HttpClientResiliencePredicates.IsTransient(outcome))
        {
            return false;
        }

        var request = outcome.Result?.RequestMessage ?? context.GetRequestMessage();
        if (request is null)
        {
            return false;
        }

        if (!IsIdempotentMethod(request.Method) && !ResilienceMarks.HasIdempotencyKey(request))
        {
            if (logger.IsEnabled(LogLevel.Debug))
            {
                Log.NotRetried(logger, ResilienceMarks.ToolName(request), ResilienceMarks.Operation(request), Reason(outcome), request.Method.Method + " without an idempotency key");
            }

            return false;
        }

        if (outcome.Result?.Headers.RetryAfter is { } header && retry.ShouldRetryAfterHeader)
        {
            var wait = header.Delta ?? (header.Date is { } date ? date - DateTimeOffset.UtcNow : TimeSpan.Zero);
            var max = retry.MaxDelay ?? DefaultMaxRetryAfter;
            if (wait > max)
            {
                if (logger.IsEnabled(LogLevel.Debug))
                {
                    Log.NotRetried(logger, ResilienceMarks.ToolName(request), ResilienceMarks.Operation(request), Reason(outcome), "Retry-After is longer than the retry's MaxDelay");
                }

                return false;
            }
        }

        return true;
    }

    internal static bool IsIdempotentMethod(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options || method == HttpMethod.Put
        || method == HttpMethod.Delete || method == HttpMethod.Trace;

    internal static bool IsServiceFailure(Outcome<HttpResponseMessage> outcome) =>
        HttpClientResiliencePredicates.IsTransient(outcome) && outcome.Result?.StatusCode != (HttpStatusCode)429;

    private static string Reason(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result is { } response
            ? "HTTP " + ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : outcome.Exception?.GetType().Name ?? "unknown";
}
