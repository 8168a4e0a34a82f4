namespace HarvestOrleans.Policies;

/// <summary>
/// Keeps one function's recent resource history for the resource policies, from its completed invocations: the last
/// one (allocation, peaks, success), the highest peaks of the successful ones since the last recalibration, and the
/// speedup profile (average cores used per allocated level, a running mean over the last
/// <see cref="SpeedupWindow"/> at each level). Not thread-safe: owned by one invoker or grain.
/// </summary>
public sealed class ResourceUsageHistory
{
    /// <summary>The default of <see cref="SpeedupWindow"/>: 32 invocations.</summary>
    public const int DEFAULT_SPEEDUP_WINDOW = 32;

    // By milli-cores, so 0.1 + 0.2 and 0.3 are one level.
    private readonly SortedDictionary<long, (double Mean, int Samples)> _speedup = [];
    private long _invocations;
    private bool _lastFailed;
    private ResourceAllocation _lastAllocation;
    private ResourceUsage _lastPeak;
    private double? _recentPeakCores;
    private double? _recentPeakMemory;
    private FunctionResourceHistory? _snapshot;

    /// <summary>A history whose speedup levels average the last <paramref name="speedupWindow"/> (at least 1) invocations each.</summary>
    public ResourceUsageHistory(int speedupWindow = DEFAULT_SPEEDUP_WINDOW)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(speedupWindow, 1);
        SpeedupWindow = speedupWindow;
    }

    /// <summary>Invocations each speedup level averages, at most (older ones fade out).</summary>
    public int SpeedupWindow { get; }

    /// <summary>Records one completed invocation.</summary>
    public void Record(ResourceOutcome outcome)
    {
        _invocations++;
        _lastFailed = !outcome.Succeeded;
        _lastAllocation = outcome.Allocation;
        _lastPeak = outcome.Peak;
        if (outcome.Recalibration)
        {
            (_recentPeakCores, _recentPeakMemory) = (null, null);
        }

        if (outcome.Succeeded)
        {
            _recentPeakCores = Higher(_recentPeakCores, outcome.Peak.Cores);
            _recentPeakMemory = Higher(_recentPeakMemory, outcome.Peak.MemoryMb);
            if (outcome.AverageCores is { } used && double.IsFinite(used) && used > 0 && outcome.Allocation.Cores > 0)
            {
                var level = CoreBudget.ToMilli(outcome.Allocation.Cores);
                var (mean, samples) = _speedup.GetValueOrDefault(level);
                samples = Math.Min(samples + 1, SpeedupWindow);
                _speedup[level] = (mean + (used - mean) / samples, samples);
            }
        }

        _snapshot = null;
    }

    /// <summary>What the policies decide from, now.</summary>
    public FunctionResourceHistory Snapshot() => _snapshot ??= _invocations == 0
        ? FunctionResourceHistory.None
        : new FunctionResourceHistory(
            _invocations,
            _lastFailed,
            _lastAllocation,
            _lastPeak,
            new ResourceUsage(_recentPeakCores, _recentPeakMemory),
            [.. _speedup.Select(level => new SpeedupPoint(level.Key / CoreBudget.Milli, level.Value.Mean, level.Value.Samples))]);

    private static double? Higher(double? kept, double? measured) =>
        measured is not { } value || !double.IsFinite(value) ? kept : kept is { } old ? Math.Max(old, value) : value;
}
