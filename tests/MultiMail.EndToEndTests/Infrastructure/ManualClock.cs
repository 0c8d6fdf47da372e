using System;

namespace MultiMail.EndToEndTests.Infrastructure;

/// <summary>A clock for the sandbox that only moves when told to, so quota windows and Retry-After are exact.</summary>
public sealed class ManualClock : TimeProvider
{
    private readonly object _gate = new();
    private DateTimeOffset _now;

    /// <summary>Starts at the current time truncated to whole seconds.</summary>
    public ManualClock()
    {
        var now = DateTimeOffset.UtcNow;
        _now = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
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
