using HarvestOrleans.Grains.Infrastructure;
using HarvestOrleans.Client;
using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;
using HarvestOrleans.Invocations;
using HarvestOrleans.Routing;
using HarvestOrleans.Grains.Routing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace HarvestOrleans.Testing;

/// <summary>
/// A running in-process cluster of Harvest VMs (built by <see cref="HarvestTestClusterBuilder"/>): its client and
/// operator, operations on VMs (add, resize, drain, evict with notice, kill) and waits on explicit conditions.
/// Every wait polls a condition and fails with a <see cref="TimeoutException"/> naming it; none sleeps a guessed time.
/// </summary>
public sealed class HarvestTestCluster : IAsyncDisposable
{
    /// <summary>How long <see cref="EvictVmAsync"/> waits past the notice for the VM to be evicted and its silo stopped: 30 seconds.</summary>
    public static readonly TimeSpan DEFAULT_EVICTION_GRACE = TimeSpan.FromSeconds(30);

    private readonly VmDirectory _vms;
    private readonly SemaphoreSlim _adding = new(1, 1);

    internal HarvestTestCluster(InProcessTestCluster cluster, VmDirectory vms)
    {
        Cluster = cluster;
        _vms = vms;
        Client = cluster.Client.ServiceProvider.GetRequiredService<HarvestClient>();
        Operator = cluster.Client.ServiceProvider.GetRequiredService<HarvestOperator>();
    }

    /// <summary>The underlying Orleans test cluster (silo handles, silo services, the Orleans client).</summary>
    public InProcessTestCluster Cluster { get; }

    /// <summary>The client that invokes functions.</summary>
    public HarvestClient Client { get; }

    /// <summary>The operator API: cluster and VM snapshots, resize, drain, evict, deploy, routing.</summary>
    public HarvestOperator Operator { get; }

    /// <summary>The Orleans client's grain factory.</summary>
    public IGrainFactory Grains => Cluster.Client;

    /// <summary>The VM ids of the silos that are running now.</summary>
    public IReadOnlyList<string> RunningVmIds => Cluster.GetActiveSilos().Select(VmIdOf).ToList();

    /// <summary>The handle of the running silo of VM <paramref name="vmId"/>.</summary>
    /// <param name="vmId">A VM id.</param>
    /// <exception cref="InvalidOperationException">No running silo runs that VM.</exception>
    public InProcessSiloHandle SiloOf(string vmId) =>
        Cluster.GetActiveSilos().FirstOrDefault(s => VmIdOf(s) == vmId)
        ?? throw new InvalidOperationException($"No running silo runs VM '{vmId}'.");

    /// <summary>The service provider of VM <paramref name="vmId"/>'s silo.</summary>
    /// <param name="vmId">A VM id.</param>
    /// <exception cref="InvalidOperationException">No running silo runs that VM.</exception>
    public IServiceProvider ServicesOf(string vmId) => Cluster.GetSiloServiceProvider(SiloOf(vmId).SiloAddress);

    /// <summary>A service of VM <paramref name="vmId"/>'s silo.</summary>
    /// <typeparam name="T">The service type.</typeparam>
    /// <param name="vmId">A VM id.</param>
    /// <exception cref="InvalidOperationException">No running silo runs that VM, or it has no such service.</exception>
    public T ServiceOf<T>(string vmId) where T : notnull => ServicesOf(vmId).GetRequiredService<T>();

    /// <summary>
    /// Whether VM <paramref name="vmId"/>'s silo is an active member of the cluster, as another running silo sees it
    /// (a stopped or killed silo is not; neither is the last silo, which has no one to see it).
    /// </summary>
    /// <param name="vmId">A VM id.</param>
    public bool IsSiloActive(string vmId)
    {
        var silos = Cluster.Silos.Where(s => s.IsActive).Select(s => (Silo: s, VmId: VmIdOf(s))).ToList();
        var silo = silos.FirstOrDefault(s => s.VmId == vmId).Silo;
        var survivor = silos.FirstOrDefault(s => s.VmId != vmId).Silo;
        if (silo is null || survivor is null)
        {
            return false;
        }

        var membership = Cluster.GetSiloServiceProvider(survivor.SiloAddress).GetRequiredService<IClusterMembershipService>();
        return membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress) == SiloStatus.Active;
    }

    /// <summary>Starts a silo for another VM and waits until the VM is registered and active.</summary>
    /// <param name="vmId">Its id; unique in the cluster.</param>
    /// <param name="cores">Its start-up size in cores.</param>
    /// <param name="role">Harvested (the default) or regular.</param>
    /// <param name="timeout">How long to wait for it to be active; <see cref="HarvestWait.DEFAULT_TIMEOUT"/> when null.</param>
    /// <returns>The new VM's snapshot.</returns>
    public async Task<VmSnapshot> AddVmAsync(string vmId, double cores, VmRole role = VmRole.Harvest, TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(vmId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cores);
        await _adding.WaitAsync();
        try
        {
            _vms.Enqueue(new HarvestTestVm(vmId, cores, role));
            await Cluster.StartAdditionalSiloAsync();
        }
        finally
        {
            _adding.Release();
        }

        return await WaitForVmStateAsync(vmId, VmState.Active, timeout);
    }

    /// <summary>Resizes a VM through the operator (as a harvest VM's monitor would) and returns its snapshot.</summary>
    /// <param name="vmId">A VM id.</param>
    /// <param name="cores">Its new size.</param>
    public Task<VmSnapshot> ResizeVmAsync(string vmId, double cores) => Operator.ResizeVmAsync(vmId, cores);

    /// <summary>Drains a VM through the operator: it takes no new work; its silo keeps running.</summary>
    /// <param name="vmId">A VM id.</param>
    public Task<VmSnapshot> DrainVmAsync(string vmId) => Operator.DrainVmAsync(vmId);

    /// <summary>
    /// Evicts a VM with notice, for real: the operator announces the eviction (the VM drains, running invocations
    /// finish or move), and at the deadline the VM's silo is stopped. Returns when the VM's record is
    /// <see cref="VmState.Evicted"/> and its silo has stopped.
    /// </summary>
    /// <param name="vmId">A VM id.</param>
    /// <param name="notice">The notice before the deadline.</param>
    /// <param name="reason">The reason recorded with the eviction.</param>
    /// <param name="timeout">How long to wait past the notice; <see cref="DEFAULT_EVICTION_GRACE"/> when null.</param>
    /// <returns>The evicted VM's snapshot.</returns>
    public async Task<VmSnapshot> EvictVmAsync(string vmId, TimeSpan notice, string reason = "evicted by a test", TimeSpan? timeout = null)
    {
        await Operator.EvictVmAsync(vmId, notice, reason);
        var wait = notice + (timeout ?? DEFAULT_EVICTION_GRACE);
        await WaitUntilAsync(() => !Cluster.GetActiveSilos().Any(s => VmIdOf(s) == vmId), $"VM '{vmId}''s silo has stopped after its eviction", wait);
        return await WaitForVmStateAsync(vmId, VmState.Evicted, wait);
    }

    /// <summary>Kills a VM's silo abruptly (no drain, no notice), as a VM lost without warning.</summary>
    /// <param name="vmId">A VM id.</param>
    public Task KillVmAsync(string vmId) => Cluster.KillSiloAsync(SiloOf(vmId));

    /// <summary>Waits until VM <paramref name="vmId"/>'s record has <paramref name="state"/>.</summary>
    /// <param name="vmId">A VM id.</param>
    /// <param name="state">The awaited state.</param>
    /// <param name="timeout">How long to wait; <see cref="HarvestWait.DEFAULT_TIMEOUT"/> when null.</param>
    /// <returns>The VM's snapshot in that state.</returns>
    public async Task<VmSnapshot> WaitForVmStateAsync(string vmId, VmState state, TimeSpan? timeout = null)
    {
        VmSnapshot? last = null;
        await HarvestWait.UntilAsync(
            async () => (last = await Operator.GetVmAsync(vmId))?.State == state,
            () => $"VM '{vmId}' is {state} (last seen: {last?.State.ToString() ?? "not registered"})",
            timeout);
        return last!;
    }

    /// <summary>Waits until exactly <paramref name="count"/> VMs are registered and active.</summary>
    /// <param name="count">The number of active VMs.</param>
    /// <param name="timeout">How long to wait; <see cref="HarvestWait.DEFAULT_TIMEOUT"/> when null.</param>
    /// <param name="cancellationToken">Ends the wait early.</param>
    public Task WaitForActiveVmsAsync(int count, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var seen = -1;
        return HarvestWait.UntilAsync(
            async () => (seen = (await Operator.GetClusterAsync()).Vms.Count(v => v.State == VmState.Active)) == count,
            () => $"{count} VMs are registered and active (last seen: {seen})",
            timeout,
            cancellationToken);
    }

    /// <summary>Waits until a function's worker set (the VMs its callers are routed to) satisfies <paramref name="predicate"/>.</summary>
    /// <param name="function">The function name.</param>
    /// <param name="predicate">The condition on the worker set's VM ids.</param>
    /// <param name="description">What is awaited, e.g. "the worker set no longer holds vm1".</param>
    /// <param name="timeout">How long to wait; <see cref="HarvestWait.DEFAULT_TIMEOUT"/> when null.</param>
    /// <returns>The function's routing information when the predicate held.</returns>
    public async Task<FunctionRoutingInfo> WaitForWorkerSetAsync(string function, Func<IReadOnlyList<string>, bool> predicate, string description, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        FunctionRoutingInfo? last = null;
        await HarvestWait.UntilAsync(
            async () => predicate((last = await Operator.GetFunctionRoutingAsync(function)).WorkerSet),
            () => $"{description} (last worker set of '{function}': [{string.Join(", ", last?.WorkerSet ?? [])}])",
            timeout);
        return last!;
    }

    /// <summary>Waits until an async invocation (started with <see cref="HarvestClient.SubmitAsync"/>) has its final record.</summary>
    /// <param name="invocationId">The invocation's id.</param>
    /// <param name="timeout">How long to wait; <see cref="HarvestWait.DEFAULT_TIMEOUT"/> when null.</param>
    /// <returns>The final record.</returns>
    public async Task<InvocationRecord> WaitForRecordAsync(Guid invocationId, TimeSpan? timeout = null)
    {
        AsyncInvocation? last = null;
        await HarvestWait.UntilAsync(
            async () => (last = await Client.GetInvocationAsync(invocationId)).Record is not null,
            () => $"async invocation {invocationId} has its final record (last state: {last?.State.ToString() ?? "unread"})",
            timeout);
        return last!.Record!;
    }

    /// <summary>Waits until <paramref name="condition"/> holds (see <see cref="HarvestWait"/>).</summary>
    /// <param name="condition">The condition, polled until it returns true.</param>
    /// <param name="description">What is awaited, as the end of "Timed out waiting until ...".</param>
    /// <param name="timeout">How long to wait; <see cref="HarvestWait.DEFAULT_TIMEOUT"/> when null.</param>
    public Task WaitUntilAsync(Func<Task<bool>> condition, string description, TimeSpan? timeout = null) =>
        HarvestWait.UntilAsync(condition, description, timeout);

    /// <summary>Waits until a synchronous <paramref name="condition"/> holds (see <see cref="HarvestWait"/>).</summary>
    /// <param name="condition">The condition, polled until it returns true.</param>
    /// <param name="description">What is awaited, as the end of "Timed out waiting until ...".</param>
    /// <param name="timeout">How long to wait; <see cref="HarvestWait.DEFAULT_TIMEOUT"/> when null.</param>
    public Task WaitUntilAsync(Func<bool> condition, string description, TimeSpan? timeout = null) =>
        HarvestWait.UntilAsync(condition, description, timeout);

    /// <summary>Stops the client and every silo.</summary>
    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        _adding.Dispose();
    }

    private string VmIdOf(InProcessSiloHandle silo) =>
        Cluster.GetSiloServiceProvider(silo.SiloAddress).GetRequiredService<VmIdentity>().VmId;
}
