using Orleans;
using Orleans.Runtime;

namespace HarvestOrleans.Tests.Infrastructure;

/// <summary>What the cluster has activated, as Orleans' management grain counts it.</summary>
public static class Activations
{
    /// <summary>The keys among <paramref name="keys"/> that some activation in the cluster has (any grain type keyed by string).</summary>
    public static async Task<string[]> WithKeysAsync(IGrainFactory grains, IReadOnlySet<string> keys)
    {
        var activations = await grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return activations.Select(a => a.GrainId.Key.ToString()!).Where(keys.Contains).Distinct().ToArray();
    }
}
