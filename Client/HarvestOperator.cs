using HarvestOrleans.Cluster;
using HarvestOrleans.GrainInterfaces;
using HarvestOrleans.Routing;
using Orleans.Runtime;
using HarvestOrleans.Resilience;
using Polly;
using Polly.Retry;
using Polly.Registry;
using HarvestOrleans.Packages;

namespace HarvestOrleans.Client;

/// <summary>Operator view and control of the cluster: VMs, their size and state, and functions' routing.</summary>
public sealed class HarvestOperator(IGrainFactory grains, ResiliencePipelineProvider<string> pipelines)
{
    // Every operation here is idempotent, so a call that met a silo on its way out (its grain was moving), or a silo
    // that just died, is retried (HarvestPipelines.OperatorCalls), after which the grain is found (or re-activated) elsewhere.
    private readonly ResiliencePipeline _transient = pipelines.GetPipeline(HarvestPipelines.OperatorCalls);

    private Task<T> Retry<T>(Func<Task<T>> call) => _transient.ExecuteAsync(async _ => await call()).AsTask();

    /// <summary>Every known VM with its cores, load, state and price. VMs whose silo died show as Evicted.</summary>
    public Task<ClusterSnapshot> GetClusterAsync() =>
        Retry(() => grains.GetGrain<IClusterRegistryGrain>(IClusterRegistryGrain.Key).GetSnapshotAsync());

    /// <summary>One VM's snapshot (cores, load, role, state), or null for a VM the cluster does not know.</summary>
    public Task<VmSnapshot?> GetVmAsync(string vmId) => Retry(() => grains.GetGrain<IHarvestVmGrain>(vmId).GetSnapshotAsync());

    /// <summary>Sets a VM's current cores; its invoker admits by the new count at once and running work is never killed.</summary>
    public Task<VmSnapshot> ResizeVmAsync(string vmId, double cores) => Retry(() => grains.GetGrain<IHarvestVmGrain>(vmId).ResizeAsync(cores));

    /// <summary>
    /// Announces the VM's eviction with <paramref name="notice"/>: it drains (no new work, running invocations finish
    /// until the deadline), its grains move to surviving VMs, and its silo shuts down at the deadline.
    /// A notice outside <see cref="EvictionNotices.MinNotice"/>..<see cref="EvictionNotices.MaxNotice"/> (0 s to 24 h) is the
    /// caller's error: <see cref="ArgumentOutOfRangeException"/>, and nothing is changed. A VM already draining keeps the
    /// earlier of its deadline and this one.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="notice"/> is negative or longer than a day.</exception>
    public Task<VmSnapshot> EvictVmAsync(string vmId, TimeSpan notice, string reason = "evicted by an operator")
    {
        if (EvictionNotices.Problem(notice) is { } problem)
        {
            throw new ArgumentOutOfRangeException(nameof(notice), notice, problem);
        }

        return Retry(() => grains.GetGrain<IHarvestVmGrain>(vmId).BeginEvictionAsync(DateTimeOffset.UtcNow + notice, reason));
    }

    /// <summary>The Resource Monitor's history of the pool (Active VMs and cores, and what it provisioned).</summary>
    public Task<PoolSample[]> GetPoolHistoryAsync() =>
        Retry(() => grains.GetGrain<IResourceMonitorGrain>(IResourceMonitorGrain.Key).GetHistoryAsync());

    /// <summary>Stops new work reaching a VM; running invocations finish.</summary>
    public Task<VmSnapshot> DrainVmAsync(string vmId) => Retry(() => grains.GetGrain<IHarvestVmGrain>(vmId).DrainAsync());

    /// <summary>A function's home VM, worker set, rps and p75 execution time, replanned on the current cluster view.</summary>
    public Task<FunctionRoutingInfo> GetFunctionRoutingAsync(string function) =>
        Retry(() => grains.GetGrain<IFunctionGrain>(function).GetRoutingInfoAsync());

    /// <summary>
    /// Deploys a package zip as its package's new current version (deploying the same bytes again changes nothing).
    /// A refused package comes back with <see cref="DeployResult.Error"/> naming the cause.
    /// </summary>
    public Task<DeployResult> DeployAsync(byte[] archive, string? expectedDigest = null) =>
        Retry(() => Packages.DeployAsync(archive, expectedDigest));

    /// <summary>Makes <paramref name="version"/> (default: the one before the current) the package's current version.</summary>
    public Task<DeployResult> RollbackAsync(string package, string? version = null) =>
        version is null ? Packages.RollbackAsync(package, null) : Retry(() => Packages.RollbackAsync(package, version));

    /// <summary>The cluster's balancing, eviction and resource policy choice (null: as each silo is configured).</summary>
    public Task<PolicySelection> GetPolicyAsync() => Retry(() => Policies.GetAsync());

    /// <summary>
    /// Switches the cluster's balancing, eviction and/or resource policy (null leaves one as it is): FunctionGrains plan
    /// with the first two, and invokers allocate with the third, within a cluster-view refresh.
    /// </summary>
    /// <exception cref="ArgumentException">A name no registered policy has (the message names the known ones); nothing changed.</exception>
    public Task<PolicySelection> SetPolicyAsync(string? balancing, string? eviction, string? resources = null) =>
        Retry(() => Policies.SetAsync(balancing, eviction, resources));

    /// <summary>An async invocation with its final record once it has one.</summary>
    public Task<Invocations.AsyncInvocation> GetInvocationAsync(Guid id) => Retry(() => grains.GetGrain<IAsyncInvocationGrain>(id).GetAsync());

    /// <summary>Every deployed package version: digest, size, time, and which is current.</summary>
    public Task<PackageCatalog> GetPackagesAsync() => Retry(() => Packages.GetCatalogAsync());

    private IPolicyGrain Policies => grains.GetGrain<IPolicyGrain>(IPolicyGrain.Key);

    private IPackageRegistryGrain Packages => grains.GetGrain<IPackageRegistryGrain>(IPackageRegistryGrain.Key);
}
