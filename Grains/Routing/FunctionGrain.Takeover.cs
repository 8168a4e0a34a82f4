using HarvestOrleans.Cluster;
using HarvestOrleans.GrainInterfaces;
using HarvestOrleans.Policies;

namespace HarvestOrleans.Grains.Routing;

/// <summary>The handover of an eviction notice: the function is warmed where its traffic will go before the VM drains.</summary>
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
}
