using HarvestOrleans.Entities;
using HarvestOrleans.Invocations;
using HarvestOrleans.Policies;

namespace HarvestOrleans.Grains.Routing;

/// <summary>Where the function's entities live: planned as the function's invocations are, with the entity counted long-lived.</summary>
internal sealed partial class FunctionGrain
{
    public async Task<EntityHome> PlaceEntityAsync(string? currentVmId, bool leaving)
    {
        if (await _catalog.FindAsync(Name, version: null) is not { } registration)
        {
            LeaveUnregistered();
            return EntityHome.Anywhere;
        }

        if (!registration.Spec.Entity)
        {
            return EntityHome.Anywhere; // its entity grain refuses the kind mismatch itself, wherever it is
        }

        await _cluster.EnsureLoadedAsync();
        if (_cluster.Vms.Count == 0)
        {
            await _cluster.RefreshAsync();
        }

        var plan = Plan(registration);
        var allowed = FunctionPlanner.AllowedVms(Planned(registration.Spec), _profile.Usage, _cluster.Vms, _policies.Eviction, _policies.EvictionSettings);
        var vm = EntityHomes.Choose(currentVmId, leaving, allowed, _policies.Balancing, plan, Random.Shared);
        if (vm is not null && _cluster.SiloOf(vm) is { } silo)
        {
            return new EntityHome { VmId = vm, SiloAddress = silo };
        }

        return new EntityHome
        {
            Error = new InvocationError(InvocationErrorTypes.NoCapacity,
                $"No active VM may run entities of '{Name}' (eviction policy {_policies.Eviction.Name}, which counts an entity as a long function{(leaving && currentVmId is not null ? $", besides {currentVmId}, which it leaves" : "")})."),
        };
    }
}
