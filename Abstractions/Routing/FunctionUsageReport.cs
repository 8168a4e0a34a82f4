namespace HarvestOrleans.Routing;

/// <summary>What one VM ran of one function during one report interval; feeds the function's rps and latency profile.</summary>
[GenerateSerializer, Immutable, Alias("HarvestOrleans.FunctionUsageReport")]
public sealed record FunctionUsageReport
{
    [Id(0)] public required string VmId { get; init; }

    [Id(1)] public long Count { get; init; }

    [Id(2)] public long Overloads { get; init; }

    /// <summary>Execution times (ms) of a sample of the interval's invocations.</summary>
    [Id(3)] public float[] ExecutionMs { get; init; } = [];

    /// <summary>Invocations cut off by this VM's eviction.</summary>
    [Id(4)] public long Evictions { get; init; }

    /// <summary>
    /// Average cores (measured CPU time / execution time) of the same sampled invocations as <see cref="ExecutionMs"/>,
    /// index for index.
    /// </summary>
    [Id(5)] public float[] CpuCores { get; init; } = [];

    /// <summary>The time <see cref="Count"/> covers, in ms: since this VM's previous report.</summary>
    [Id(6)] public long IntervalMs { get; init; }
}
