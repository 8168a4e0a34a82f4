namespace HarvestOrleans.Policies;

/// <summary>
/// Counts of measured cores in 0.1-core bins, and the CPU limit a percentile of them gives, as the authors' Distribution
/// does (DIS 27-31, 63-70, 89-102; CLB 294-322): a sample of c cores falls in bin ⌈c / 0.1⌉ (at most the last, 40
/// cores' worth), a percentile is the first bin whose cumulative share reaches it, times 0.1 (bin 0 reads 0.1), and the
/// limit is clamp(⌈1.5 · p99⌉, 1, 4). One deliberate difference: the original divides by 0.1 in floating point, which
/// puts some exact tenths (1.1, 2.3, ...) one bin up; here an exact tenth stays in its own bin. Not thread-safe.
/// </summary>
public sealed class CpuHistogram
{
    /// <summary>Width of a bin, in cores.</summary>
    public const double BIN_CORES = 0.1;

    /// <summary>Cores the bins span (the original's cpuUtilNumCores); larger samples count in the last bin.</summary>
    public const int MAX_CORES = 40;

    /// <summary>The percentile the CPU limit is taken at (the original's cpuLimitPercentile).</summary>
    public const double LIMIT_PERCENTILE = 0.99;

    /// <summary>The headroom the CPU limit gives over that percentile (the original's redundantRatio).</summary>
    public const double LIMIT_RATIO = 1.5;

    /// <summary>The smallest CPU limit, in cores (the original's minCpuLimit).</summary>
    public const double MIN_LIMIT = 1;

    /// <summary>The largest CPU limit, in cores (the original's maxCpuLimit).</summary>
    public const double MAX_LIMIT = 4;

    private const int BINS = (int)(MAX_CORES / BIN_CORES);

    // Tolerance for the floating-point noise of c / 0.1 (an exact tenth must not spill into the next bin).
    private const double TENTH_TOLERANCE = 1e-9;

    private readonly long[] _bins = new long[BINS];

    /// <summary>Samples counted.</summary>
    public long Count { get; private set; }

    /// <summary>Counts one sample of <paramref name="cores"/>.</summary>
    public void Add(double cores)
    {
        var bin = (int)Math.Clamp(Math.Ceiling((cores / BIN_CORES) - TENTH_TOLERANCE), 0, BINS - 1);
        _bins[bin]++;
        Count++;
    }

    /// <summary>The <paramref name="q"/> percentile in cores (a multiple of 0.1, at least 0.1); 0 with no samples.</summary>
    public double Percentile(double q)
    {
        long cumulative = 0;
        for (var i = 0; i < BINS && Count > 0; i++)
        {
            cumulative += _bins[i];
            if ((double)cumulative / Count >= q)
            {
                return i == 0 ? BIN_CORES : Math.Round(i * BIN_CORES, 1);
            }
        }

        return 0;
    }

    /// <summary>clamp(⌈1.5 · p99⌉, 1, 4) (CLB 322); null with no samples.</summary>
    public double? CpuLimit() => Count == 0 ? null : Limit(Percentile(LIMIT_PERCENTILE), LIMIT_RATIO);

    /// <summary>clamp(⌈ratio · cores⌉, 1, 4): how the original turns cores into a CPU limit (CLB 322-328).</summary>
    public static double Limit(double cores, double ratio) => Math.Clamp(Math.Ceiling(cores * ratio), MIN_LIMIT, MAX_LIMIT);

    /// <summary>The bin counts, up to the last non-empty one: enough to rebuild the histogram elsewhere.</summary>
    public long[] Export()
    {
        var last = Array.FindLastIndex(_bins, c => c > 0);
        return _bins.AsSpan(0, last + 1).ToArray();
    }

    /// <summary>Adds exported bin counts (see <see cref="Export"/>).</summary>
    public void Import(IReadOnlyList<long> bins)
    {
        for (var i = 0; i < Math.Min(bins.Count, BINS); i++)
        {
            _bins[i] += bins[i];
            Count += bins[i];
        }
    }
}
