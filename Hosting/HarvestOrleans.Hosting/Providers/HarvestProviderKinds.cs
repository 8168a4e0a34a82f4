namespace HarvestOrleans.Hosting.Providers;

/// <summary>
/// The kinds of provider a Harvest silo picks from configuration, each with its configuration section. A kind whose
/// section has no <c>ProviderType</c> is left to code (or to its default).
/// </summary>
public static class HarvestProviderKinds
{
    /// <summary>Cluster membership: <c>Harvest:Cluster:ProviderType</c> (<c>Localhost</c>, <c>Redis</c>).</summary>
    public const string Clustering = "Clustering";

    /// <summary>HarvestOrleans state and reminders: <c>Harvest:State:ProviderType</c> (<c>Memory</c>, <c>Redis</c>).</summary>
    public const string State = "State";

    /// <summary>The function package store: <c>Harvest:Packages:ProviderType</c> (<c>Local</c> by default, <c>AzureBlob</c>).</summary>
    public const string Packages = "Packages";

    /// <summary>What the Resource Monitor uses to bring up VMs: <c>Harvest:Provisioner:ProviderType</c> (<c>Process</c>; none by default).</summary>
    public const string Provisioner = "Provisioner";

    /// <summary>The configuration section of each kind.</summary>
    public static IReadOnlyDictionary<string, string> Sections { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Clustering] = "Harvest:Cluster",
        [State] = "Harvest:State",
        [Packages] = "Harvest:Packages",
        [Provisioner] = "Harvest:Provisioner",
    };
}
