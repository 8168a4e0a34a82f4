using HarvestOrleans.Simulation.Inputs;

namespace HarvestOrleans.UnitTests.Experiments;

/// <summary>The percentile distributions trace workloads hand the simulator: inverse-transform samples within the points.</summary>
[Trait("Category", "Unit")]
public sealed class WorkloadDistributionTests
{
    private static readonly (double, double)[] Points = [(0, 5), (1, 6), (25, 50), (50, 90), (75, 120), (99, 800), (100, 900)];

    [Fact]
    public void Quantiles_pass_through_the_points_and_interpolate_between_them()
    {
        var distribution = new PercentileDistribution(Points);

        Assert.All(Points, p => Assert.Equal(p.Item2, distribution.Quantile(p.Item1 / 100), precision: 9));
        Assert.Equal(70, distribution.Quantile(0.375), precision: 9); // halfway from p25 (50) to p50 (90)
        Assert.Equal(90, distribution.Median);
        Assert.Equal(5, distribution.Quantile(-1));
        Assert.Equal(900, distribution.Quantile(2));
    }

    [Fact]
    public void Samples_stay_within_the_first_and_last_points_and_follow_the_percentiles()
    {
        var distribution = new PercentileDistribution(Points);
        var random = new Random(7);

        var samples = Enumerable.Range(0, 20_000).Select(_ => distribution.Sample(random)).ToArray();

        Assert.All(samples, s => Assert.InRange(s, 5, 900));
        Assert.InRange(samples.Count(s => s <= 50) / (double)samples.Length, 0.24, 0.26);
        Assert.InRange(samples.Count(s => s <= 90) / (double)samples.Length, 0.49, 0.51);
        Assert.InRange(samples.Count(s => s <= 800) / (double)samples.Length, 0.985, 0.995);
    }

    [Fact]
    public void Published_percentiles_that_dip_are_made_monotone()
    {
        var distribution = new PercentileDistribution([(25, 40), (50, 30), (75, 60)]);

        Assert.Equal(40, distribution.Median);
        Assert.True(distribution.Quantile(0.6) >= distribution.Quantile(0.4));
    }
}
