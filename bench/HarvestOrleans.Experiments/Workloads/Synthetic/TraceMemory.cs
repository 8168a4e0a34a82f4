namespace HarvestOrleans.Experiments.Workloads.Synthetic;

/// <summary>How a trace function's declared memory is taken from its app's memory row (memory is measured per app).</summary>
public enum TraceMemory
{
    /// <summary>Every function of an app declares the app's median (pct50).</summary>
    AppMedian,

    /// <summary>Each function declares a draw from its app's percentiles, fixed by the seed and the function's index.</summary>
    SampledFromApp,
}
