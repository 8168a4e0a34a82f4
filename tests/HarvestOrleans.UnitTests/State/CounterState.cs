using Orleans;

namespace HarvestOrleans.UnitTests.State;

/// <summary>A grain state for the in-memory store's tests: a value and a mutable list, to catch aliasing.</summary>
[GenerateSerializer]
public sealed class CounterState
{
    [Id(0)] public int Count { get; set; }

    [Id(1)] public List<string> Notes { get; set; } = [];
}
