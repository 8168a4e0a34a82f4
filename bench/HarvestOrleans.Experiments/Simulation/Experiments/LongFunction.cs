using HarvestOrleans.Simulation.Inputs;

namespace HarvestOrleans.Experiments.Simulation.Experiments;

/// <summary>
/// The long invocations Azure Functions has (paper.md: 96% of invocations finish within 30 s, yet those longer than
/// 30 s take more than 82% of the execution time): the suite's <c>synthetic</c> function (it keeps one core busy for as
/// long as asked) with its measured cold start, cores and memory, asked for 30 s to an hour. Its durations are a heavy
/// tail with a mean of ~10 minutes, so at 4% of the invocations, next to the paper's mix at the default work scale
/// (mean 5.6 s), long invocations take ~82% of the execution time. It is declared long-running (the eviction policies'
/// input; an undeclared function becomes long once a run over 30 s is reported) and not idempotent, so an invocation
/// an eviction cuts off fails, as the paper counts it, instead of being run again.
/// </summary>
public static class LongFunction
{
    /// <summary>Its name in the simulated cluster.</summary>
    public const string NAME = "synthetic_long";

    /// <summary>The share of invocations that are long: the paper's 4% (100% − 96%).</summary>
    public const double DEFAULT_SHARE = 0.04;

    /// <summary>Execution time percentiles, ms: p0 30 s, p1 31 s, p25 1 min, p50 3 min, p75 15 min, p99 40 min, p100 1 h.</summary>
    public static ExecutionPercentiles Durations { get; } = new()
    {
        P0 = 30_000,
        P1 = 31_000,
        P25 = 60_000,
        P50 = 180_000,
        P75 = 900_000,
        P99 = 2_400_000,
        P100 = 3_600_000,
    };

    /// <summary>The function as the simulator runs it.</summary>
    public static SimFunctionSpec Spec() => (PaperWorkload.Measured("synthetic") with
    {
        Name = NAME,
        ExecutionMs = Durations,
        TimeoutMs = 2 * Durations.P100, // it always finishes in time: only an eviction cuts it off
        Idempotent = false,
        LongRunning = true,
    }).ToSpec();

    /// <summary>The paper's mix (at <paramref name="workScale"/>) with this function added as <paramref name="share"/> of the invocations.</summary>
    public static WeightedFunctions WithMix(double workScale, double share = DEFAULT_SHARE)
    {
        if (!(share is >= 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(share), share, "The long share must be in [0, 1).");
        }

        var mix = PaperWorkload.Mix(workScale);
        var weight = mix.Weights.Sum() * share / (1 - share);
        return new WeightedFunctions([.. mix.Functions, Spec()], [.. mix.Weights, weight]);
    }

    /// <summary>The share of the execution time that long invocations take in <paramref name="mix"/>.</summary>
    public static double ExecutionShare(WeightedFunctions mix)
    {
        var total = mix.Weights.Sum();
        double Time(int i) => mix.Weights[i] / total * WeightedFunctions.Mean(mix.Functions[i].ExecutionMs);
        var all = Enumerable.Range(0, mix.Functions.Count).Sum(Time);
        var longOnes = Enumerable.Range(0, mix.Functions.Count).Where(i => mix.Functions[i].Name == NAME).Sum(Time);
        return all > 0 ? longOnes / all : 0;
    }
}
