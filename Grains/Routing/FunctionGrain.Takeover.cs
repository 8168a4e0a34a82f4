using HarvestOrleans.Cluster;
using HarvestOrleans.GrainInterfaces;
using HarvestOrleans.Policies;

namespace HarvestOrleans.Grains.Routing;

/// <summary>
/// Warming ahead of a change of the cluster: on an eviction notice the function is warmed where its traffic will go
/// before the VM drains; a VM about to join asks whether it will serve the function, to warm it before it registers.
/// </summary>
internal sealed partial class FunctionGrain
{
    public async Task<PreWarmOutcome[]> PrepareTakeoverAsync(string vmId, int maxTargets, DateTimeOffset until)
    {
        if (await _catalog.FindAsync(Name, version: null) is not { } registration)
        {
            LeaveUnregistered();
            return [PreWarmOutcome.NotFound];
        }

        await _cluster.EnsureLoadedAsync();

        // Planned on a copy of the worker set: the function's own changes when the drain's event rebalances it, on the
        // same view less the VM, so it comes out with the VMs warmed here.
        var workerSet = _workerSet.Copy();
        var plan = PlanOn(registration, NoticeHandover.AfterDrain(_cluster.Vms, vmId), workerSet);
        var targets = NoticeHandover.Targets(plan, Name, vmId, maxTargets)
            .Select(_cluster.SiloOf)
            .OfType<string>()
            .ToArray();
        return await Task.WhenAll(targets.Select(silo => GrainFactory.GetGrain<IInvokerGrain>(silo).PreWarmAsync(Name, until)));
    }

    public async Task<bool> ServesJoinerAsync(VmRegistration joiner)
    {
        if (await _catalog.FindAsync(Name, version: null) is not { } registration)
        {
            LeaveUnregistered();
            return false;
        }

        await _cluster.EnsureLoadedAsync();
        var view = JoinWarmup.WithJoiner(_cluster.Vms, JoinWarmup.Joining(joiner.VmId, joiner.Cores, joiner.MemoryMb, joiner.Role == VmRole.Regular));
        return JoinWarmup.Serves(PlanOn(registration, view, _workerSet.Copy()), joiner.VmId);
    }
}
