using HarvestOrleans.Experiments.Simulation.Experiments;

namespace HarvestOrleans.UnitTests.Simulation.Experiments;

[Trait("Category", "Unit")]
public sealed class EvictionsExperimentTests
{
    private static readonly Lazy<EvictionsResult> Quick = new(() => EvictionsExperiment.Run(EvictionsOptions.Quick));

    private static EvictionsPolicy Stressed(string policy) =>
        Quick.Value.Policies.Single(p => p.Policy == policy && p.MeanLifetimeDays == EvictionsOptions.Quick.StressLifetimeDays);

    [Fact]
    public void No_failures_keeps_long_invocations_off_harvest_vms_so_no_eviction_cuts_one_off()
    {
        var noFailures = Stressed(EvictionPolicyNames.NoFailures).Chosen;

        Assert.True(noFailures.Evictions > 0);
        Assert.Equal(0, noFailures.EvictionFailures);
        Assert.True(noFailures.Long.Invocations > 100);
        Assert.Equal(0, noFailures.Long.OnHarvest);
    }

    [Fact]
    public void Live_and_let_die_loses_long_invocations_to_evictions_and_needs_fewer_regular_vms()
    {
        var live = Stressed(EvictionPolicyNames.LiveAndLetDie);
        var noFailures = Stressed(EvictionPolicyNames.NoFailures);

        Assert.True(live.Chosen.EvictionFailures > 0);
        Assert.True(live.Chosen.Long.OnHarvest > live.Chosen.Long.Invocations / 2);
        Assert.True(noFailures.Chosen.RegularVms > live.Chosen.RegularVms);
        Assert.True(noFailures.Chosen.Cost.DollarsPerHour > live.Chosen.Cost.DollarsPerHour);
        Assert.True(live.MeetsSlo && noFailures.MeetsSlo);

        // At the paper's rate an eviction is rare: the extrapolation is far above the stress run's success.
        var result = Quick.Value;
        Assert.True(result.ExtrapolatedSuccessPct(live) > 100 * live.Chosen.Stats.SuccessRate);
        Assert.True(result.ExtrapolatedEvictionFailuresPerMillion(live) > 0);
    }

    [Fact]
    public void The_long_function_gives_the_azure_share_of_execution_time()
    {
        var mix = LongFunction.WithMix(PaperWorkload.DEFAULT_WORK_SCALE);
        var spec = LongFunction.Spec();

        Assert.InRange(LongFunction.ExecutionShare(mix), 0.78, 0.86); // Azure: >82%
        Assert.Equal(0.04, mix.Weights[^1] / mix.Weights.Sum(), precision: 9);
        Assert.True(spec.LongRunning);
        Assert.False(spec.Idempotent);
        Assert.True(spec.ExecutionMs.Quantile(0) >= 30_000 && spec.TimeoutMs > spec.ExecutionMs.Quantile(1));
    }

    [Theory]
    [InlineData(2, 2, 1)]   // the starting cluster meets it: no search
    [InlineData(5, 2, 6)]   // down from the estimate
    [InlineData(9, 2, 6)]   // up from the estimate
    [InlineData(3, 2, 2)]   // an estimate at the start: from the next one up
    [InlineData(30, 2, 6)]  // nothing meets it: the most tried
    public void The_search_finds_the_fewest_regular_vms_that_meet_the_slo(int needed, int min, int estimate)
    {
        var tried = new List<int>();
        var found = EvictionsExperiment.Search(n => { tried.Add(n); return n >= needed; }, min, max: 24, estimate);

        Assert.Equal(Math.Min(needed, 24), found);
        Assert.Equal(tried.Count, tried.Distinct().Count()); // each count is asked once: a day is not run twice
    }
}
