using HarvestOrleans.Routing;
using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;
using HarvestOrleans.Grains.Eviction;
using HarvestOrleans.Grains.FunctionHosting;
using HarvestOrleans.GrainInterfaces;
using HarvestOrleans.Grains.Invoker;
using HarvestOrleans.Invocations;
using HarvestOrleans.Policies;

namespace HarvestOrleans.Grains.Routing;

/// <summary>Migration: the grain's in-memory state moves with it when it migrates off a draining silo.</summary>
internal sealed partial class FunctionGrain
{
    public Task EvacuateAsync(string targetSilo) => this.MigrateToAsync(targetSilo);

    public void OnDehydrate(IDehydrationContext dehydrationContext)
    {
        dehydrationContext.TryAddValue("function", _profile.ExportTo(new FunctionGrainMigrationState
        {
            SetSize = _workerSet.Size,
            HomeVmId = _workerSet.HomeVmId,
            LastShrinkMs = _workerSet.LastShrinkMs,
            SetVersion = _workerSet.Version,
            HandledEvents = [.. _handledEvents],
        }));
    }

    public void OnRehydrate(IRehydrationContext rehydrationContext)
    {
        if (!rehydrationContext.TryGetValue<FunctionGrainMigrationState>("function", out var s) || s is null)
        {
            return;
        }

        _workerSet.Size = s.SetSize;
        _workerSet.HomeVmId = s.HomeVmId;
        _workerSet.LastShrinkMs = s.LastShrinkMs;
        _workerSet.Version = s.SetVersion;
        _profile.Import(s);
        _handledEvents.UnionWith(s.HandledEvents);
    }
}
