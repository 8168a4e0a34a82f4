using HarvestOrleans.Grains.Options;

namespace HarvestOrleans.Hosting;

/// <summary>Overrides of a Harvest silo's options in code (each also binds from its <c>Harvest:*</c> section).</summary>
public static class HarvestOptionsExtensions
{
    /// <summary>The VM this silo is: id, cores, memory, role, price (<c>Harvest:Vm</c>).</summary>
    public static IHarvestSiloBuilder ConfigureVm(this IHarvestSiloBuilder harvest, Action<HarvestVmOptions> configure) => harvest.Configure(configure);

    /// <summary>Admission, queueing and timeouts of the silo's invoker (<c>Harvest:Invoker</c>).</summary>
    public static IHarvestSiloBuilder ConfigureInvoker(this IHarvestSiloBuilder harvest, Action<InvokerOptions> configure) => harvest.Configure(configure);

    /// <summary>Routing and worker sets (<c>Harvest:Balancing</c>).</summary>
    public static IHarvestSiloBuilder ConfigureBalancing(this IHarvestSiloBuilder harvest, Action<BalancingOptions> configure) => harvest.Configure(configure);

    /// <summary>
    /// The invokers' resource manager: the resource policy that allocates each invocation's cores and memory (<c>Fixed</c>,
    /// <c>Greedy</c>, <c>Freyr</c> and its weights file), and its tunables (<c>Harvest:Resources</c>).
    /// </summary>
    public static IHarvestSiloBuilder ConfigureResources(this IHarvestSiloBuilder harvest, Action<ResourcesOptions> configure) => harvest.Configure(configure);

    /// <summary>Eviction notices, drain and the eviction policy (<c>Harvest:Eviction</c>).</summary>
    public static IHarvestSiloBuilder ConfigureEviction(this IHarvestSiloBuilder harvest, Action<EvictionOptions> configure) => harvest.Configure(configure);

    /// <summary>Where the VM's cores come from: static, trace replay, cgroup quota, Scheduled Events (<c>Harvest:Monitor</c>).</summary>
    public static IHarvestSiloBuilder ConfigureMonitor(this IHarvestSiloBuilder harvest, Action<HarvestMonitorOptions> configure) => harvest.Configure(configure);

    /// <summary>The cluster's minimum Active cores and how the Resource Monitor checks them (<c>Harvest:ResourceMonitor</c>).</summary>
    public static IHarvestSiloBuilder ConfigureResourceMonitor(this IHarvestSiloBuilder harvest, Action<ResourceMonitorOptions> configure) => harvest.Configure(configure);

    /// <summary>Package limits and the silo's extraction folder (<c>Harvest:Packages</c>).</summary>
    public static IHarvestSiloBuilder ConfigurePackages(this IHarvestSiloBuilder harvest, Action<PackageOptions> configure) => harvest.Configure(configure);

    /// <summary>Keep-alive of warm instances: fixed window or the hybrid histogram policy (<c>Harvest:WarmPool</c>).</summary>
    public static IHarvestSiloBuilder ConfigureWarmPool(this IHarvestSiloBuilder harvest, Action<WarmPoolOptions> configure) => harvest.Configure(configure);

    private static IHarvestSiloBuilder Configure<TOptions>(this IHarvestSiloBuilder harvest, Action<TOptions> configure)
        where TOptions : class
    {
        harvest.Services.Configure(configure);
        return harvest;
    }
}
