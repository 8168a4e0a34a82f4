namespace HarvestOrleans.Cluster;

public static class HarvestStorage
{
    /// <summary>The grain storage provider HarvestOrleans keeps its durable state in.</summary>
    public const string ProviderName = "harvest";
}
