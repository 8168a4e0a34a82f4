using HarvestOrleans.Policies;

namespace HarvestOrleans.Grains.Options;

/// <summary>Eviction handling. Bound from configuration section <c>Harvest:Eviction</c>.</summary>
public sealed class EvictionOptions
{
    public const string SectionName = "Harvest:Eviction";

    /// <summary>One of <see cref="EvictionPolicyNames"/>; LiveAndLetDie is the paper's choice.</summary>
    public string Policy { get; set; } = EvictionPolicyNames.LiveAndLetDie;

    /// <summary>An invocation longer than this (observed p99 or max) makes its function "long".</summary>
    public TimeSpan LongThreshold { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>BoundedFailures: the eviction-failure rate long functions may reach on Harvest VMs.</summary>
    public double FailureRateTarget { get; set; } = 0.001;

    /// <summary>How often a draining VM checks whether its running invocations have finished.</summary>
    public TimeSpan DrainPollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The default of <see cref="EvictedVmRetention"/>: one hour.</summary>
    public static readonly TimeSpan DEFAULT_EVICTED_VM_RETENTION = TimeSpan.FromHours(1);

    /// <summary>
    /// How long the cluster registry (the cluster view, <c>status</c>, the cluster page) keeps listing a VM after it was
    /// evicted or its silo went away; then it is forgotten (its VM grain's own record stays in storage).
    /// </summary>
    public TimeSpan EvictedVmRetention { get; set; } = DEFAULT_EVICTED_VM_RETENTION;

    public EvictionPolicySettings ToSettings() => new() { LongThreshold = LongThreshold, FailureRateTarget = FailureRateTarget };
}
