using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;

namespace HarvestOrleans.Grains.Infrastructure;

public static class HarvestStorage
{
    /// <summary>The grain storage provider HarvestOrleans keeps its durable state in.</summary>
    public const string ProviderName = "harvest";
}
