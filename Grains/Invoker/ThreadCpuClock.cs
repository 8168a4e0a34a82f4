using System.Runtime.InteropServices;

namespace HarvestOrleans.Grains.Invoker;

/// <summary>
/// CPU time the calling thread has consumed (user + system), in nanoseconds: the per-invocation CPU measurement reads
/// it as each of the invocation's scheduler runs starts and ends. Linux reads <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>,
/// Windows <c>GetThreadTimes</c>; on any other OS CPU is not measured (<see cref="IsSupported"/> is false and every
/// read is 0, so records say 0 core-seconds).
/// </summary>
internal static class ThreadCpuClock
{
    private const int CLOCK_THREAD_CPUTIME_ID = 3; // Linux, every architecture .NET runs on

    /// <summary>True where the calling thread's CPU time can be read (Linux, Windows).</summary>
    public static bool IsSupported { get; } = OperatingSystem.IsLinux() || OperatingSystem.IsWindows();

    /// <summary>The calling thread's CPU time so far, in ns; 0 where not <see cref="IsSupported"/>.</summary>
    public static long CurrentThreadNanoseconds()
    {
        if (OperatingSystem.IsLinux())
        {
            return clock_gettime(CLOCK_THREAD_CPUTIME_ID, out var now) == 0 ? ((long)now.Seconds * 1_000_000_000L) + now.Nanoseconds : 0;
        }

        if (OperatingSystem.IsWindows())
        {
            // FILETIME units are 100 ns.
            return GetThreadTimes(GetCurrentThread(), out _, out _, out var kernel, out var user) != 0 ? (kernel + user) * 100 : 0;
        }

        return 0;
    }

    /// <summary><c>struct timespec</c> as the exported <c>clock_gettime</c> takes it: two C longs.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public nint Seconds;
        public nint Nanoseconds;
    }

    // Plain DllImport: both signatures are blittable, so no marshalling stub (and no unsafe code for LibraryImport's).
    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int clock_gettime(int clockId, out Timespec time);

    [DllImport("kernel32.dll")]
    private static extern IntPtr GetCurrentThread();

    [DllImport("kernel32.dll")]
    private static extern int GetThreadTimes(IntPtr thread, out long creation, out long exit, out long kernel, out long user);
}
