using HarvestOrleans.Experiments.Comparison;
using HarvestOrleans.Experiments.Simulation.Fidelity;
using HarvestOrleans.Policies;

namespace HarvestOrleans.Tests.Experiments;

/// <summary>The fidelity check on a scenario small enough for a test: every policy live and simulated, within the stated bounds.</summary>
[Trait("Category", "Cluster")]
public sealed class FidelityTests : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("harvest-fidelity-out-").FullName;

    [Fact]
    public async Task The_simulator_calibrated_from_a_live_run_agrees_with_it_on_cold_starts_spread_and_median_latency_for_every_policy()
    {
        var result = await FidelityCheck.RunAsync(new ComparisonOptions
        {
            Scenarios = ["active"],
            Vms = 2,
            Minutes = 2,
            Compression = 20,
            OutputDirectory = _output,
            Quiet = true,
        });

        Assert.Equal([BalancingPolicyNames.OpenWhiskHash, BalancingPolicyNames.JoinShortestQueue, BalancingPolicyNames.MinWorkerSet], result.Cells.Select(c => c.Policy));
        Assert.All(result.Cells, cell =>
        {
            Assert.True(cell.Live.Invocations > 30, $"{cell.Policy}: {cell.Live.Invocations} invocations");
            Assert.Equal(FidelityCheck.DEFAULT_SEEDS, cell.Simulated.Count);
            Assert.All(cell.Simulated, s => Assert.Equal(cell.Live.Invocations, s.Invocations)); // the same schedule, a record for each
            Assert.True(cell.Agrees, $"{cell.Scenario}/{cell.Policy}: {string.Join("; ", cell.Misses)}");
        });

        // The policies differ, and the simulator sees the same difference: JSQ spreads functions over more VMs than hashing.
        var hash = result.Cells.Single(c => c.Policy == BalancingPolicyNames.OpenWhiskHash);
        var jsq = result.Cells.Single(c => c.Policy == BalancingPolicyNames.JoinShortestQueue);
        Assert.True(jsq.Live.VmsPerFunction > hash.Live.VmsPerFunction, $"live: JSQ {jsq.Live.VmsPerFunction}, hash {hash.Live.VmsPerFunction}");
        Assert.True(jsq.SimulatedMedian.VmsPerFunction > hash.SimulatedMedian.VmsPerFunction, $"simulated: JSQ {jsq.SimulatedMedian.VmsPerFunction}, hash {hash.SimulatedMedian.VmsPerFunction}");
        Assert.True(File.Exists(Path.Combine(_output, "live", "invocations.csv")));
        Assert.True(File.Exists(Path.Combine(_output, "simulated", "invocations.csv")));
    }

    public void Dispose() => Directory.Delete(_output, recursive: true);
}
