namespace HarvestOrleans.Policies;

/// <summary>
/// A VM's recent peak load as its load reports give it (the paper's "recent peak usage"): the maximum of the last
/// <c>reports</c> per-interval peaks, so a burst between two reports is not missed and a drop shows only once the burst
/// has left the window. What the invoker reports and the simulator models. Not thread-safe.
/// </summary>
public sealed class LoadPeakWindow(int reports)
{
    private readonly Queue<LoadPeak> _peaks = new();

    /// <summary>Adds one interval's peaks and returns the window's.</summary>
    public LoadPeak Add(LoadPeak interval)
    {
        _peaks.Enqueue(interval);
        while (_peaks.Count > Math.Max(reports, 1))
        {
            _peaks.Dequeue();
        }

        double cores = 0, memory = 0, measured = 0;
        foreach (var p in _peaks)
        {
            (cores, memory, measured) = (Math.Max(cores, p.Cores), Math.Max(memory, p.MemoryMb), Math.Max(measured, p.MeasuredCores));
        }

        return new LoadPeak(cores, memory, measured);
    }
}

/// <summary>Peak cores held, memory held and cores measurably used, over an interval or a window.</summary>
public readonly record struct LoadPeak(double Cores, double MemoryMb, double MeasuredCores);
