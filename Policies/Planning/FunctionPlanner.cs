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
        var allowed = eviction.AllowedVms(profile.EvictionProfile(function.LongRunning), cluster, evictionSettings);
        return balancing.Plan(demand, workerSet, allowed, settings, nowMs);
    }
}
