using HarvestOrleans.Simulation.Inputs;

namespace HarvestOrleans.Experiments.Traces;

/// <summary>
/// One row of a 2019 durations file, in ms. The percentiles are of 30-second averages weighted by their invocations,
/// which tend to the invocations' own percentiles when a function runs rarely (the dataset's note 7).
/// </summary>
/// <param name="AverageMs">Average execution time over the day (without cold start).</param>
/// <param name="Count">Executions behind the average, where the file has the column and a value.</param>
/// <param name="MinimumMs">True minimum, where recorded (a few runtime versions did not).</param>
/// <param name="MaximumMs">True maximum, where recorded.</param>
/// <param name="Percentiles">(percentile, ms) of the <c>percentile_Average_N</c> columns the file has; empty in files without them.</param>
public sealed record Azure2019Duration(double AverageMs, long? Count, double? MinimumMs, double? MaximumMs, IReadOnlyList<(double Percentile, double Value)> Percentiles)
{
    /// <summary>The execution time distribution: the percentiles, or the average alone in files without them.</summary>
    public PercentileDistribution Distribution() =>
        Percentiles.Count > 0 ? new PercentileDistribution(Percentiles) : PercentileDistribution.Constant(AverageMs);
}
