using HarvestOrleans.Simulation.Output;

namespace HarvestOrleans.Experiments.Simulation;

/// <summary>One simulated run of a report: its scenario (any label: a trace, a user count, a budget) and policy.</summary>
public sealed record SimCell(string Scenario, string Policy, SimulationResult Result);
