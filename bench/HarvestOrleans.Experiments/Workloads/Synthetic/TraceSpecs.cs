using HarvestOrleans.Simulation.Inputs;

namespace HarvestOrleans.Experiments.Workloads.Synthetic;

/// <summary>A trace function as the simulator runs it.</summary>
internal static class TraceSpecs
{
    /// <summary>The spec defaults' timeout, in ms.</summary>
    private static readonly double DefaultTimeoutMs = new SimFunctionSpec("", PercentileDistribution.Constant(0), 0, 1, 1, 1).TimeoutMs;

    /// <summary>
    /// <paramref name="execution"/> with the options' cold start and cores. The timeout is raised to the traced maximum
    /// where that is longer: the trace saw those invocations complete, so the simulator must not time them out.
    /// </summary>
    public static SimFunctionSpec Build(string name, PercentileDistribution execution, double memoryMb, TraceWorkloadOptions options) =>
        new(name, execution, options.ColdStartMs, options.DeclaredCores, options.UsedCores, memoryMb, LongRunning: execution.Quantile(0.99) > options.LongRunningAboveMs)
        {
            TimeoutMs = Math.Max(DefaultTimeoutMs, Math.Ceiling(execution.Quantile(1))),
        };

    /// <summary>Type-7 (linear) percentile <paramref name="p"/> in [0, 100] of ascending <paramref name="sorted"/>.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        var position = (sorted.Count - 1) * p / 100;
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }
}
