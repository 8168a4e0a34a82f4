using HarvestOrleans.Experiments.Comparison;
using HarvestOrleans.Policies;
using HarvestOrleans.Simulation;
using HarvestOrleans.Simulation.Inputs;
using HarvestOrleans.Simulation.Output;
using HarvestOrleans.Simulation.Workloads;

namespace HarvestOrleans.Experiments.Simulation.Resources;

/// <summary>
/// Each resource manager on the same <see cref="FreyrWorkload"/>, the same VMs and seed: what the invoker's allocation
/// does to slowdown against the users' configurations, how many invocations it harvests from and accelerates, and
/// latency and throughput. Freyr runs with trained weights (<see cref="FreyrWeights"/>).
/// </summary>
public static class ResourcesExperiment
{
    public static IReadOnlyList<ResourcesRun> Run(ResourcesOptions options, Action<string, double>? progress = null)
    {
        var workload = FreyrWorkload.Create(options.Seed, options.Minutes, options.InvocationsPerMinute);
        var registry = Registry(options.WeightsPath);
        return [.. options.Policies.Select(policy =>
        {
            var simulation = new Simulator(Options(options, policy, registry), Vms(options), workload.Functions, new OpenLoopWorkload(workload.Arrivals), sink: null);
            return new ResourcesRun(policy, simulation.Run(TimeSpan.FromSeconds(workload.Seconds), f => progress?.Invoke(policy, f)));
        })];
    }

    /// <summary>The built-in resource managers (Freyr with the shipped weights), or with Freyr's weights from <paramref name="weightsPath"/>.</summary>
    public static ResourcePolicies Registry(string? weightsPath) =>
        weightsPath is null ? new() : new([new FixedResourcePolicy(), new GreedyResourcePolicy(), FreyrResourcePolicy.Load(weightsPath)]);

    /// <summary>The simulation options of a run of <paramref name="policy"/>: the live defaults, the experiment's settings.</summary>
    public static SimulationOptions Options(ResourcesOptions options, string policy, ResourcePolicies registry) =>
        LiveDefaults.For(options.Balancing, seed: options.Seed) with
        {
            ResourcePolicy = policy,
            ResourcePolicies = registry,
            Resources = options.Settings,
        };

    /// <summary>The experiment's VMs: regular ones, or Harvest VMs replaying the bundled active traces.</summary>
    public static IReadOnlyList<SimVmSpec> Vms(ResourcesOptions options) => options.HarvestVms
        ? SimClusters.Harvest(options.Vms, Path.Combine(ComparisonRunner.RepoRoot(), "samples", "traces", "harvest", "active"), options.Minutes / 60.0, PriceList.Default, options.Seed)
        : SimClusters.Regular(options.Vms, options.CoresPerVm, PriceList.Default);
}
