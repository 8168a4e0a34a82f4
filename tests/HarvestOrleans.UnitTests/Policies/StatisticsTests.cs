namespace HarvestOrleans.UnitTests.Policies;

[Trait("Category", "Unit")]
public class StatisticsTests
{
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
