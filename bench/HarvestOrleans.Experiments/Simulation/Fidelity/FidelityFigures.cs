namespace HarvestOrleans.Experiments.Simulation.Fidelity;

/// <summary>The figures a fidelity check compares, for one cell of one run (live or simulated).</summary>
/// <param name="Invocations">Final records.</param>
/// <param name="ColdStartPct">Invocations that started an instance, among those that ran.</param>
/// <param name="VmsPerFunction">Distinct VMs that ran each function, averaged over functions.</param>
/// <param name="P50Ms">Median end-to-end latency of succeeded invocations.</param>
/// <param name="P50BandLowMs">
/// A simulated run's latency at the low quantile of <see cref="FidelityBounds.MedianBand"/>: where the median of
/// another run of as many invocations of the same distribution may fall (NaN: not given, as for the live run).
/// </param>
/// <param name="P50BandHighMs">The same at the band's high quantile.</param>
public sealed record FidelityFigures(long Invocations, double ColdStartPct, double VmsPerFunction, double P50Ms, double P50BandLowMs = double.NaN, double P50BandHighMs = double.NaN);
