using Orleans.Placement;

namespace HarvestOrleans.Grains.Placement;

/// <summary>
/// Places an entity's grain where its function's planner says (<see cref="Policies.EntityHomes"/>): the balancing and
/// eviction policies decide, as for the function's invocations.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("HarvestOrleans.EntityHomePlacement")]
public sealed class EntityHomePlacement : PlacementStrategy
{
    public static EntityHomePlacement Instance { get; } = new();
}

[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class EntityHomePlacementAttribute() : PlacementAttribute(EntityHomePlacement.Instance);
