using HarvestOrleans.Experiments.Simulation;
using HarvestOrleans.Policies;
using HarvestOrleans.Simulation;
using HarvestOrleans.Simulation.Inputs;
using HarvestOrleans.Simulation.Workloads;

namespace HarvestOrleans.UnitTests.Simulation;

[Trait("Category", "Unit")]
public sealed class SimulatorDeterminismTests
{
    /// <summary>
    /// A seed names one run in every process, so a figure in bench/README can be reproduced. The run's random streams
    /// (think times, function picks, execution times) were once seeded with HashCode.Combine, which .NET seeds per
    /// process: the same seed gave different figures in every process. These figures were taken from one process; any
    /// other process must give them too. The run is tiny and policy-free (one VM, no queueing), so only the seeded
    /// streams and the network hop decide it: a change to either changes these numbers on purpose.
    /// </summary>
    [Fact]
    public void A_seed_gives_the_same_run_in_every_process()
    {
        var vms = new[] { new SimVmSpec("vm-0", VmKind.Regular, 4096, [new CoreStep(0, 64)], 0.048) };
        var functions = new[]
        {
            new SimFunctionSpec("a", new PercentileDistribution([(0, 10), (50, 20), (100, 80)]), 5, 1, 1, 256),
            new SimFunctionSpec("b", new PercentileDistribution([(0, 1), (50, 2), (100, 3)]), 5, 1, 1, 256),
        };
        var options = LiveDefaults.For(BalancingPolicyNames.MinWorkerSet, seed: 7);

        var result = new Simulator(options, vms, functions, new ClosedLoopWorkload(3, 1, [1, 3])).Run(TimeSpan.FromSeconds(60));

        Assert.Equal(EXPECTED_INVOCATIONS, result.Stats.Invocations);
        Assert.Equal(EXPECTED_CPU_SECONDS, Math.Round(result.Stats.CpuSeconds, 6));
    }

    private const long EXPECTED_INVOCATIONS = 192;
    private const double EXPECTED_CPU_SECONDS = 1.790521;
}
