using HarvestOrleans.Simulation.Inputs;
using HarvestOrleans.Simulation.Output;

namespace HarvestOrleans.Experiments.Simulation.Experiments;

/// <summary>One day of one eviction policy on one cluster: what failed and why, and what it cost.</summary>
public sealed record EvictionsRun(string Policy, double MeanLifetimeDays, int RegularVms, IReadOnlyList<SimVmSpec> Vms, SimulationResult Result, RecordTally Long)
{
    public SimulationStats Stats => Result.Stats;

    /// <summary>Harvest VMs evicted during the run.</summary>
    public int Evictions => Vms.Count(v => v.NoticeAtSeconds < Result.SimulatedSeconds || v.LostAtSeconds < Result.SimulatedSeconds);

    /// <summary>Invocations whose final record says an eviction cut them off.</summary>
    public long EvictionFailures => Stats.FailuresByStatus.Where(f => f.Key.StartsWith(nameof(SimStatus.Evicted), StringComparison.Ordinal)).Sum(f => f.Value);

    /// <summary>Every other failure: invocations turned away (queue full or wait exceeded, no capacity) or timed out.</summary>
    public long OtherFailures => Stats.Failures - EvictionFailures;

    public double EvictionFailurePct => Stats.Invocations == 0 ? double.NaN : 100.0 * EvictionFailures / Stats.Invocations;

    public double OtherFailurePct => Stats.Invocations == 0 ? double.NaN : 100.0 * OtherFailures / Stats.Invocations;

    /// <summary>Invocations an eviction cut off, per eviction (NaN without one).</summary>
    public double FailuresPerEviction => Evictions == 0 ? double.NaN : (double)EvictionFailures / Evictions;

    public CostFigures Cost => CostFigures.Of(Result.Cost);
}
