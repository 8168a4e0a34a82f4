namespace HarvestOrleans.Cluster;

[GenerateSerializer, Alias("HarvestOrleans.EvictionPhase")]
public enum EvictionPhase
{
    /// <summary>Notice received: the VM takes no new work and goes away at the deadline.</summary>
    Draining = 0,

    /// <summary>The VM is gone (drained and stopped, or its silo died without notice).</summary>
    Evicted = 1,
}

/// <summary>
/// An announcement on the eviction stream. Every event has an id; handlers remember the ids they have handled, so a
/// redelivered event changes nothing.
/// </summary>
[GenerateSerializer, Immutable, Alias("HarvestOrleans.EvictionEvent")]
public sealed record EvictionEvent
{
    [Id(0)] public required Guid EventId { get; init; }

    [Id(1)] public required string VmId { get; init; }

    [Id(2)] public required string SiloAddress { get; init; }

    [Id(3)] public EvictionPhase Phase { get; init; }

    [Id(4)] public DateTimeOffset Deadline { get; init; }

    [Id(5)] public string Reason { get; init; } = "";

    [Id(6)] public DateTimeOffset At { get; init; }
}

/// <summary>Where eviction events are published (Orleans Streaming).</summary>
public static class HarvestStreams
{
    /// <summary>The stream provider HarvestOrleans publishes on.</summary>
    public const string ProviderName = "harvest";

    /// <summary>Eviction events: one stream per silo, keyed by silo address (each silo's agent subscribes implicitly).</summary>
    public const string EvictionNamespace = "harvest-evictions";

    /// <summary>
    /// Every eviction event again, on the stream <see cref="ClusterKey"/> of this namespace, for observers (clients,
    /// dashboards). A namespace of its own, so the silo agents' implicit subscription never sees the key.
    /// </summary>
    public const string ObserverNamespace = "harvest-evictions-observed";

    public const string ClusterKey = "cluster";
}
