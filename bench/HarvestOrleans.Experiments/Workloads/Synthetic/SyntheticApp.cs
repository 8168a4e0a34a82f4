using HarvestOrleans.Experiments.Traces;

namespace HarvestOrleans.Experiments.Workloads.Synthetic;

/// <summary>An app while <see cref="Azure2019Generator"/> builds it.</summary>
internal sealed class SyntheticApp(string owner, string hash, int firstFunction, int functions, double ratePerDay)
{
    public string Owner { get; } = owner;

    public string Hash { get; } = hash;

    public int FirstFunction { get; } = firstFunction;

    public int FunctionCount { get; } = functions;

    /// <summary>Average daily invocations drawn from Fig. 5(a)'s fit, before any scaling.</summary>
    public double RatePerDay { get; } = ratePerDay;

    public bool Popular => RatePerDay >= Azure2019Format.MINUTES_PER_DAY;

    /// <summary>Relative weight of each minute of the day for the app's non-timer functions.</summary>
    public double[] MinuteWeights { get; set; } = [];
}
