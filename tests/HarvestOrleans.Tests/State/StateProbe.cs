using Orleans;

namespace HarvestOrleans.Tests.State;

/// <summary>The durable state of a <see cref="IStateProbeGrain"/>.</summary>
[GenerateSerializer]
public sealed class StateProbe
{
    /// <summary>What the test wrote.</summary>
    [Id(0)] public string? Value { get; set; }

    /// <summary>The silo of each reminder tick, in order.</summary>
    [Id(1)] public List<string> TickSilos { get; set; } = [];
}
