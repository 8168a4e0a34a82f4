using Orleans.Runtime.Placement;

namespace HarvestOrleans.Grains.Eviction;

internal static class EvacuationExtensions
{
    /// <summary>Migrates the grain, once idle, to <paramref name="targetSilo"/> (a placement hint honoured by Orleans' migration).</summary>
    public static Task MigrateToAsync(this IGrainBase grain, string targetSilo)
    {
        RequestContext.Set(IPlacementDirector.PlacementHintKey, SiloAddress.FromParsableString(targetSilo));
        grain.MigrateOnIdle();
        return Task.CompletedTask;
    }
}
