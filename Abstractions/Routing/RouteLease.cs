using HarvestOrleans.Functions;
using HarvestOrleans.Invocations;
using HarvestOrleans.Policies;

namespace HarvestOrleans.Routing;

/// <summary>
/// A VM a lease allows, with the load its FunctionGrain planned against (<paramref name="ReportedAt"/>: when the VM
/// reported that load); overflow VMs take work only when no other candidate fits.
/// </summary>
[GenerateSerializer, Immutable, Alias("HarvestOrleans.LeaseCandidate")]
public sealed record LeaseCandidate(
    [property: Id(0)] string VmId,
    [property: Id(1)] string SiloAddress,
    [property: Id(2)] double Cores,
    [property: Id(3)] double MemoryMb,
    [property: Id(4)] double CpuUsage,
    [property: Id(5)] double MemoryUsage,
    [property: Id(6)] bool Overflow = false,
    [property: Id(7)] bool Warm = false,
    [property: Id(8)] DateTimeOffset ReportedAt = default);

/// <summary>
/// A FunctionGrain's routing plan, handed to callers so that each invocation costs one grain call (to the worker's
/// invoker) instead of two. Valid for <see cref="Ttl"/>: until the next load report of one of its candidate VMs is due
/// (at most the configured lifetime), so within it the original placement would not change either.
/// </summary>
[GenerateSerializer, Immutable, Alias("HarvestOrleans.RouteLease")]
public sealed record RouteLease
{
    [Id(0)] public required string Function { get; init; }

    [Id(1)] public FunctionSpec? Spec { get; init; }

    [Id(2)] public string Policy { get; init; } = "";

    [Id(3)] public LeaseCandidate[] Candidates { get; init; } = [];

    [Id(4)] public string[] WorkerSet { get; init; } = [];

    [Id(5)] public string? HomeVmId { get; init; }

    [Id(6)] public double RequiredCores { get; init; }

    [Id(7)] public TimeSpan Ttl { get; init; }

    /// <summary>Set when the function cannot be routed at all (e.g. it is not registered).</summary>
    [Id(8)] public InvocationError? Error { get; init; }

    // Id 9 was SetVersion (the worker set's version, never read by a caller): retired, do not reuse it.

    // Ids 10 and 11 held the utilisation cap and CountReservations alone; Settings carries them and the rest.

    /// <summary>The invokers' longest queue wait: with the function's timeout, it bounds how long a caller can be kept waiting.</summary>
    [Id(12)] public TimeSpan MaxQueueWait { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The settings the plan was made with, whole: callers pick with exactly these (the planner's utilisation cap,
    /// reservations and warm preference), never with defaults of their own.
    /// </summary>
    [Id(13)] public BalancingPolicySettings Settings { get; init; } = BalancingPolicySettings.Default;

    /// <summary>
    /// The plan's cores per invocation (the function's measured reqCpu once profiled): callers pick and reserve with it,
    /// not with the cores the function declares.
    /// </summary>
    [Id(14)] public double CoresPerInvocation { get; init; }

    /// <summary>The plan's CPU limit, for the core gate when callers pick (0: gate on <see cref="CoresPerInvocation"/>).</summary>
    [Id(15)] public double CpuLimit { get; init; }
}
