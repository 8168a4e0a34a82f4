namespace HarvestOrleans.Policies;

/// <summary>A function's measured profile and per-invocation requirements.</summary>
/// <param name="FunctionName">Name without version: the ring key.</param>
/// <param name="Rps">Measured invocations per second across the cluster.</param>
/// <param name="ExecutionSeconds">Execution-time estimate (p75 by default).</param>
/// <param name="CoresPerInvocation">
/// CPU one invocation is planned to use (the paper's reqCpu): from measured CPU once profiled, a default before.
/// </param>
/// <param name="MemoryMb">Memory one invocation holds.</param>
public sealed record FunctionDemand(
    string FunctionName,
    double Rps,
    double ExecutionSeconds,
    double CoresPerInvocation,
    double MemoryMb)
{
    /// <summary>
    /// The function's CPU limit (the paper's cpuLimit, clamp(ceil(1.5 · p99 of measured cores), 1, 4) once profiled):
    /// the core gate bars VMs with no more cores than this. 0 means "not given": policies then gate on
    /// <see cref="CoresPerInvocation"/>.
    /// </summary>
    public double CpuLimit { get; init; }

    /// <summary>p75 of the measured average cores of recent invocations (0 before any sample): JSQ's reqCpu.</summary>
    public double CpuP75 { get; init; }

    /// <summary>True once the function has a CPU profile from measured samples (JSQ falls back to the limit before).</summary>
    public bool Profiled { get; init; }

    /// <summary>Cores the function needs to keep up: rps × execution time × cores per invocation.</summary>
    public double RequiredCores => Rps * ExecutionSeconds * CoresPerInvocation;

    /// <summary>Memory the function needs to keep up, computed the same way.</summary>
    public double RequiredMemoryMb => Math.Floor(Rps * ExecutionSeconds * MemoryMb);
}
