using HarvestOrleans.Routing;

namespace HarvestOrleans.GrainInterfaces;

/// <summary>One function (keyed by name): its worker set, profile and routing policy.</summary>
[Alias("HarvestOrleans.IFunctionGrain")]
public interface IFunctionGrain : IGrainWithStringKey
{
    /// <summary>Plans the function's routing on the current cluster view and hands it out as a lease.</summary>
    [Alias("GetRoute")]
    Task<RouteLease> GetRouteAsync();

    /// <summary>
    /// As <see cref="GetRouteAsync"/>, for invocations pinned to <paramref name="version"/>: the lease carries that
    /// version's spec (its timeout and idempotency bound the caller's wait and retries), or a FunctionNotFound error.
    /// </summary>
    [Alias("GetVersionRoute")]
    Task<RouteLease> GetVersionRouteAsync(string version);

    [OneWay, Alias("ReportUsage")]
    Task ReportUsageAsync(FunctionUsageReport report);

    /// <summary>Replans on a cluster view that has the eviction event; a repeated event id changes nothing.</summary>
    [Alias("Rebalance")]
    Task RebalanceAsync(Cluster.EvictionEvent evt);

    /// <summary>
    /// Warms the function on the VMs that will take over its share once <paramref name="vmId"/> has drained (its plan
    /// on the cluster without that VM; at most <paramref name="maxTargets"/> VMs), before <paramref name="until"/>; the
    /// outcome of each VM's pre-warm. The worker set itself changes when the drain's event rebalances it.
    /// </summary>
    [AlwaysInterleave, Alias("PrepareTakeover")] // waits on other VMs' loads: leases must not queue behind it
    Task<Cluster.PreWarmOutcome[]> PrepareTakeoverAsync(string vmId, int maxTargets, DateTimeOffset until);

    /// <summary>
    /// Whether the function's plan, with <paramref name="joiner"/> counted in (active and idle), sends work to it: a VM
    /// asks before it registers, to warm what it will serve. Plans on a copy: the worker set itself is unchanged.
    /// </summary>
    [AlwaysInterleave, Alias("ServesJoiner")] // a read: leases must not queue behind it
    Task<bool> ServesJoinerAsync(Cluster.VmRegistration joiner);

    /// <summary>
    /// Where one of this entity function's entities should live (see <see cref="Policies.EntityHomes"/>): asked by its
    /// placement when it activates (<paramref name="currentVmId"/> null), by the entity now and then to learn whether it
    /// may stay, and when its VM is <paramref name="leaving"/>.
    /// </summary>
    [AlwaysInterleave, Alias("PlaceEntity")] // a read of the plan: leases must not queue behind it
    Task<Entities.EntityHome> PlaceEntityAsync(string? currentVmId, bool leaving);

    [Alias("GetRoutingInfo")]
    Task<FunctionRoutingInfo> GetRoutingInfoAsync();
}
