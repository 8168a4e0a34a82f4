using HarvestOrleans.Invocations;
using Orleans.Runtime.Placement;

namespace HarvestOrleans.Grains.Placement;

/// <summary>
/// Puts a silo-pinned grain on the silo its key names. If that silo is not an active member (evicted, dead, or an old
/// incarnation), placement fails with <see cref="WorkerUnavailableException"/>: the caller routes elsewhere, and
/// nothing ran.
/// </summary>
internal sealed class SiloPinnedPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var key = target.GrainIdentity.Key.ToString()!;
        SiloAddress silo;
        try
        {
            silo = SiloAddress.FromParsableString(key);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or IndexOutOfRangeException)
        {
            throw new WorkerUnavailableException($"'{key}' is not a silo address.");
        }

        if (context.GetCompatibleSilos(target).Contains(silo))
        {
            return Task.FromResult(silo);
        }

        throw new WorkerUnavailableException($"Silo {key} is not an active member of the cluster.");
    }
}
