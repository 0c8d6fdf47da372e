using System;
using System.Runtime.InteropServices;

namespace MultiMail.Benchmarks.Pairs;

/// <summary>CPU time of the calling thread (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>; elsewhere the process's CPU time).</summary>
public static class ThreadCpu
{
    private const int ClockThreadCpuTimeId = 3;

    public static bool IsThreadClock { get; } = OperatingSystem.IsLinux() && TryRead(out _);

    /// <summary>Nanoseconds of CPU the current thread has used.</summary>
    public static long Nanoseconds()
    {
        if (IsThreadClock && TryRead(out var ns))
        {
            return ns;
        }

        return (long)(System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.Ticks * 100);
    }

    private static bool TryRead(out long nanoseconds)
    {
        try
        {
            if (clock_gettime(ClockThreadCpuTimeId, out var value) == 0)
            {
                nanoseconds = value.Seconds * 1_000_000_000L + value.Nanoseconds;
                return true;
            }
        }
        catch (DllNotFoundException)
        {
        }
        catch (EntryPointNotFoundException)
        {
        }

        nanoseconds = 0;
        return false;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", SetLastError = false)]
    private static extern int clock_gettime(int clockId, out TimeSpec value);
}
