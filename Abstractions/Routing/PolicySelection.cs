namespace HarvestOrleans.Routing;

/// <summary>The cluster-wide policy choice (balancing, eviction, resources); a null policy means "as each silo is configured".</summary>
[GenerateSerializer, Immutable, Alias("HarvestOrleans.PolicySelection")]
public sealed record PolicySelection
{
    public static PolicySelection Configured { get; } = new();

    [Id(0)] public string? Balancing { get; init; }

    [Id(1)] public string? Eviction { get; init; }

    /// <summary>Increments on every change.</summary>
    [Id(2)] public long Version { get; init; }

    [Id(3)] public DateTimeOffset ChangedAt { get; init; }

    /// <summary>The resource policy every invoker allocates invocations' cores and memory with; null: as each silo is configured.</summary>
    [Id(4)] public string? Resources { get; init; }
}
