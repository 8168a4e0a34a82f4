using HarvestOrleans.Experiments.Simulation.Experiments;
using HarvestOrleans.FunctionBench;
using HarvestOrleans.Simulation.Inputs;

namespace HarvestOrleans.UnitTests.Simulation.Experiments;

[Trait("Category", "Unit")]
public sealed class BalancersExperimentTests
{
    private static readonly Lazy<BalancersResult> Quick = new(() => BalancersExperiment.Run(BalancersOptions.Quick));

    [Fact]
    public void The_quick_run_has_every_trace_policy_and_user_count_with_work_done()
    {
        var result = Quick.Value;

        Assert.Equal(3 * 3 * 2, result.Points.Count);
        foreach (var point in result.Points)
        {
            // 50 users × 5 min / (10 s think + ~5.6 s) ≈ 960 invocations; 300 users six times that, less what queues.
            Assert.True(point.Result.Stats.Invocations > 10 * point.Users, $"{point.Trace}/{point.Policy}/{point.Users}: {point.Result.Stats.Invocations} invocations");
            Assert.True(point.P99Ms > point.P50Ms && point.P50Ms > 1000, $"{point.Trace}/{point.Policy}/{point.Users}: p50 {point.P50Ms} ms, p99 {point.P99Ms} ms");
            Assert.True(point.Cost.InvocationsPerDollar > 0 && point.Cost.DollarsPerMillion > 0);
        }

        Assert.Equal(160, result.Clusters.Single(c => c.Trace == "dedicated").MeanCores, precision: 6);
        Assert.True(result.Clusters.Single(c => c.Trace == "active").CoreChanges > 0);
    }

    [Fact]
    public void Min_worker_set_starts_fewer_functions_cold_than_jsq_at_moderate_load()
    {
        var result = Quick.Value;

        // JSQ spreads every function over all ten VMs; MWS keeps it on its worker set (seeds 1-6: 0.33-0.67).
        foreach (var trace in BalancersOptions.AllTraces)
        {
            Assert.True(result.ColdStartRatio(trace, 50) < 0.8, $"{trace}: MWS/JSQ cold starts at 50 users {result.ColdStartRatio(trace, 50):0.00}");
        }
    }

    [Fact]
    public void At_high_load_on_the_active_trace_hashing_queues_and_min_worker_set_does_not()
    {
        var result = Quick.Value;
        var hash = result.Find("active", BalancingPolicyNames.OpenWhiskHash, 300)!;
        var mws = result.Find("active", BalancingPolicyNames.MinWorkerSet, 300)!;

        // Hashing piles each function on its home whatever its cores: queue waits reach the 30 s limit.
        Assert.True(hash.Result.Stats.SuccessRate < 0.99, $"hashing success {hash.Result.Stats.SuccessRate:P2}");
        Assert.Equal(1.0, mws.Result.Stats.SuccessRate);
        Assert.True(result.P99Ratio("active", 300) < 0.6, $"MWS/hash p99 {result.P99Ratio("active", 300):0.00} (seeds 1-6: 0.44-0.47)");
    }

    [Fact]
    public void The_default_work_scale_puts_300_users_at_about_0_7_of_the_papers_cluster()
    {
        var mix = PaperWorkload.Mix(PaperWorkload.DEFAULT_WORK_SCALE);

        // 10 VMs × 16 cores; a remeasured costs file that moves this needs a new default.
        var load = mix.OfferedCores(300, PaperWorkload.PAPER_THINK_SECONDS) / 160;
        Assert.InRange(load, 0.6, 0.8);
        Assert.InRange(mix.MeanExecutionSeconds, 1, 10);
    }

    [Fact]
    public void The_mix_is_the_papers_on_the_suite_with_every_execution_percentile_scaled()
    {
        var mix = PaperWorkload.Mix(3);
        var names = mix.Functions.Select(f => f.Name).ToArray();

        Assert.Equal(FunctionBenchSuite.PaperMix.Keys.Order(StringComparer.Ordinal), names);
        Assert.Equal(34, mix.Weights.Sum());
        var measured = FunctionBenchCosts.ReadEmbedded().Functions.Single(f => f.Name == "knn");
        var scaled = PaperWorkload.Scaled(measured, 3);
        Assert.Equal(measured.ExecutionMs.Values.Select(v => v * 3), scaled.ExecutionMs.Values);
        Assert.Equal(measured.ColdStartMs, scaled.ColdStartMs);
        Assert.Throws<ArgumentOutOfRangeException>(() => PaperWorkload.Scaled(measured, 0));
    }

    [Fact]
    public void A_weighted_mean_of_a_mix_is_the_mean_of_its_distributions()
    {
        var mix = new WeightedFunctions(
            [
                new SimFunctionSpec("a", PercentileDistribution.Constant(1000), 1, 2, 2, 256),
                new SimFunctionSpec("b", new PercentileDistribution([(0, 0), (100, 4000)]), 1, 1, 1, 256),
            ],
            [3, 1]);

        Assert.Equal(1.25, mix.MeanExecutionSeconds, precision: 3); // (3 × 1 s + 1 × 2 s) / 4
        Assert.Equal(2.0, mix.MeanCoreSeconds, precision: 3);        // (3 × 2 core-s + 1 × 2 core-s) / 4
        Assert.Equal(10 * 2.0 / (5 + 1.25), mix.OfferedCores(10, 5), precision: 3);
    }
}
