namespace HarvestOrleans.Hosting.State;

/// <summary>
/// One cluster's in-memory state, shared by the silos of that cluster in this process: unlike a grain's memory, it
/// outlives any one of those silos, and it goes when the last of them stops (see <see cref="ProcessMemoryStores"/>).
/// </summary>
internal sealed class ProcessMemoryStore(ProcessMemoryClusterKey cluster)
{
    /// <summary>The cluster whose state this is.</summary>
    public ProcessMemoryClusterKey Cluster { get; } = cluster;

    /// <summary>Its grain states.</summary>
    public StoredGrainStates GrainStates { get; } = new();

    /// <summary>Its reminders.</summary>
    public StoredReminders Reminders { get; } = new();
}
