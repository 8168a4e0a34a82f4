using HarvestOrleans.Cluster;

namespace HarvestOrleans.GrainInterfaces;

/// <summary>The cluster's Resource Monitor (key 0): keeps the Active VMs' total cores at or above a minimum.</summary>
[Alias("HarvestOrleans.IResourceMonitorGrain")]
public interface IResourceMonitorGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    /// <summary>Activates the monitor (and its check timer) if it is not running; silos call this periodically.</summary>
    [Alias("EnsureRunning")]
    Task EnsureRunningAsync();

    [ReadOnly, Alias("GetHistory")]
    Task<PoolSample[]> GetHistoryAsync();
}

/// <summary>The pool as the Resource Monitor saw it at one check, and what it did.</summary>
[GenerateSerializer, Immutable, Alias("HarvestOrleans.PoolSample")]
public sealed record PoolSample(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] int ActiveVms,
    [property: Id(2)] double ActiveCores,
    [property: Id(3)] double MinimumCores,
    [property: Id(4)] double RequestedCores,
    [property: Id(5)] string? Note);
