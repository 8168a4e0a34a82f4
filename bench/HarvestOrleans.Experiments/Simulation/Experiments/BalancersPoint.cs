using HarvestOrleans.Simulation.Output;

namespace HarvestOrleans.Experiments.Simulation.Experiments;

/// <summary>One point of the balancing experiment: a policy on a trace's cluster at a number of users.</summary>
public sealed record BalancersPoint(string Trace, string Policy, int Users, SimulationResult Result)
{
    public double ColdStartPct => Result.Stats.ColdStartPct;

    public double P50Ms => Result.Stats.Latency.Percentile(50);

    public double P99Ms => Result.Stats.Latency.Percentile(99);

    public CostFigures Cost => CostFigures.Of(Result.Cost);
}
