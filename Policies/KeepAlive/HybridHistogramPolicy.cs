namespace HarvestOrleans.Policies;

/// <summary>
/// The hybrid histogram keep-alive policy (Shahrad et al., ATC'20). When a function's idle-time histogram is
/// representative, unload after each invocation and pre-warm at the histogram's head (5th percentile, less a margin),
/// keeping the instance until its tail (99th percentile, plus a margin). Otherwise fall back to a fixed keep-alive.
/// The paper forecasts out-of-bounds idle times with ARIMA; here they also fall back to the fixed window.
/// </summary>
public sealed class HybridHistogramPolicy(HybridHistogramSettings settings) : IKeepAlivePolicy
{
    public string Name => KeepAlivePolicyNames.HybridHistogram;

    public KeepAliveWindows Windows(IdleTimeHistogram idleTimes)
    {
        var total = idleTimes.Count + idleTimes.OutOfBounds;
        var representative = idleTimes.Count >= settings.MinSamples
            && idleTimes.OutOfBounds <= total * settings.MaxOutOfBoundsFraction
            && idleTimes.BinCountCv() >= settings.MinBinCountCv;
        if (!representative)
        {
            return new KeepAliveWindows(TimeSpan.Zero, settings.FallbackKeepAlive);
        }

        var head = idleTimes.Percentile(settings.HeadPercentile, upperEdge: false);
        var tail = idleTimes.Percentile(settings.TailPercentile, upperEdge: true);
        var preWarm = head * (1 - settings.Margin);
        var keepAlive = (tail - preWarm) * (1 + settings.Margin);
        return new KeepAliveWindows(preWarm, keepAlive < idleTimes.BinWidth ? idleTimes.BinWidth : keepAlive);
    }
}

/// <summary>The hybrid policy's tunables; defaults are the paper's, except the fallback (10 minutes, as OpenWhisk).</summary>
public sealed record HybridHistogramSettings
{
    public TimeSpan BinWidth { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Number of bins: with one-minute bins, a 4-hour range.</summary>
    public int BinCount { get; init; } = 240;

    public double HeadPercentile { get; init; } = 5;

    public double TailPercentile { get; init; } = 99;

    /// <summary>Pre-warm earlier and keep alive longer by this fraction (0.1 in the paper).</summary>
    public double Margin { get; init; } = 0.1;

    /// <summary>Idle times needed before the histogram is trusted.</summary>
    public int MinSamples { get; init; } = 10;

    /// <summary>Below this coefficient of variation of the bin counts the histogram shows no pattern (2 in the paper).</summary>
    public double MinBinCountCv { get; init; } = 2;

    public double MaxOutOfBoundsFraction { get; init; } = 0.5;

    public TimeSpan FallbackKeepAlive { get; init; } = TimeSpan.FromMinutes(10);
}
