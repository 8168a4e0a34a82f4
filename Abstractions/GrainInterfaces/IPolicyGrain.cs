using HarvestOrleans.Routing;

namespace HarvestOrleans.GrainInterfaces;

/// <summary>
/// The cluster's policy choice (key 0): which balancing and eviction policy every FunctionGrain plans with. Durable; a
/// choice left unset falls back to each silo's configured policy. Silos pick a change up within one cluster-view refresh.
/// </summary>
[Alias("HarvestOrleans.IPolicyGrain")]
public interface IPolicyGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    [ReadOnly, Alias("Get")]
    Task<PolicySelection> GetAsync();

    /// <summary>Sets either or both policies (null leaves one as it is); an unknown name throws <see cref="ArgumentException"/> naming the known ones.</summary>
    [Alias("Set")]
    Task<PolicySelection> SetAsync(string? balancing, string? eviction);
}
