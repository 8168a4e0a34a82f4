using HarvestOrleans.Eviction;
using HarvestOrleans.GrainInterfaces;
using HarvestOrleans.Routing;

namespace HarvestOrleans.Cluster;

/// <summary>
/// The cluster's read model of every VM and every routed function. In memory: the VM grains refresh it every report
/// interval and the FunctionGrains on every plan change, so a lost activation is whole again within one interval; it
/// carries its contents when it migrates off a draining silo. A VM whose silo membership no longer lists as alive is
/// reported Evicted, whatever its grain last said: a silo that dies without notice is treated as evicted at once.
/// </summary>
[Reentrant]
internal sealed class ClusterRegistryGrain(SiloLiveness liveness, LocalGrainRegistry local)
    : Grain, IClusterRegistryGrain, IEvacuatingGrain, IGrainMigrationParticipant
{
    private Dictionary<string, VmSnapshot> _vms = new(StringComparer.Ordinal);
    private Dictionary<string, FunctionRoutingInfo> _functions = new(StringComparer.Ordinal);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        local.Add(this.GetGrainId(), this.AsReference<IEvacuatingGrain>());
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        local.Remove(this.GetGrainId());
        return Task.CompletedTask;
    }

    public Task UpsertAsync(VmSnapshot vm)
    {
        _vms[vm.VmId] = vm;
        return Task.CompletedTask;
    }

    public Task UpsertFunctionAsync(FunctionRoutingInfo function)
    {
        _functions[function.Function] = function;
        return Task.CompletedTask;
    }

    public Task<ClusterSnapshot> GetSnapshotAsync()
    {
        var vms = _vms.Values
            .Select(v => v.State != VmState.Evicted && !liveness.IsAlive(v.SiloAddress)
                ? v with { State = VmState.Evicted, EvictionReason = v.EvictionReason ?? "its silo is not an active cluster member" }
                : v)
            .OrderBy(v => v.VmId, StringComparer.Ordinal)
            .ToArray();
        var functions = _functions.Values.OrderBy(f => f.Function, StringComparer.Ordinal).ToArray();
        return Task.FromResult(new ClusterSnapshot { Vms = vms, Functions = functions, TakenAt = DateTimeOffset.UtcNow });
    }

    public Task EvacuateAsync(string targetSilo) => this.MigrateToAsync(targetSilo);

    public void OnDehydrate(IDehydrationContext dehydrationContext)
    {
        dehydrationContext.TryAddValue("vms", _vms.Values.ToArray());
        dehydrationContext.TryAddValue("functions", _functions.Values.ToArray());
    }

    public void OnRehydrate(IRehydrationContext rehydrationContext)
    {
        if (rehydrationContext.TryGetValue<VmSnapshot[]>("vms", out var vms) && vms is not null)
        {
            _vms = vms.ToDictionary(v => v.VmId, StringComparer.Ordinal);
        }

        if (rehydrationContext.TryGetValue<FunctionRoutingInfo[]>("functions", out var functions) && functions is not null)
        {
            _functions = functions.ToDictionary(f => f.Function, StringComparer.Ordinal);
        }
    }
}
