using Orleans.Placement;

namespace HarvestOrleans.Grains.Placement;

/// <summary>Places a grain on the silo whose address (parsable form) is the grain's key, and nowhere else.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("HarvestOrleans.SiloPinnedPlacement")]
public sealed class SiloPinnedPlacement : PlacementStrategy
{
    public static SiloPinnedPlacement Instance { get; } = new();
}

[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SiloPinnedPlacementAttribute() : PlacementAttribute(SiloPinnedPlacement.Instance);
