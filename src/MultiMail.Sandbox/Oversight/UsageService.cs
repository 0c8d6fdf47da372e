using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MultiMail.Sandbox.Storage;

namespace MultiMail.Sandbox.Oversight;

/// <summary>Usage totals (SPEC <c>UsageSummary</c>).</summary>
internal sealed record UsageSummary(long From, long To, long EmailsSent, long EmailsReceived, long ApiCalls, long OversightActions);

/// <summary>One day's count of one event type (SPEC <c>UsageDaily.data</c>).</summary>
internal sealed record UsageDay(string Date, string EventType, long Count);

/// <summary>
/// Usage (API.md §2.10, <c>GET /v1/usage</c>): emails delivered and received and oversight decisions come from the
/// stored mail and audit log; API calls are counted in memory since the sandbox started (they are not stored).
/// </summary>
internal sealed class UsageService
{
    private readonly SandboxDatabase _database;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, long> _apiCallsByDay = new(StringComparer.Ordinal);

    public UsageService(SandboxDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    /// <summary>Counts one API call (every <c>/v1/</c> request).</summary>
    public void CountApiCall() => _apiCallsByDay.AddOrUpdate(Day(_time.GetUtcNow().ToUnixTimeMilliseconds()), 1, (_, n) => n + 1);

    /// <summary>The default window: from the start of the current month (UTC) to now.</summary>
    public (long From, long To) CurrentPeriod()
    {
        var now = _time.GetUtcNow();
        return (new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), now.ToUnixTimeMilliseconds());
    }

    public UsageSummary Summary(long from, long to) => _database.Read(c => new UsageSummary(
        from,
        to,
        ParityQueries.Deliveries(c, from, to),
        ParityQueries.Received(c, from, to),
        ApiCalls(from, to).Sum(d => d.Count),
        ParityQueries.OversightActions(c, from, to)));

    public IReadOnlyList<UsageDay> Daily(long from, long to) =>
        _database.Read(c => ParityQueries.Daily(c, from, to))
            .Select(d => new UsageDay(d.Date, d.EventType, d.Count))
            .Concat(ApiCalls(from, to))
            .OrderBy(d => d.Date, StringComparer.Ordinal)
            .ThenBy(d => d.EventType, StringComparer.Ordinal)
            .ToArray();

    private IEnumerable<UsageDay> ApiCalls(long from, long to)
    {
        var first = Day(from);
        var last = Day(to);
        return _apiCallsByDay
            .Where(d => string.CompareOrdinal(d.Key, first) >= 0 && string.CompareOrdinal(d.Key, last) <= 0)
            .Select(d => new UsageDay(d.Key, "api.call", d.Value));
    }

    private static string Day(long epochMilliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(epochMilliseconds).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
