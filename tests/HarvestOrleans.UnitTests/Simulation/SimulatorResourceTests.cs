using HarvestOrleans.Experiments.Simulation;
using HarvestOrleans.Simulation;
using HarvestOrleans.Simulation.Inputs;
using HarvestOrleans.Simulation.Output;
using HarvestOrleans.Simulation.Workloads;

namespace HarvestOrleans.UnitTests.Simulation;

/// <summary>The simulated invoker's resource manager: the runtime's resource policies deciding each invocation's allocation.</summary>
[Trait("Category", "Unit")]
public sealed class SimulatorResourceTests
{
    // Declares 2 cores and 512 MB; keeps one core busy and peaks at 128 MB: over-provisioned.
    private static readonly SimFunctionSpec OverProvisioned = new("over", PercentileDistribution.Constant(100), 50, 2, 1, 512) { ParallelCores = 1, PeakMemoryMb = 128 };

    // Declares 1 core and 256 MB; could keep 4 cores busy and peaks at 220 MB: under-provisioned on cores, close on memory.
    private static readonly SimFunctionSpec UnderProvisioned = new("under", PercentileDistribution.Constant(400), 50, 1, 1, 256) { ParallelCores = 4, PeakMemoryMb = 220 };

    // The built-in policies, with a Freyr that has no network (the shipped one has learned weights).
    private static readonly ResourcePolicies Untrained = new([new FixedResourcePolicy(), new GreedyResourcePolicy(), new FreyrResourcePolicy()]);

    private static List<SimRecord> Run(string resourcePolicy, params SimFunctionSpec[] functions)
    {
        var records = new List<SimRecord>();
        var arrivals = Enumerable.Range(0, 200).Select(i => new Arrival(i * 0.5, i % functions.Length)).ToArray();
        var options = LiveDefaults.For(BalancingPolicyNames.MinWorkerSet) with { ResourcePolicy = resourcePolicy, ResourcePolicies = Untrained };
        new Simulator(options, SimClusters.Regular(2, 8, PriceList.Default), functions, new OpenLoopWorkload(arrivals), records.Add).Run(TimeSpan.FromSeconds(120));
        Assert.Equal(arrivals.Length, records.Count);
        return records;
    }

    [Fact]
    public void Fixed_gives_every_invocation_its_configuration_and_leaves_its_execution_time_alone()
    {
        var records = Run(ResourcePolicyNames.Fixed, OverProvisioned, UnderProvisioned);
        Assert.All(records, r =>
        {
            Assert.True(r.IsSuccess);
            Assert.Equal(r.ConfiguredCores, r.AllocatedCores);
            Assert.Equal(r.ConfiguredMemoryMb, r.AllocatedMemoryMb);
            Assert.Equal(1, r.Slowdown, 6);
            Assert.False(r.Harvested || r.Accelerated);
        });
        Assert.All(records.Where(r => r.Function == "over"), r => Assert.Equal(100, r.ExecutionMs, 3));
    }

    [Fact]
    public void Greedy_harvests_an_over_provisioned_function_without_slowing_it_and_gives_cores_where_they_speed_one_up()
    {
        var records = Run(ResourcePolicyNames.Greedy, OverProvisioned, UnderProvisioned);
        var over = records.Where(r => r.Function == "over" && r.IsSuccess).ToList();
        Assert.Contains(over, r => r.AllocatedCores < r.ConfiguredCores && r.AllocatedCores >= 1);
        Assert.All(over, r => Assert.Equal(1, r.Slowdown, 6)); // down to the one core it uses: no slower
        var under = records.Where(r => r.Function == "under").ToList();
        var accelerated = under.Where(r => r.Accelerated && r.IsSuccess).ToList();
        Assert.NotEmpty(accelerated);
        Assert.All(accelerated, r => Assert.True(r.Slowdown < 1 && r.ExecutionMs < 400, $"{r.AllocatedCores} cores: {r.ExecutionMs} ms"));
        Assert.All(records, r => Assert.True(r.AllocatedCores <= 8));
    }

    [Fact]
    public void Greedy_steps_memory_below_a_functions_peak_and_that_invocation_fails_out_of_memory_with_a_record()
    {
        // It peaks at 220 of its 256 MB (0.86, under Greedy's 0.9): one step (64 MB) down is below the peak.
        var records = Run(ResourcePolicyNames.Greedy, UnderProvisioned);
        var failed = records.Where(r => r.Status == SimStatus.Failed).ToList();
        Assert.NotEmpty(failed);
        Assert.All(failed, r => Assert.True(r.Error == ErrorTypes.OutOfMemory && r.AllocatedMemoryMb < 220, $"{r.Error} at {r.AllocatedMemoryMb} MB"));
        Assert.All(Run(ResourcePolicyNames.Fixed, UnderProvisioned), r => Assert.True(r.IsSuccess));
    }

    [Fact]
    public void An_untrained_Freyr_keeps_every_configuration_behind_its_safeguard()
    {
        var records = Run(ResourcePolicyNames.Freyr, OverProvisioned, UnderProvisioned);
        Assert.All(records, r => Assert.True(r.IsSuccess && r.AllocatedCores == r.ConfiguredCores && r.AllocatedMemoryMb == r.ConfiguredMemoryMb));
    }
}
