namespace HarvestOrleans.UnitTests.Policies;

[Trait("Category", "Unit")]
public class StatisticsTests
{
    [Fact]
    public void Rate_counts_reports_inside_the_window_and_decays_to_zero()
    {
        var rate = new RateEstimator(windowMs: 10_000);
        Assert.Equal(0, rate.Rate(0));
        for (var t = 0; t <= 9_000; t += 1_000)
        {
            rate.Add(t, 50);
        }

        Assert.Equal(50.0, rate.Rate(10_000), precision: 6); // 500 invocations over 10 s
        Assert.Equal(0, rate.Rate(25_000));
    }

    [Fact]
    public void Young_rate_divides_by_the_time_observed()
    {
        var rate = new RateEstimator(10_000);
        rate.Add(0, 20);
        rate.Add(2_000, 20);
        Assert.Equal(20.0, rate.Rate(2_000), precision: 6);
    }

    [Fact]
    public void Percentile_window_keeps_the_most_recent_samples()
    {
        var window = new PercentileWindow(4);
        Assert.Null(window.Percentile(0.75));
        foreach (var v in new double[] { 1000, 1000, 1, 2, 3, 4 })
        {
            window.Add(v);
        }

        Assert.Equal(4, window.Count);
        Assert.Equal(3, window.Percentile(0.75));
        Assert.Equal(2.5, window.Mean());
    }
}
