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

    [Alias("GetRoutingInfo")]
    Task<FunctionRoutingInfo> GetRoutingInfoAsync();
}
