using HarvestOrleans.Grains.Infrastructure;
using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Eviction;
using HarvestOrleans.GrainInterfaces;
using HarvestOrleans.Grains.Options;
using HarvestOrleans.Routing;
using HarvestOrleans.Grains.Routing;
using Microsoft.Extensions.Options;

namespace HarvestOrleans.Grains.Cluster;

[GenerateSerializer, Alias("HarvestOrleans.ClusterRegistryState")]
public sealed class ClusterRegistryState
{
    [Id(0)] public Dictionary<string, VmSnapshot> Vms { get; set; } = new(StringComparer.Ordinal);

    [Id(1)] public Dictionary<string, FunctionRoutingInfo> Functions { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>
/// The cluster's read model of every VM and every routed function, fed by the VM grains (every report interval) and
/// the FunctionGrains (on every worker-set change, and their rate and p75 while they are busy). Durable, so that a VM
/// whose silo died is still known (and reported Evicted) after the registry itself had to move; only significant
/// changes are written — a load report or a function's new rate alone is kept in memory. A VM whose silo membership no
/// longer lists as alive is reported Evicted, whatever its grain last said: a silo that dies without notice is treated
/// as evicted at once. An evicted VM (or one whose silo is gone) is forgotten <see cref="EvictionOptions.EvictedVmRetention"/>
/// after its last update, so the registry holds the VMs of the recent past, not every VM ever seen.
/// </summary>
internal sealed class ClusterRegistryGrain(
    [PersistentState("registry", HarvestStorage.ProviderName)] IPersistentState<ClusterRegistryState> state,
    SiloLiveness liveness,
    LocalGrainRegistry local,
    IOptions<EvictionOptions> options,
    TimeProvider time) : Grain, IClusterRegistryGrain, IEvacuatingGrain
{
    private DateTimeOffset _prunedAt = DateTimeOffset.MinValue;

    public override Task OnActivateAsync(CancellationToken cancellationToken) => local.AddAsync(this);

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => local.RemoveAsync(this);

    public async Task UpsertAsync(VmSnapshot vm)
    {
        var previous = state.State.Vms.GetValueOrDefault(vm.VmId);
        state.State.Vms[vm.VmId] = vm;
        var pruned = Prune();
        if (pruned || previous is null || Significant(previous) != Significant(vm))
        {
            await state.WriteStateAsync();
        }
    }

    /// <summary>Drops the VMs evicted longer than the retention ago (checked at most every tenth of it); true if any went.</summary>
    private bool Prune()
    {
        var now = time.GetUtcNow();
        var retention = options.Value.EvictedVmRetention;
        if (now - _prunedAt < retention / 10)
        {
            return false;
        }

        _prunedAt = now;
        var expired = state.State.Vms.Values.Where(v => Expired(v, now, retention)).Select(v => v.VmId).ToArray();
        foreach (var vmId in expired)
        {
            state.State.Vms.Remove(vmId);
        }

        return expired.Length > 0;
    }

    private bool Gone(VmSnapshot v) => v.State == VmState.Evicted || !liveness.IsAlive(v.SiloAddress);

    private bool Expired(VmSnapshot v, DateTimeOffset now, TimeSpan retention) => Gone(v) && now - v.UpdatedAt > retention;

    public async Task UpsertFunctionAsync(FunctionRoutingInfo function)
    {
        var previous = state.State.Functions.GetValueOrDefault(function.Function);
        state.State.Functions[function.Function] = function;
        if (previous is null || Significant(previous) != Significant(function))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<ClusterSnapshot> GetSnapshotAsync()
    {
        var now = time.GetUtcNow();
        var retention = options.Value.EvictedVmRetention;
        var vms = state.State.Vms.Values
            .Where(v => !Expired(v, now, retention)) // until the next upsert removes it
            .Select(v => v.State != VmState.Evicted && !liveness.IsAlive(v.SiloAddress)
                ? v with { State = VmState.Evicted, EvictionReason = v.EvictionReason ?? "its silo is not an active cluster member" }
                : v)
            .OrderBy(v => v.VmId, StringComparer.Ordinal)
            .ToArray();
        var functions = state.State.Functions.Values.OrderBy(f => f.Function, StringComparer.Ordinal).ToArray();
        return Task.FromResult(new ClusterSnapshot { Vms = vms, Functions = functions, TakenAt = DateTimeOffset.UtcNow });
    }

    public Task EvacuateAsync(string targetSilo) => this.MigrateToAsync(targetSilo);

    private static (string, VmState, double, VmRole, DateTimeOffset?, string?) Significant(VmSnapshot v) =>
        (v.SiloAddress, v.State, v.Cores, v.Role, v.EvictionDeadline, v.EvictionReason);

    // A function's rate and p75 change every few seconds while it is busy: those stay in memory.
    private static (string, string?, string, bool) Significant(FunctionRoutingInfo f) =>
        (f.Policy, f.HomeVmId, string.Join(',', f.WorkerSet), f.Registered);
}
