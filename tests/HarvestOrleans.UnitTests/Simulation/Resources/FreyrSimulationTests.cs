using HarvestOrleans.Experiments.Simulation.Resources;

namespace HarvestOrleans.UnitTests.Simulation.Resources;

/// <summary>Freyr trained and evaluated in the simulator: the training is deterministic, and the shipped weights harvest safely.</summary>
[Trait("Category", "Unit")]
public sealed class FreyrSimulationTests
{
    private static readonly ResourcesOptions Small = new() { Minutes = 10, InvocationsPerMinute = 3000 };

    [Fact]
    public void Training_in_the_simulator_makes_decisions_and_is_deterministic_for_a_seed()
    {
        var options = Small with { Seed = 3, InvocationsPerMinute = 600 };
        var (first, episodes) = FreyrTraining.Train(options, episodes: 2, episodeMinutes: 1);
        var (second, _) = FreyrTraining.Train(options, episodes: 2, episodeMinutes: 1);

        Assert.Equal(2, episodes.Count);
        Assert.All(episodes, e => Assert.True(e.Decisions > 50 && e.Update is not null && double.IsFinite(e.MeanSlowdown), $"{e}"));
        Assert.Equal(first.Export().ToJson(), second.Export().ToJson());
        var (other, _) = FreyrTraining.Train(options with { Seed = 4 }, episodes: 2, episodeMinutes: 1);
        Assert.NotEqual(first.Export().ToJson(), other.Export().ToJson());
    }

    [Fact]
    public void The_shipped_Freyr_harvests_from_over_provisioned_functions_without_failures_and_cuts_the_tail_slowdown_of_Fixed()
    {
        Assert.True(FreyrResourcePolicy.LoadShipped() is { HasWeights: true }, "no trained weights shipped in Policies/Resources/Data");
        var runs = ResourcesExperiment.Run(Small).ToDictionary(r => r.Policy);
        var (fix, greedy, freyr) = (runs[ResourcePolicyNames.Fixed].Stats, runs[ResourcePolicyNames.Greedy].Stats, runs[ResourcePolicyNames.Freyr].Stats);

        Assert.Equal(0, fix.HarvestedPct);
        Assert.Equal(1.0, freyr.SuccessRate); // the safeguard: never below a recent peak, so never out of memory
        Assert.True(freyr.HarvestedPct > 20, $"Freyr harvested {freyr.HarvestedPct:0.#}%");
        Assert.True(freyr.Slowdown.Percentile(99) < fix.Slowdown.Percentile(99), $"p99 slowdown: Freyr {freyr.Slowdown.Percentile(99):0.###}, Fixed {fix.Slowdown.Percentile(99):0.###}");
        Assert.True(greedy.SuccessRate < 0.9, $"Greedy (no safeguard) succeeded {100 * greedy.SuccessRate:0.#}%"); // steps memory below peaks
    }
}
