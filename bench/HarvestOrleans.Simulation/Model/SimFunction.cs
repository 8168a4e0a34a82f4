using HarvestOrleans.Policies;
using HarvestOrleans.Simulation.Inputs;

namespace HarvestOrleans.Simulation.Model;

/// <summary>
/// One function's planner state (a FunctionGrain's: usage profile and worker set) and the caller's route lease for it.
/// </summary>
internal sealed class SimFunction(int index, SimFunctionSpec spec, SimulationOptions options)
{
    public int Index { get; } = index;

    public SimFunctionSpec Spec { get; } = spec;

    public PlannedFunction Planned { get; } = new(spec.Name, spec.DeclaredCores, spec.MemoryMb, spec.LongRunning);

    public FunctionUsageProfile Profile { get; } = new((long)options.RateWindow.TotalMilliseconds, options.ExecutionSamples);

    public WorkerSetState WorkerSet { get; } = new();

    /// <summary>Whether it has been planned (a FunctionGrain exists): only those are rebalanced on an eviction.</summary>
    public bool HasPlanned { get; set; }

    /// <summary>The plan its planner made last (a lease's or a rebalance's): what the planner's early refresh looks at.</summary>
    public RoutePlan? LastPlan { get; set; }

    public RoutePlan? Lease { get; set; }

    public long LeaseExpiresUs { get; set; }
}
