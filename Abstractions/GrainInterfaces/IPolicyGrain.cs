using HarvestOrleans.Routing;

namespace HarvestOrleans.GrainInterfaces;

/// <summary>
/// The cluster's policy choice (key 0): which balancing and eviction policy every FunctionGrain plans with, and which
/// resource policy every invoker allocates with. Durable; a choice left unset falls back to each silo's configured
/// policy. Silos pick a change up within one cluster-view refresh.
/// </summary>
[Alias("HarvestOrleans.IPolicyGrain")]
public interface IPolicyGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    [ReadOnly, Alias("Get")]
    Task<PolicySelection> GetAsync();

    /// <summary>
    /// Sets any of the policies (null leaves one as it is). An unknown name throws <see cref="ArgumentException"/>
    /// (its <see cref="ArgumentException.ParamName"/> the parameter, its message naming the known policies) and changes nothing.
    /// </summary>
    [Alias("Set")]
    Task<PolicySelection> SetAsync(string? balancing, string? eviction, string? resources);
}
