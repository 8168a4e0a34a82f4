using HarvestOrleans.Policies;

namespace HarvestOrleans.Experiments.Simulation.Resources;

/// <summary><c>simulate resources</c>: the resource managers on the Freyr workload (<see cref="FreyrWorkload"/>), one run each.</summary>
public sealed record ResourcesOptions
{
    public IReadOnlyList<string> Policies { get; init; } = [ResourcePolicyNames.Fixed, ResourcePolicyNames.Greedy, ResourcePolicyNames.Freyr];

    /// <summary>Regular VMs (the in-platform harvesting alone; <see cref="HarvestVms"/> adds VM-level harvesting).</summary>
    public int Vms { get; init; } = 2;

    public double CoresPerVm { get; init; } = 4;

    /// <summary>Run on Harvest VMs replaying the active traces instead: both kinds of harvesting together.</summary>
    public bool HarvestVms { get; init; }

    public string Balancing { get; init; } = BalancingPolicyNames.MinWorkerSet;

    public int Minutes { get; init; } = FreyrWorkload.DEFAULT_MINUTES;

    public double InvocationsPerMinute { get; init; } = 3000;

    /// <summary>Freyr's trained weights (JSON); null: the ones shipped with the runtime.</summary>
    public string? WeightsPath { get; init; }

    public ResourcePolicySettings Settings { get; init; } = ResourcePolicySettings.Default;

    public int Seed { get; init; } = 1;

    public string OutputDirectory { get; init; } = Path.Combine("artifacts", "simulation", "resources");
}
