namespace HarvestOrleans.Policies;

/// <summary>A function's measured profile and per-invocation requirements.</summary>
/// <param name="FunctionName">Name without version: the ring key.</param>
/// <param name="Rps">Measured invocations per second across the cluster.</param>
/// <param name="ExecutionSeconds">Execution-time estimate (p75 by default).</param>
/// <param name="CoresPerInvocation">Cores one invocation holds.</param>
/// <param name="MemoryMb">Memory one invocation holds.</param>
public sealed record FunctionDemand(
    string FunctionName,
    double Rps,
    double ExecutionSeconds,
    double CoresPerInvocation,
    double MemoryMb)
{
    /// <summary>Cores the function needs to keep up: rps × execution time × cores per invocation.</summary>
    public double RequiredCores => Rps * ExecutionSeconds * CoresPerInvocation;

    /// <summary>Memory the function needs to keep up, computed the same way.</summary>
    public double RequiredMemoryMb => Math.Floor(Rps * ExecutionSeconds * MemoryMb);
}
