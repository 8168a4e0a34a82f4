using HarvestOrleans.Cluster;
using HarvestOrleans.GrainInterfaces;

namespace HarvestOrleans.Grains.Cluster;

/// <summary>Relaying load: the VM's invoker reports it every interval; every change reaches the cluster registry as a snapshot.</summary>
internal sealed partial class HarvestVmGrain
{
    private VmLoad _load = VmLoad.Idle;

    public async Task ReportLoadAsync(VmLoad load)
    {
        if (state.State.Registration is null || state.State.State == VmState.Evicted)
        {
            return; // a report that overtook registration, or from a VM already written off
        }

        _load = load;
        await PublishAsync();
    }

    private VmSnapshot? Snapshot() => state.State.Registration is not { } r
        ? null
        : new VmSnapshot
        {
            VmId = VmId,
            SiloAddress = r.SiloAddress,
            Role = r.Role,
            State = state.State.State,
            Cores = state.State.Cores,
            MemoryMb = r.MemoryMb,
            PricePerCoreHour = r.PricePerCoreHour,
            Load = _load,
            UpdatedAt = DateTimeOffset.UtcNow,
            EvictionDeadline = state.State.EvictionDeadline,
            EvictionReason = state.State.EvictionReason,
        };

    private async Task<VmSnapshot> PublishAsync()
    {
        var snapshot = Snapshot()!;
        await GrainFactory.GetGrain<IClusterRegistryGrain>(IClusterRegistryGrain.Key).UpsertAsync(snapshot);
        return snapshot;
    }
}
