using HarvestOrleans.Simulation.Inputs;
using HarvestOrleans.Simulation.Output;

namespace HarvestOrleans.Experiments.Simulation.Experiments;

/// <summary>One saturating run of the budget experiment: its cluster, users and what it completed and cost.</summary>
public sealed record BudgetRun(string Label, IReadOnlyList<SimVmSpec> Vms, int Users, SimulationResult Result)
{
    /// <summary>VMs the run started with (replacements of evicted VMs not counted).</summary>
    public int InitialVms => Vms.Count(v => v.JoinAtSeconds == 0);

    /// <summary>Successful invocations per simulated second.</summary>
    public double Throughput => Result.Throughput;

    public CostFigures Cost => CostFigures.Of(Result.Cost);

    public double CoreHours => Result.Cost.TotalCoreHours;

    /// <summary>Successful invocations per core-hour paid for: how well the cluster turns cores into work.</summary>
    public double InvocationsPerCoreHour => CoreHours > 0 ? Result.Stats.Succeeded / CoreHours : double.NaN;

    /// <summary>VMs evicted during the run (with or without notice).</summary>
    public int Evictions => Vms.Count(v => v.NoticeAtSeconds < Result.SimulatedSeconds || v.LostAtSeconds < Result.SimulatedSeconds);

    /// <summary>Invocations whose final record says an eviction cut them off.</summary>
    public long LostToEvictions => Result.Stats.FailuresByStatus.Where(f => f.Key.StartsWith(nameof(SimStatus.Evicted), StringComparison.Ordinal)).Sum(f => f.Value);
}
