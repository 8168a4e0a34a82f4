namespace HarvestOrleans.Experiments.Workloads.Synthetic;

/// <summary>What a trace does not say about a function and the simulator needs: cold start, cores, default memory.</summary>
/// <param name="ColdStartMs">Cold start of every function, in ms (the traces' durations exclude it).</param>
public sealed record TraceWorkloadOptions(double ColdStartMs)
{
    /// <summary>Cores every function declares.</summary>
    public double DeclaredCores { get; init; } = 1;

    /// <summary>Cores every function uses while it runs.</summary>
    public double UsedCores { get; init; } = 1;

    /// <summary>Memory of a function whose app has no memory row (or of every function without a memory file), MB.</summary>
    public double DefaultMemoryMb { get; init; } = 256;

    /// <summary>How an app's memory row becomes its functions' memory.</summary>
    public TraceMemory Memory { get; init; } = TraceMemory.AppMedian;

    /// <summary>A function is long-running when its p99 execution time is above this (ms): the paper's 30 s line.</summary>
    public double LongRunningAboveMs { get; init; } = 30_000;

    /// <summary>Seeds arrival times within a minute and per-function memory draws.</summary>
    public long Seed { get; init; }

    internal void Validate()
    {
        if (!(ColdStartMs >= 0) || !(DeclaredCores > 0) || !(UsedCores > 0) || !(DefaultMemoryMb > 0) || !(LongRunningAboveMs >= 0)
            || !double.IsFinite(ColdStartMs + DeclaredCores + UsedCores + DefaultMemoryMb + LongRunningAboveMs))
        {
            throw new ArgumentException($"Trace workload options out of range: {this}.");
        }
    }
}
