namespace HarvestOrleans.Invocations;

/// <summary>One invocation as sent to a worker VM's invoker.</summary>
[GenerateSerializer, Immutable, Alias("HarvestOrleans.InvocationRequest")]
public sealed record InvocationRequest
{
    [Id(0)] public required Guid InvocationId { get; init; }

    [Id(1)] public required string Function { get; init; }

    /// <summary>Pinned version, or null for the latest.</summary>
    [Id(2)] public string? Version { get; init; }

    [Id(3)] public byte[] Payload { get; init; } = [];

    [Id(4)] public int Attempt { get; init; } = 1;

    /// <summary>The placement found no fitting VM and overflowed to this one.</summary>
    [Id(5)] public bool Overload { get; init; }

    /// <summary>The entity this invocation is for (an entity function's), or null for a plain function's.</summary>
    [Id(6)] public string? EntityId { get; init; }
}
