using HarvestOrleans.Policies;

namespace HarvestOrleans.Grains.Options;

/// <summary>
/// How long warm function instances stay loaded on a VM. Bound from <c>Harvest:WarmPool</c>. The policy tunables
/// default to <see cref="KeepAlivePolicySettings"/>' values, their one home.
/// </summary>
public sealed class WarmPoolOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Harvest:WarmPool";

    /// <summary>The default of <see cref="Policy"/>: the fixed window.</summary>
    public const string DEFAULT_POLICY = KeepAlivePolicyNames.Fixed;

    /// <summary>The default of <see cref="SweepInterval"/>: 1 s.</summary>
    public static readonly TimeSpan DEFAULT_SWEEP_INTERVAL = TimeSpan.FromSeconds(1);

    /// <summary>The shortest <see cref="SweepInterval"/> accepted: 10 ms.</summary>
    public static readonly TimeSpan MIN_SWEEP_INTERVAL = TimeSpan.FromMilliseconds(10);

    /// <summary>A registered keep-alive policy's name (built-in: <see cref="KeepAlivePolicyNames"/>). Default <see cref="DEFAULT_POLICY"/>.</summary>
    public string Policy { get; set; } = DEFAULT_POLICY;

    /// <summary>
    /// The fixed policy's window, and the hybrid policy's fallback when a function's history shows no pattern; not
    /// negative. Default <see cref="KeepAlivePolicySettings.DEFAULT_KEEP_ALIVE"/> (10 minutes, OpenWhisk's).
    /// </summary>
    public TimeSpan KeepAlive { get; set; } = KeepAlivePolicySettings.DEFAULT_KEEP_ALIVE;

    /// <summary>How often expired instances are unloaded and due pre-warms started; at least <see cref="MIN_SWEEP_INTERVAL"/>. Default <see cref="DEFAULT_SWEEP_INTERVAL"/>.</summary>
    public TimeSpan SweepInterval { get; set; } = DEFAULT_SWEEP_INTERVAL;

    /// <summary>Hybrid policy: idle-time histogram bin width; positive. Default <see cref="KeepAlivePolicySettings.DEFAULT_BIN_WIDTH"/> (one minute, the paper's).</summary>
    public TimeSpan HistogramBinWidth { get; set; } = KeepAlivePolicySettings.DEFAULT_BIN_WIDTH;

    /// <summary>Hybrid policy: number of bins, at least 1. Default <see cref="KeepAlivePolicySettings.DEFAULT_BIN_COUNT"/> (240: four hours of one-minute bins).</summary>
    public int HistogramBins { get; set; } = KeepAlivePolicySettings.DEFAULT_BIN_COUNT;

    /// <summary>Hybrid policy: idle times observed before the histogram is trusted, at least 1. Default <see cref="KeepAlivePolicySettings.DEFAULT_MIN_SAMPLES"/>.</summary>
    public int HistogramMinSamples { get; set; } = KeepAlivePolicySettings.DEFAULT_MIN_SAMPLES;

    /// <summary>The policy tunables of these options.</summary>
    public KeepAlivePolicySettings ToSettings() => new()
    {
        KeepAlive = KeepAlive,
        BinWidth = HistogramBinWidth,
        BinCount = HistogramBins,
        MinSamples = HistogramMinSamples,
    };
}
