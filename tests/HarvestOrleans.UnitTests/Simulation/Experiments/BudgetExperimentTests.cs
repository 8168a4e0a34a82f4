using HarvestOrleans.Experiments.Simulation.Experiments;

namespace HarvestOrleans.UnitTests.Simulation.Experiments;

[Trait("Category", "Unit")]
public sealed class BudgetExperimentTests
{
    private static readonly Lazy<BudgetResult> Quick = new(() => BudgetExperiment.Run(BudgetOptions.Quick with { Duration = TimeSpan.FromMinutes(5), Discounts = [0.48, 0.88] }));

    [Fact]
    public void The_deeper_discount_buys_more_throughput_per_dollar_and_saves_more()
    {
        var result = Quick.Value;
        var (shallow, deep) = (result.Discounts[0], result.Discounts[1]);

        Assert.True(result.Regular.Throughput > 0 && result.Regular.Cost.InvocationsPerDollar > 0);
        Assert.True(shallow.AtBudget.Cost.InvocationsPerDollar > 1.5 * result.Regular.Cost.InvocationsPerDollar, $"48%: {shallow.AtBudget.Cost.InvocationsPerDollar:0} vs regular {result.Regular.Cost.InvocationsPerDollar:0} invocations/$");
        Assert.True(deep.AtBudget.Cost.InvocationsPerDollar > 3 * shallow.AtBudget.Cost.InvocationsPerDollar, $"88%: {deep.AtBudget.Cost.InvocationsPerDollar:0} vs 48%: {shallow.AtBudget.Cost.InvocationsPerDollar:0} invocations/$");
        Assert.True(result.ThroughputRatio(deep) > result.ThroughputRatio(shallow) && result.ThroughputRatio(shallow) > 1.5);
        Assert.True(result.SavingsPct(deep) > result.SavingsPct(shallow) && result.SavingsPct(shallow) > 30, $"savings {result.SavingsPct(shallow):0.0}% / {result.SavingsPct(deep):0.0}%");
    }

    [Fact]
    public void Each_discount_stays_within_the_budget_and_its_equal_throughput_cluster_matches_the_regular_one()
    {
        var result = Quick.Value;

        foreach (var d in result.Discounts)
        {
            Assert.True(d.AtBudget.Cost.DollarsPerHour <= result.BudgetPerHour * (1 + 1e-9), $"{d.Discount:P0}: ${d.AtBudget.Cost.DollarsPerHour:0.000}/h over ${result.BudgetPerHour:0.000}/h");
            Assert.True(d.AtEqualThroughput.Throughput >= result.Regular.Throughput);
            Assert.True(d.AtEqualThroughput.InitialVms <= d.AtBudget.InitialVms);

            // The one fewer VM, when the search ran it, fell short: the match is the fewest.
            if (d.Searched.FirstOrDefault(r => r.InitialVms == d.AtEqualThroughput.InitialVms - 1) is { } fewer)
            {
                Assert.True(fewer.Throughput < result.Regular.Throughput);
            }

            // Harvested cores do about as much work each as regular ones at saturation.
            Assert.InRange(result.Efficiency(d), 0.8, 1.2);
        }
    }
}
