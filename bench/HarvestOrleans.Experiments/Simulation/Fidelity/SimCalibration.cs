using HarvestOrleans.Simulation;
using HarvestOrleans.Simulation.Inputs;

namespace HarvestOrleans.Experiments.Simulation.Fidelity;

/// <summary>
/// What the simulator is told a run costs: each suite function's execution time and cold start (by suite code name),
/// and the time a message takes between the client and a VM.
/// </summary>
/// <param name="Costs">Suite function name → its costs.</param>
/// <param name="NetworkHopMs">One message between two processes, in ms.</param>
public sealed record SimCalibration(IReadOnlyDictionary<string, SimFunctionSpec> Costs, double NetworkHopMs)
{
    /// <summary>The checked-in measurements of the live runtime (<c>functionbench.json</c>) and the simulator's default hop.</summary>
    public static SimCalibration Measured() =>
        new(FunctionBenchCosts.LoadEmbedded().ToDictionary(f => f.Name, StringComparer.Ordinal), SimulationOptions.DEFAULT_NETWORK_HOP_MS);
}
