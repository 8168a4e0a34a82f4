namespace HarvestOrleans.Hosting.State;

/// <summary>
/// Which cluster a process-wide in-memory store belongs to: several clusters (test clusters, mostly) can run in one
/// process at once, and each must see only its own state.
/// </summary>
/// <param name="ServiceId">The cluster's <see cref="ClusterOptions.ServiceId"/>.</param>
/// <param name="ClusterId">The cluster's <see cref="ClusterOptions.ClusterId"/>.</param>
internal readonly record struct ProcessMemoryClusterKey(string ServiceId, string ClusterId)
{
    /// <summary>The key of the cluster these options configure.</summary>
    public static ProcessMemoryClusterKey Of(ClusterOptions options) => new(options.ServiceId, options.ClusterId);
}
