using HarvestOrleans.Policies;

namespace HarvestOrleans.Experiments.Simulation.Scale;

/// <summary>The scale run: a generated Azure Functions day on a large cluster of Harvest VMs. Defaults: the goal.</summary>
public sealed record ScaleOptions
{
    public int Vms { get; init; } = 1_000;

    public double Hours { get; init; } = 24;

    /// <summary>Functions of the generated day.</summary>
    public int Functions { get; init; } = 1_500;

    /// <summary>Invocations of the generated (24-hour) day; a shorter run replays its first hours.</summary>
    public long DailyInvocations { get; init; } = 10_000_000;

    public string Policy { get; init; } = BalancingPolicyNames.MinWorkerSet;

    public PolicyMode Mode { get; init; } = PolicyMode.Default;

    /// <summary>Harvest VM lifetimes as the paper measured them (evictions with notice, each VM replaced).</summary>
    public bool Evictions { get; init; } = true;

    /// <summary>A folder of harvest traces the VMs replay (default: the bundled active traces, 5–32 cores).</summary>
    public string? HarvestTraces { get; init; }

    /// <summary>A folder holding an Azure Functions 2019 day (the real dataset's files, or generated ones); null: generate one.</summary>
    public string? Trace { get; init; }

    /// <summary>Where to write every invocation's record, if anywhere (a day of 10 million is ~1 GB).</summary>
    public string? RecordsPath { get; init; }

    public int Seed { get; init; } = 1;
}
