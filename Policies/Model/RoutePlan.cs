namespace HarvestOrleans.Policies;

/// <summary>A VM an invocation may be placed on, with the load the planner saw and whether the function is warm there.</summary>
public sealed record RouteCandidate(string VmId, double Cores, double MemoryMb, double CpuUsage, double MemoryUsage, bool Warm = false);

/// <summary>
/// The result of planning a function's routing: the ordered candidates a placement chooses among, the VMs it may
/// overflow to when no candidate fits, and the worker set. Plans are computed by the function's owner and may be
/// cached by callers until the next load report.
/// </summary>
public sealed record RoutePlan(
    string Policy,
    IReadOnlyList<RouteCandidate> Candidates,
    IReadOnlyList<string> WorkerSet,
    string? HomeVmId,
    double CoresPerInvocation,
    double MemoryMb,
    double RequiredCores)
{
    /// <summary>Accepting VMs outside the candidates: where an invocation overflows (as overload) when no candidate fits.</summary>
    public IReadOnlyList<RouteCandidate> Overflow { get; init; } = [];

    /// <summary>
    /// The settings the plan was made with; picking uses them, so wherever the plan travels (a caller's route lease)
    /// an invocation is placed as the planner would place it.
    /// </summary>
    public required BalancingPolicySettings Settings { get; init; }

    /// <summary>The demand's <see cref="FunctionDemand.CpuLimit"/>, for the core gate when picking (0: gate on <see cref="CoresPerInvocation"/>).</summary>
    public double CpuLimit { get; init; }

    /// <summary>A plan with no candidates: nothing can take work.</summary>
    public static RoutePlan Empty(string policy, FunctionDemand demand, BalancingPolicySettings settings) =>
        new(policy, [], [], null, demand.CoresPerInvocation, demand.MemoryMb, demand.RequiredCores) { Settings = settings, CpuLimit = demand.CpuLimit };
}

/// <summary>Where one invocation goes. <see cref="VmId"/> is null when no VM can take work at all.</summary>
public readonly record struct PlacementDecision(string? VmId, bool Overload)
{
    public static PlacementDecision None => new(null, false);
}
