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

    [Fact]
    public void Percentile_window_answers_from_its_samples_after_every_add()
    {
        var window = new PercentileWindow(3);
        window.Add(5);
        Assert.Equal(5, window.Percentile(0.5));
        Assert.Equal(5, window.Max());
        window.Add(9);
        Assert.Equal(9, window.Max()); // the sorted samples of before the add must not be reused
        window.Add(1);
        window.Add(2);                 // evicts 5
        Assert.Equal(2, window.Percentile(0.5));
        Assert.Equal(9, window.Max());
        Assert.Equal([9, 1, 2], window.Export());
    }
}
