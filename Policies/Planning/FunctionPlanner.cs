namespace HarvestOrleans.Policies;

/// <summary>
/// How a function's routing is planned, wherever it is (a FunctionGrain, the simulator): its demand from its usage
/// profile, then the eviction policy narrows the cluster to the VMs the function may run on, then the balancing policy
/// plans over those and updates the worker set.
/// </summary>
public static class FunctionPlanner
{
    public static RoutePlan Plan(
        PlannedFunction function,
        FunctionUsageProfile profile,
        WorkerSetState workerSet,
        IReadOnlyList<VmView> cluster,
        IBalancingPolicy balancing,
        BalancingPolicySettings settings,
        IEvictionPolicy eviction,
        EvictionPolicySettings evictionSettings,
        long nowMs)
    {
        var demand = profile.Demand(function.Name, function.DeclaredCores, function.MemoryMb, settings.Mode, nowMs);
        return balancing.Plan(demand, workerSet, AllowedVms(function, profile, cluster, eviction, evictionSettings), settings, nowMs);
    }

    /// <summary>The VMs of <paramref name="cluster"/> the eviction policy lets <paramref name="function"/> run on (what <see cref="Plan"/> plans over).</summary>
    public static IReadOnlyList<VmView> AllowedVms(
        PlannedFunction function,
        FunctionUsageProfile profile,
        IReadOnlyList<VmView> cluster,
        IEvictionPolicy eviction,
        EvictionPolicySettings evictionSettings) =>
        eviction.AllowedVms(profile.EvictionProfile(function.LongLived), cluster, evictionSettings);
}
