namespace HarvestOrleans.Experiments.Simulation.Fidelity;

/// <summary>The figures a fidelity check compares, for one cell of one run (live or simulated).</summary>
/// <param name="Invocations">Final records.</param>
/// <param name="ColdStartPct">Invocations that started an instance, among those that ran.</param>
/// <param name="VmsPerFunction">Distinct VMs that ran each function, averaged over functions.</param>
/// <param name="P50Ms">Median end-to-end latency of succeeded invocations.</param>
public sealed record FidelityFigures(long Invocations, double ColdStartPct, double VmsPerFunction, double P50Ms);
