using HarvestOrleans.Simulation.Inputs;

namespace HarvestOrleans.Experiments.Simulation.Experiments;

/// <summary>
/// A closed-loop mix as the simulator runs it: the functions and, index-aligned, their weights, with the mix's mean
/// execution time and mean declared core-seconds per invocation (what a closed loop's load is made of).
/// </summary>
public sealed record WeightedFunctions(IReadOnlyList<SimFunctionSpec> Functions, IReadOnlyList<double> Weights)
{
    // Midpoints of this many equal slices of [0, 1] integrate a percentile distribution's mean closely enough.
    private const int MeanSlices = 2_000;

    /// <summary>Mean execution time of one invocation drawn from the mix, in seconds.</summary>
    public double MeanExecutionSeconds => Weighted(f => Mean(f.ExecutionMs) / 1000);

    /// <summary>Mean declared core-seconds of one invocation (what admission holds: declared cores × execution time).</summary>
    public double MeanCoreSeconds => Weighted(f => f.DeclaredCores * Mean(f.ExecutionMs) / 1000);

    /// <summary>
    /// The cores <paramref name="users"/> closed-loop users keep busy when nothing queues: each user's cycle is a think
    /// time and an execution, so the rate is users / (think + execution) and the demand that rate × core-seconds. Queueing
    /// stretches the cycle, so the demand a loaded cluster sees is at most this.
    /// </summary>
    public double OfferedCores(int users, double meanThinkSeconds) =>
        users * MeanCoreSeconds / (meanThinkSeconds + MeanExecutionSeconds);

    /// <summary>The mean of a distribution given by its percentiles.</summary>
    public static double Mean(PercentileDistribution distribution)
    {
        var sum = 0.0;
        for (var i = 0; i < MeanSlices; i++)
        {
            sum += distribution.Quantile((i + 0.5) / MeanSlices);
        }

        return sum / MeanSlices;
    }

    private double Weighted(Func<SimFunctionSpec, double> value)
    {
        var total = Weights.Sum();
        return Functions.Select((f, i) => value(f) * Weights[i]).Sum() / total;
    }
}
