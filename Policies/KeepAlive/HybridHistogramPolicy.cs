namespace HarvestOrleans.Policies;

/// <summary>
/// The hybrid histogram keep-alive policy (Shahrad et al., ATC'20). When a function's idle-time histogram is
/// representative, unload after each invocation and pre-warm at the histogram's head (5th percentile, less a margin),
/// keeping the instance until its tail (99th percentile, plus a margin). Otherwise fall back to a fixed keep-alive.
/// The paper forecasts out-of-bounds idle times with ARIMA; here they also fall back to the fixed window.
/// </summary>
public sealed class HybridHistogramPolicy : IKeepAlivePolicy
{
    public string Name => KeepAlivePolicyNames.HybridHistogram;

    public KeepAliveWindows Windows(IdleTimeHistogram idleTimes, KeepAlivePolicySettings settings)
    {
        var total = idleTimes.Count + idleTimes.OutOfBounds;
        var representative = idleTimes.Count >= settings.MinSamples
            && idleTimes.OutOfBounds <= total * settings.MaxOutOfBoundsFraction
            && idleTimes.BinCountCv() >= settings.MinBinCountCv;
        if (!representative)
        {
            return new KeepAliveWindows(TimeSpan.Zero, settings.KeepAlive);
        }

        var head = idleTimes.Percentile(settings.HeadPercentile, upperEdge: false);
        var tail = idleTimes.Percentile(settings.TailPercentile, upperEdge: true);
        var preWarm = head * (1 - settings.Margin);
        var keepAlive = (tail - preWarm) * (1 + settings.Margin);
        return new KeepAliveWindows(preWarm, keepAlive < idleTimes.BinWidth ? idleTimes.BinWidth : keepAlive);
    }
}

/// <summary>
/// The keep-alive policies' tunables; defaults are the paper's, except the keep-alive (10 minutes, as OpenWhisk), and
/// the one home of each value.
/// </summary>
public sealed record KeepAlivePolicySettings
{
    /// <summary>The default of <see cref="KeepAlive"/>: 10 minutes, OpenWhisk's.</summary>
    public static readonly TimeSpan DEFAULT_KEEP_ALIVE = TimeSpan.FromMinutes(10);

    /// <summary>The default of <see cref="BinWidth"/>: one minute, the paper's.</summary>
    public static readonly TimeSpan DEFAULT_BIN_WIDTH = TimeSpan.FromMinutes(1);

    /// <summary>The default of <see cref="BinCount"/>: 240 (with one-minute bins, a 4-hour range).</summary>
    public const int DEFAULT_BIN_COUNT = 240;

    /// <summary>The default of <see cref="MinSamples"/>: 10.</summary>
    public const int DEFAULT_MIN_SAMPLES = 10;

    /// <summary>The settings with every default.</summary>
    public static KeepAlivePolicySettings Default { get; } = new();

    /// <summary>
    /// The fixed policy's window, and the hybrid policy's fallback when a function's history shows no pattern; not
    /// negative. Default <see cref="DEFAULT_KEEP_ALIVE"/>.
    /// </summary>
    public TimeSpan KeepAlive { get; init; } = DEFAULT_KEEP_ALIVE;

    /// <summary>Hybrid: idle-time histogram bin width; positive. Default <see cref="DEFAULT_BIN_WIDTH"/>.</summary>
    public TimeSpan BinWidth { get; init; } = DEFAULT_BIN_WIDTH;

    /// <summary>Hybrid: number of bins, at least 1. Default <see cref="DEFAULT_BIN_COUNT"/>.</summary>
    public int BinCount { get; init; } = DEFAULT_BIN_COUNT;

    /// <summary>Hybrid: percentile of the idle times at which to pre-warm (5 in the paper).</summary>
    public double HeadPercentile { get; init; } = 5;

    /// <summary>Hybrid: percentile of the idle times until which to keep the instance (99 in the paper).</summary>
    public double TailPercentile { get; init; } = 99;

    /// <summary>Hybrid: pre-warm earlier and keep alive longer by this fraction (0.1 in the paper).</summary>
    public double Margin { get; init; } = 0.1;

    /// <summary>Hybrid: idle times needed before the histogram is trusted, at least 1. Default <see cref="DEFAULT_MIN_SAMPLES"/>.</summary>
    public int MinSamples { get; init; } = DEFAULT_MIN_SAMPLES;

    /// <summary>Hybrid: below this coefficient of variation of the bin counts the histogram shows no pattern (2 in the paper).</summary>
    public double MinBinCountCv { get; init; } = 2;

    /// <summary>Hybrid: the largest fraction of idle times beyond the histogram's range for it to be trusted.</summary>
    public double MaxOutOfBoundsFraction { get; init; } = 0.5;
}
