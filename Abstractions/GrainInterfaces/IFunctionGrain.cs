using HarvestOrleans.Routing;

namespace HarvestOrleans.GrainInterfaces;

/// <summary>One function (keyed by name): its worker set, profile and routing policy.</summary>
[Alias("HarvestOrleans.IFunctionGrain")]
public interface IFunctionGrain : IGrainWithStringKey
{
    /// <summary>Plans the function's routing on the current cluster view and hands it out as a lease.</summary>
    [Alias("GetRoute")]
    Task<RouteLease> GetRouteAsync();

    [OneWay, Alias("ReportUsage")]
    Task ReportUsageAsync(FunctionUsageReport report);

    /// <summary>Replans on a cluster view that has the eviction event; a repeated event id changes nothing.</summary>
    [Alias("Rebalance")]
    Task RebalanceAsync(Cluster.EvictionEvent evt);

    [Alias("GetRoutingInfo")]
    Task<FunctionRoutingInfo> GetRoutingInfoAsync();
}
