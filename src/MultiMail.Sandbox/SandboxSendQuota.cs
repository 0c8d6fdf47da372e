using System;

namespace MultiMail.Sandbox;

/// <summary>
/// A sending quota: at most <see cref="MaxSends"/> send or reply calls per mailbox within any sliding
/// <see cref="Window"/>. A call over the quota is answered 429 with a <c>Retry-After</c> header (seconds).
/// </summary>
/// <param name="MaxSends">How many emails a mailbox may send (or reply) within the window; at least 1.</param>
/// <param name="Window">The length of the sliding window; positive.</param>
public sealed record SandboxSendQuota(int MaxSends, TimeSpan Window)
{
    internal void Validate()
    {
        if (MaxSends < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxSends), MaxSends, "A send quota must allow at least one send.");
        }

        if (Window <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Window), Window, "A send quota's window must be positive.");
        }
    }
}
