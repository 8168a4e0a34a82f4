using HarvestOrleans.Policies;

namespace HarvestOrleans.Simulation.Output;

/// <summary>
/// One invocation's final record, with the fields of the runtime's <c>InvocationRecord</c> that the comparison reads.
/// <see cref="Error"/> uses the runtime's error type names (VmDraining, QueueFull, QueueWaitExceeded, NoCapacity,
/// WorkerLost, Timeout); null on success.
/// </summary>
public readonly record struct SimRecord(
    long Id,
    string Function,
    string? VmId,
    double SentAtSeconds,
    SimStatus Status,
    string? Error,
    double LatencyMs,
    double QueueMs,
    double InitMs,
    double ExecutionMs,
    double CpuSeconds,
    bool ColdStart,
    bool Overload,
    int Attempts)
{
    public bool IsSuccess => Status == SimStatus.Succeeded;

    /// <summary>It ran (or was cut off while running) on a VM: what cold-start and overload rates count.</summary>
    public bool Ran => Status is SimStatus.Succeeded or SimStatus.Failed or SimStatus.TimedOut or SimStatus.Evicted;

    /// <summary>Cores its last attempt was allocated (the resource policy's decision; its configuration under <c>Fixed</c>); 0 if never admitted.</summary>
    public double AllocatedCores { get; init; }

    /// <summary>Memory its last attempt was allocated, in MB; 0 if never admitted.</summary>
    public double AllocatedMemoryMb { get; init; }

    /// <summary>Its function's configured cores.</summary>
    public double ConfiguredCores { get; init; }

    /// <summary>Its function's configured memory, in MB.</summary>
    public double ConfiguredMemoryMb { get; init; }

    /// <summary>
    /// Its queue wait and execution against the same run alone on its configured resources (below 1: faster): the
    /// Freyr paper's per-invocation metric, with the cold start left out (no resource manager changes it). NaN unless
    /// it succeeded.
    /// </summary>
    public double Slowdown { get; init; } = double.NaN;

    /// <summary>It was given less of a resource than configured (the platform harvested from it).</summary>
    public bool Harvested => Allocated.Harvests(Configured);

    /// <summary>It was given more cores than configured (the platform accelerated it).</summary>
    public bool Accelerated => Allocated.Accelerates(Configured);

    private ResourceAllocation Allocated => new(AllocatedCores, AllocatedMemoryMb);

    private ResourceAllocation Configured => new(ConfiguredCores, ConfiguredMemoryMb);
}

/// <summary>The error type names of simulated records (the runtime's where it has one).</summary>
public static class ErrorTypes
{
    public const string VmDraining = "VmDraining";
    public const string QueueFull = "QueueFull";
    public const string QueueWaitExceeded = "QueueWaitExceeded";
    public const string NoCapacity = "NoCapacity";
    public const string WorkerLost = "WorkerLost";
    public const string Evicted = "Evicted";
    public const string Timeout = "Timeout";
    public const string OutOfMemory = "OutOfMemory";
}
