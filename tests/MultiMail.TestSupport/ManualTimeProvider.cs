using System;

namespace MultiMail.TestSupport;

/// <summary>
/// A clock the test moves by hand, so quota windows, Retry-After and expiry are exact. Only the time it reports is
/// manual: timers still run on real time (the sandbox uses them only for its background sweep), which is why this is
/// not Microsoft.Extensions.TimeProvider.Testing's FakeTimeProvider, whose timers fire only when the test advances it.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly object _gate = new();
    private DateTimeOffset _now;

    /// <summary>Starts at <paramref name="start"/>.</summary>
    public ManualTimeProvider(DateTimeOffset start) => _now = start;

    /// <summary>A fixed start: 2 March 2026, 09:00 UTC.</summary>
    public static ManualTimeProvider StartingAt2026() => new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    /// <summary>Starts at the current time truncated to whole seconds.</summary>
    public static ManualTimeProvider StartingNow()
    {
        var now = DateTimeOffset.UtcNow;
        return new ManualTimeProvider(new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero));
    }

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <summary>Moves the clock forward.</summary>
    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            _now += by;
        }
    }
}
