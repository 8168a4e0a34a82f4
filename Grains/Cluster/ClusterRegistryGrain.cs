using HarvestOrleans.GrainInterfaces;

namespace HarvestOrleans.Cluster;

/// <summary>
/// The cluster's read model of every VM. In memory only: the VM grains refresh it every report interval, so a lost
/// activation is whole again within one interval. A VM whose silo membership no longer lists as alive is reported
/// Evicted, whatever its grain last said: a silo that dies without notice is treated as evicted at once.
/// </summary>
[Reentrant]
internal sealed class ClusterRegistryGrain(SiloLiveness liveness) : Grain, IClusterRegistryGrain
{
    private readonly Dictionary<string, VmSnapshot> _vms = new(StringComparer.Ordinal);

    public Task UpsertAsync(VmSnapshot vm)
    {
        _vms[vm.VmId] = vm;
        return Task.CompletedTask;
    }

    public Task<ClusterSnapshot> GetSnapshotAsync()
    {
        var vms = _vms.Values
            .Select(v => v.State != VmState.Evicted && !liveness.IsAlive(v.SiloAddress) ? v with { State = VmState.Evicted } : v)
            .OrderBy(v => v.VmId, StringComparer.Ordinal)
            .ToArray();
        return Task.FromResult(new ClusterSnapshot { Vms = vms, TakenAt = DateTimeOffset.UtcNow });
    }
}
