namespace HarvestOrleans.Simulation.Inputs;

/// <summary>
/// One function of the FunctionBench suite as measured on the live runtime with its default input: what its spec
/// declares, and what running it cost.
/// </summary>
public sealed record MeasuredFunctionCosts
{
    /// <summary>Function name, as the suite deploys it.</summary>
    public required string Name { get; init; }

    /// <summary>Cores its spec declares.</summary>
    public required double DeclaredCores { get; init; }

    /// <summary>Memory its spec declares, in MB.</summary>
    public required double MemoryMb { get; init; }

    /// <summary>Median of the warm invocations' measured average cores (CPU time / execution time).</summary>
    public required double UsedCores { get; init; }

    /// <summary>Median of the cold starts' init time (fetch, verify, extract, load, create, initialise), in ms.</summary>
    public required double ColdStartMs { get; init; }

    /// <summary>Warm invocations' execution times, in ms.</summary>
    public required ExecutionPercentiles ExecutionMs { get; init; }

    /// <summary>Its spec's timeout, in ms.</summary>
    public required double TimeoutMs { get; init; }

    /// <summary>Its spec's Idempotent.</summary>
    public required bool Idempotent { get; init; }

    /// <summary>Its spec's LongRunning.</summary>
    public required bool LongRunning { get; init; }

    /// <summary>Its spec's per-VM concurrency limit.</summary>
    public required int MaxConcurrency { get; init; }

    /// <summary>The function as the simulator runs it.</summary>
    public SimFunctionSpec ToSpec() => new(Name, ExecutionMs.ToDistribution(), ColdStartMs, DeclaredCores, UsedCores, MemoryMb, LongRunning)
    {
        MaxConcurrency = MaxConcurrency,
        Idempotent = Idempotent,
        TimeoutMs = TimeoutMs,
    };
}
