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
}
