using HarvestOrleans.Simulation.Output;

namespace HarvestOrleans.Experiments.Simulation.Resources;

/// <summary>One resource manager on the Freyr workload: the run and its figures.</summary>
public sealed record ResourcesRun(string Policy, SimulationResult Result)
{
    public SimulationStats Stats => Result.Stats;
}
