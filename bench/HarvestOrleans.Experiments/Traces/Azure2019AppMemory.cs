using HarvestOrleans.Simulation.Inputs;

namespace HarvestOrleans.Experiments.Traces;

/// <summary>
/// One row of a 2019 memory file: an app's allocated (committed) memory, in MB. The percentiles are of 1-minute averages
/// of 5-second samples (the dataset's notes 8 and 9).
/// </summary>
/// <param name="SampleCount">Samples behind the average.</param>
/// <param name="AverageMb">Average allocated memory over the day.</param>
/// <param name="Percentiles">(percentile, MB) of the <c>AverageAllocatedMb_pctN</c> columns the file has; empty without them.</param>
public sealed record Azure2019AppMemory(long SampleCount, double AverageMb, IReadOnlyList<(double Percentile, double Value)> Percentiles)
{
    /// <summary>The app's memory distribution: the percentiles, or the average alone without them.</summary>
    public PercentileDistribution Distribution() =>
        Percentiles.Count > 0 ? new PercentileDistribution(Percentiles) : PercentileDistribution.Constant(AverageMb);
}
