using HarvestOrleans.Routing;

namespace HarvestOrleans.Grains.Routing;

/// <summary>A FunctionGrain's in-memory state, carried when it migrates off a draining silo.</summary>
[GenerateSerializer, Alias("HarvestOrleans.FunctionGrainMigrationState")]
internal sealed record FunctionGrainMigrationState
{
    [Id(0)] public int SetSize { get; init; }

    [Id(1)] public string? HomeVmId { get; init; }

    [Id(2)] public long LastShrinkMs { get; init; }

    [Id(3)] public long SetVersion { get; init; }

    [Id(4)] public long RateFirstMs { get; init; }

    [Id(5)] public long[] RateAtMs { get; init; } = [];

    [Id(6)] public long[] RateCounts { get; init; } = [];

    [Id(7)] public double[] ExecutionMs { get; init; } = [];

    [Id(8)] public long Invocations { get; init; }

    [Id(9)] public long Overloads { get; init; }

    [Id(10)] public long Evictions { get; init; }

    [Id(11)] public Guid[] HandledEvents { get; init; } = [];
}
