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
    public bool Ran => Status is SimStatus.Succeeded or SimStatus.TimedOut or SimStatus.Evicted;
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
}
