using HarvestOrleans.Experiments.Simulation.Experiments;

namespace HarvestOrleans.UnitTests.Simulation.Experiments;

/// <summary>Issue 18 in virtual time: the notice's handover and the replacement's warm-up each remove cold starts an eviction adds.</summary>
[Trait("Category", "Unit")]
public sealed class HandoverExperimentTests
{
    private static readonly HandoverOptions Small = new() { Vms = 6, Functions = 80, TotalRps = 30, Duration = TimeSpan.FromMinutes(6), Seeds = 2 };

    [Fact]
    public void The_handover_removes_most_of_the_cold_starts_a_notice_adds_and_no_failures_come_with_it()
    {
        var result = HandoverExperiment.Run(Small);

        Assert.True(result.AddedColdStarts(HandoverMode.Off) > 5, $"the notice added {result.AddedColdStarts(HandoverMode.Off)} cold starts: too few to measure");
        Assert.True(result.ColdStartReduction >= 0.8, $"{result.AddedColdStarts(HandoverMode.On)} added with the handover against {result.AddedColdStarts(HandoverMode.Off)} without");
        Assert.Equal(result.Windows[HandoverMode.Off].Failures, result.Windows[HandoverMode.On].Failures);
    }

    [Fact]
    public void A_replacement_that_warms_up_before_it_joins_adds_fewer_cold_starts_than_one_that_joins_cold()
    {
        var result = HandoverExperiment.Run(Small with { Replacement = true });

        Assert.True(result.AddedColdStarts(HandoverMode.Off) > 5, $"the join added {result.AddedColdStarts(HandoverMode.Off)} cold starts: too few to measure");
        Assert.True(result.AddedColdStarts(HandoverMode.On) < result.AddedColdStarts(HandoverMode.Off) / 2, $"{result.AddedColdStarts(HandoverMode.On)} added with the warm-up against {result.AddedColdStarts(HandoverMode.Off)} without");
        Assert.Equal(result.Windows[HandoverMode.Off].Failures, result.Windows[HandoverMode.On].Failures);
    }
}
