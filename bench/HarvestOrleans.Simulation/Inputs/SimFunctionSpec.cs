using HarvestOrleans.Policies;

namespace HarvestOrleans.Simulation.Inputs;

/// <summary>
/// One function as the simulator runs it: what it declares (as a deployed function's spec does) and what running it
/// costs (measured on the live runtime for the FunctionBench suite, or taken from a trace's percentiles).
/// </summary>
/// <param name="Name">Function name (the ring key).</param>
/// <param name="ExecutionMs">Execution time of a warm invocation, in ms.</param>
/// <param name="ColdStartMs">Time to initialise an instance on a VM where it is not warm, in ms.</param>
/// <param name="DeclaredCores">Cores its spec declares: what admission holds for it.</param>
/// <param name="UsedCores">Cores it measurably uses while it runs (CPU time / execution time).</param>
/// <param name="MemoryMb">Memory its spec declares.</param>
/// <param name="LongRunning">Its spec says it runs long (the eviction policies' input).</param>
public sealed record SimFunctionSpec(
    string Name,
    PercentileDistribution ExecutionMs,
    double ColdStartMs,
    double DeclaredCores,
    double UsedCores,
    double MemoryMb,
    bool LongRunning = false)
{
    /// <summary>Per-VM concurrency limit of the function (the spec's MaxConcurrency); large by default.</summary>
    public int MaxConcurrency { get; init; } = int.MaxValue;

    /// <summary>Whether a failed invocation may be retried (the spec's Idempotent).</summary>
    public bool Idempotent { get; init; } = true;

    /// <summary>The function's timeout, in ms.</summary>
    public double TimeoutMs { get; init; } = 300_000;

    /// <summary>
    /// The most cores its code keeps busy at once (its parallelism): an allocation above it runs no faster, one below it
    /// runs slower in proportion. Default (null): <see cref="UsedCores"/>, what it was measured to use at its declared
    /// cores, so nothing is assumed about speedups the measurement did not see.
    /// </summary>
    public double? ParallelCores { get; init; }

    /// <summary>
    /// The memory an invocation uses at its peak, in MB: an allocation below it fails the invocation (out of memory).
    /// Default (null): <see cref="MemoryMb"/>, all it declares.
    /// </summary>
    public double? PeakMemoryMb { get; init; }

    /// <summary>The memory a run needs at its peak: <see cref="PeakMemoryMb"/>, or all it declares.</summary>
    public double PeakMemory => PeakMemoryMb ?? MemoryMb;

    /// <summary>The cores its code can use: <see cref="ParallelCores"/>, or what it was measured to use.</summary>
    public double Parallelism => ParallelCores ?? UsedCores;

    /// <summary>Its configuration, as a resource policy starts from it.</summary>
    public ResourceAllocation Configured => new(DeclaredCores, MemoryMb);

    /// <summary>
    /// How much longer a run takes on <paramref name="cores"/> than on its declared cores (1 on them; 2 on half the
    /// cores it can use): the work is the same, the rate is the cores it can keep busy.
    /// </summary>
    public double Slowdown(double cores) => Rate(DeclaredCores) / Rate(cores);

    /// <summary>Average cores it uses on <paramref name="cores"/>: <see cref="UsedCores"/> on its declared cores, scaled by its rate.</summary>
    public double UsedCoresAt(double cores) => UsedCores * Rate(cores) / Rate(DeclaredCores);

    private double Rate(double cores) => Math.Max(1e-3, Math.Min(cores, Math.Max(Parallelism, 1e-3)));
}
