using HarvestOrleans.Experiments.Comparison;

namespace HarvestOrleans.Experiments.Simulation.Fidelity;

/// <summary>A fidelity check: the live comparison, the simulator calibrated from each of its cells, and the cells side by side.</summary>
public sealed record FidelityResult(ComparisonReport Live, IReadOnlyDictionary<(string Scenario, string Policy), SimCalibration> Calibrations, IReadOnlyList<SimCell> Simulated, IReadOnlyList<FidelityCell> Cells, FidelityBounds Bounds)
{
    /// <summary>Every cell agrees.</summary>
    public bool Agrees => Cells.All(c => c.Agrees);
}
