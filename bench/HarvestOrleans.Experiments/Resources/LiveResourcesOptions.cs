using HarvestOrleans.Experiments.Simulation.Resources;
using HarvestOrleans.Policies;

namespace HarvestOrleans.Experiments.Resources;

/// <summary><c>resources</c>: the resource managers on the Freyr workload, live (<see cref="LiveResourcesExperiment"/>).</summary>
public sealed record LiveResourcesOptions
{
    public IReadOnlyList<string> Policies { get; init; } = [ResourcePolicyNames.Fixed, ResourcePolicyNames.Greedy, ResourcePolicyNames.Freyr];

    /// <summary>Regular VMs, as in <c>simulate resources</c>.</summary>
    public int Vms { get; init; } = 2;

    /// <summary>Cores of each VM, as in <c>simulate resources</c> (the silos share this machine's cores).</summary>
    public double CoresPerVm { get; init; } = 4;

    public string Balancing { get; init; } = BalancingPolicyNames.MinWorkerSet;

    /// <summary>Minutes of the workload's per-minute counts replayed (the simulator replays 60).</summary>
    public int Minutes { get; init; } = 2;

    /// <summary>
    /// The mean rate the counts are thinned to: 600 a minute keeps this 2-core machine busy in bursts, as 3,000 does
    /// the simulated 8 cores.
    /// </summary>
    public double InvocationsPerMinute { get; init; } = 600;

    /// <summary>The arrivals' times are divided by this (1: real time).</summary>
    public double Compression { get; init; } = 1;

    /// <summary>Uncounted runs of each (function, input size) before its runs alone (the first is its cold start).</summary>
    public int WarmupRuns { get; init; } = 5;

    /// <summary>Runs alone of each (function, input size) whose median execution is the slowdown's baseline.</summary>
    public int AloneRuns { get; init; } = 3;

    /// <summary>Freyr's trained weights (JSON); null: the ones shipped with the runtime.</summary>
    public string? WeightsPath { get; init; }

    public int Seed { get; init; } = 1;

    public string OutputDirectory { get; init; } = Path.Combine("artifacts", "resources-live");

    /// <summary>A smoke run: one minute of counts at 120 a minute, replayed 4x faster, two warm-ups and one run alone each.</summary>
    public LiveResourcesOptions Quick() => this with { Minutes = 1, InvocationsPerMinute = 120, Compression = 4, WarmupRuns = 2, AloneRuns = 1 };
}
