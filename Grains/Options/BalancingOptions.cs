using HarvestOrleans.Policies;

namespace HarvestOrleans.Grains.Options;

/// <summary>Routing and worker sets. Bound from configuration section <c>Harvest:Balancing</c>.</summary>
public sealed class BalancingOptions
{
    public const string SectionName = "Harvest:Balancing";

    /// <summary>One of <see cref="BalancingPolicyNames"/>.</summary>
    public string Policy { get; set; } = BalancingPolicyNames.MinWorkerSet;

    public double UtilisationCap { get; set; } = 0.7;

    public TimeSpan ShrinkInterval { get; set; } = TimeSpan.FromSeconds(30);

    public int RingSize { get; set; } = ConsistentHashRing.DefaultSize;

    /// <summary>Count callers' in-flight work when picking; false reproduces the paper's code exactly.</summary>
    public bool CountReservations { get; set; } = true;

    /// <summary>Min-Worker-Set prefers a fitting worker with the function warm; false reproduces the paper's placement.</summary>
    public bool PreferWarm { get; set; } = true;

    /// <summary>Window over which a function's rps is measured.</summary>
    public TimeSpan RateWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Recent execution times kept per function for its p75.</summary>
    public int ExecutionSamples { get; set; } = 512;

    /// <summary>How often each silo refreshes its view of every VM's load.</summary>
    public TimeSpan ClusterViewRefresh { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long callers may reuse a route lease.</summary>
    public TimeSpan LeaseTtl { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a busy function's rps and p75 reach the cluster snapshot (status, page), until it is idle.</summary>
    public TimeSpan ProfilePublishInterval { get; set; } = TimeSpan.FromSeconds(2);

    public BalancingPolicySettings ToSettings() => new()
    {
        UtilisationCap = UtilisationCap,
        ShrinkIntervalMs = (long)ShrinkInterval.TotalMilliseconds,
        RingSize = RingSize,
        CountReservations = CountReservations,
        PreferWarm = PreferWarm,
    };
}
