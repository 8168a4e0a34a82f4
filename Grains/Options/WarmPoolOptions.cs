using HarvestOrleans.Policies;

namespace HarvestOrleans.Grains.Options;

/// <summary>How long warm function instances stay loaded on a VM. Bound from <c>Harvest:WarmPool</c>.</summary>
public sealed class WarmPoolOptions
{
    public const string SectionName = "Harvest:WarmPool";

    /// <summary>One of <see cref="KeepAlivePolicyNames"/>.</summary>
    public string Policy { get; set; } = KeepAlivePolicyNames.Fixed;

    /// <summary>The fixed policy's window, and the hybrid policy's fallback when a function's history shows no pattern.</summary>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often expired instances are unloaded and due pre-warms started.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Hybrid policy: idle-time histogram bin width (one minute in the paper).</summary>
    public TimeSpan HistogramBinWidth { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Hybrid policy: number of bins (240 one-minute bins, four hours, in the paper).</summary>
    public int HistogramBins { get; set; } = 240;

    /// <summary>Hybrid policy: idle times observed before the histogram is trusted.</summary>
    public int HistogramMinSamples { get; set; } = 10;

    public IKeepAlivePolicy CreatePolicy() => Policy switch
    {
        KeepAlivePolicyNames.HybridHistogram => new HybridHistogramPolicy(new HybridHistogramSettings
        {
            BinWidth = HistogramBinWidth,
            BinCount = HistogramBins,
            MinSamples = HistogramMinSamples,
            FallbackKeepAlive = KeepAlive,
        }),
        _ => new FixedKeepAlivePolicy(KeepAlive),
    };
}
