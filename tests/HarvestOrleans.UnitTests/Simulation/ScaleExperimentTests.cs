using HarvestOrleans.Experiments.Simulation.Scale;

namespace HarvestOrleans.UnitTests.Simulation;

[Trait("Category", "Unit")]
public sealed class ScaleExperimentTests
{
    [Fact]
    public void A_small_scale_run_accounts_for_every_planned_invocation_and_stays_within_the_cluster()
    {
        var result = ScaleExperiment.Run(new ScaleOptions { Vms = 50, Hours = 0.5, Functions = 150, DailyInvocations = 1_000_000 });
        var run = result.Run;
        Assert.True(result.PlannedInvocations > 10_000, $"{result.PlannedInvocations} planned");
        Assert.Equal(result.PlannedInvocations, run.Stats.Invocations + run.Unfinished);
        Assert.True(run.Stats.SuccessRate > 0.99, $"success {run.Stats.SuccessRate}");
        Assert.True(run.Stats.MeanVmsPerFunction <= 50);
        Assert.True(run.Cost.TotalDollars > 0);
    }
}
