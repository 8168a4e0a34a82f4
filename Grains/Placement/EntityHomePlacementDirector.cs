using HarvestOrleans.Entities;
using HarvestOrleans.GrainInterfaces;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.Placement;

namespace HarvestOrleans.Grains.Placement;

/// <summary>
/// Asks the entity's function grain where the entity lives (<see cref="IFunctionGrain.PlaceEntityAsync"/>). A
/// migration's target (the placement hint) is honoured as given: the entity chose it with the same question. A
/// function that may run nowhere refuses the activation (<see cref="EntityUnplaceableException"/>: the caller's record
/// is Rejected, nothing ran). A name that is no entity function, or a planner that cannot be reached, places the
/// entity here, where its grain answers the caller itself — an unreachable planner must not make the entity so.
/// </summary>
internal sealed partial class EntityHomePlacementDirector(IGrainFactory grains, ILogger<EntityHomePlacementDirector> logger) : IPlacementDirector
{
    public async Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var compatible = context.GetCompatibleSilos(target);
        if (IPlacementDirector.GetPlacementHint(target.RequestContextData, compatible) is { } hint)
        {
            return hint;
        }

        var key = target.GrainIdentity.Key.ToString()!;
        EntityHome home;
        try
        {
            home = await grains.GetGrain<IFunctionGrain>(EntityKey.Parse(key).Name).PlaceEntityAsync(currentVmId: null, leaving: false);
        }
        catch (Exception ex)
        {
            LogPlannerUnreachable(key, ex);
            return Here(context, compatible);
        }

        if (home.Error is { } error)
        {
            throw new EntityUnplaceableException(error);
        }

        return home.SiloAddress is { } chosen && SiloAddress.FromParsableString(chosen) is var silo && compatible.Contains(silo)
            ? silo
            : Here(context, compatible);
    }

    private static SiloAddress Here(IPlacementContext context, SiloAddress[] compatible) =>
        compatible.Contains(context.LocalSilo) ? context.LocalSilo : compatible[Random.Shared.Next(compatible.Length)];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Entity {Entity}: its function's planner could not be asked where it lives; placing it here")]
    private partial void LogPlannerUnreachable(string entity, Exception exception);
}
