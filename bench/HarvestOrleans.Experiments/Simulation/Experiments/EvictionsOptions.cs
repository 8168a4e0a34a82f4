using HarvestOrleans.Policies;

namespace HarvestOrleans.Experiments.Simulation.Experiments;

/// <summary>
/// <c>simulate evictions</c>: a day of a mostly-harvest cluster (12 Harvest VMs on the active traces, 2 regular VMs of
/// 16 cores) under the paper's mix plus 4% long invocations (<see cref="LongFunction"/>), once per eviction policy, at
/// the paper's Harvest VM lifetimes and at a stress lifetime; for each policy, the regular VMs it needs.
/// </summary>
public sealed record EvictionsOptions
{
    /// <summary>The eviction policies, in the order reported.</summary>
    public static IReadOnlyList<string> AllPolicies { get; } = [EvictionPolicyNames.LiveAndLetDie, EvictionPolicyNames.BoundedFailures, EvictionPolicyNames.NoFailures];

    public IReadOnlyList<string> Policies { get; init; } = AllPolicies;

    public int HarvestVms { get; init; } = 12;

    /// <summary>The regular VMs every policy starts with; the search adds more until the policy meets the SLO.</summary>
    public int RegularVms { get; init; } = 2;

    public double RegularCores { get; init; } = 16;

    /// <summary>The most regular VMs the search tries.</summary>
    public int MaxRegularVms { get; init; } = 24;

    /// <summary>
    /// The capacity SLO the regular VMs are sized for: failures other than evictions' (invocations turned away: queue
    /// full, queue wait exceeded, no capacity) at most this % of the invocations.
    /// </summary>
    public double SloFailurePct { get; init; } = 0.1;

    /// <summary>A folder with the harvest trace scenarios; null: the bundled samples/traces/harvest.</summary>
    public string? HarvestTraces { get; init; }

    public string Trace { get; init; } = "active";

    /// <summary>The balancing policy (the paper's).</summary>
    public string BalancingPolicy { get; init; } = BalancingPolicyNames.MinWorkerSet;

    public PolicyMode Mode { get; init; } = PolicyMode.Default;

    public TimeSpan Duration { get; init; } = TimeSpan.FromHours(24);

    public int Users { get; init; } = 150;

    public double ThinkSeconds { get; init; } = PaperWorkload.PAPER_THINK_SECONDS;

    public double WorkScale { get; init; } = PaperWorkload.DEFAULT_WORK_SCALE;

    /// <summary>The share of long invocations.</summary>
    public double LongShare { get; init; } = LongFunction.DEFAULT_SHARE;

    /// <summary>The paper's Harvest VM lifetimes (and notice, replacement).</summary>
    public EvictionModel Evictions { get; init; } = new();

    /// <summary>A shorter mean lifetime, run beside the paper's to see failures at all in a day; null: none.</summary>
    public double? StressLifetimeDays { get; init; } = 1;

    public int Seed { get; init; } = 1;

    public int Parallelism { get; init; } = ParallelRuns.DefaultDegree;

    /// <summary>The smoke run: 2 simulated hours, 80 users.</summary>
    public static EvictionsOptions Quick { get; } = new() { Duration = TimeSpan.FromHours(2), Users = 80, StressLifetimeDays = 0.1 };
}
