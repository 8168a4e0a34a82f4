namespace HarvestOrleans.Grains.Invoker;

/// <summary>
/// The most cores one invocation's work used at once, the way a container's CPU is sampled: its runs' CPU time spread
/// over the wall time each run took, summed in fixed windows from the invocation's start, and the busiest window's CPU
/// over the window's length. A window is <see cref="WINDOW"/> long, or the invocation's span when it is shorter (then
/// the peak is its average). Runs that overlap add up (a parallel phase shows its width); a run blocked in a wait adds
/// only the CPU it used; an invocation that waits long and computes briefly peaks low, as a sampled container does.
/// Not thread-safe: its scheduler calls it under its lock.
/// </summary>
internal sealed class PeakCpuWindows
{
    /// <summary>The sampling window: 100 ms.</summary>
    public static readonly TimeSpan WINDOW = TimeSpan.FromMilliseconds(100);

    private readonly long _origin;
    private readonly double _windowTicks;
    private readonly double _nanosecondsPerTick;
    private readonly List<double> _cpuNanoseconds = [];
    private long _end;

    /// <param name="origin">The invocation's start, a <see cref="System.Diagnostics.Stopwatch"/> timestamp.</param>
    /// <param name="ticksPerSecond">The timestamps' frequency.</param>
    public PeakCpuWindows(long origin, long ticksPerSecond)
    {
        _origin = origin;
        _end = origin;
        _windowTicks = WINDOW.TotalSeconds * ticksPerSecond;
        _nanosecondsPerTick = 1e9 / ticksPerSecond;
    }

    /// <summary>A run from <paramref name="start"/> to <paramref name="end"/> (timestamps) that used <paramref name="cpuNanoseconds"/>.</summary>
    public void Add(long start, long end, long cpuNanoseconds)
    {
        start = Math.Max(start, _origin);
        end = Math.Max(end, start);
        _end = Math.Max(_end, end);
        if (cpuNanoseconds <= 0)
        {
            return;
        }

        var from = (start - _origin) / _windowTicks;
        var to = (end - _origin) / _windowTicks;
        if (to <= from)
        {
            AddTo((int)from, cpuNanoseconds); // too short for the clock to see: all in its window
            return;
        }

        for (var window = (int)from; window < to; window++)
        {
            var overlap = Math.Min(window + 1, to) - Math.Max(window, from);
            AddTo(window, cpuNanoseconds * overlap / (to - from));
        }
    }

    /// <summary>The busiest window's cores; 0 before any CPU was used.</summary>
    public double PeakCores()
    {
        if (_cpuNanoseconds.Count == 0)
        {
            return 0;
        }

        var spanTicks = Math.Min(_windowTicks, _end - _origin);
        var spanNanoseconds = Math.Max(spanTicks, 1) * _nanosecondsPerTick;
        return _cpuNanoseconds.Max() / spanNanoseconds;
    }

    private void AddTo(int window, double cpuNanoseconds)
    {
        while (_cpuNanoseconds.Count <= window)
        {
            _cpuNanoseconds.Add(0);
        }

        _cpuNanoseconds[window] += cpuNanoseconds;
    }
}
