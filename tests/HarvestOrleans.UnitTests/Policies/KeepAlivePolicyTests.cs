using HarvestOrleans.Policies;

namespace HarvestOrleans.UnitTests.Policies;

[Trait("Category", "Unit")]
public sealed class KeepAlivePolicyTests
{
    private static readonly KeepAlivePolicySettings Settings = new() { KeepAlive = TimeSpan.FromMinutes(10) };

    private static IdleTimeHistogram Histogram(params double[] idleMinutes)
    {
        var histogram = new IdleTimeHistogram(Settings.BinWidth, Settings.BinCount);
        foreach (var minutes in idleMinutes)
        {
            histogram.Add(TimeSpan.FromMinutes(minutes));
        }

        return histogram;
    }

    [Fact]
    public void Fixed_policy_keeps_every_instance_for_its_window_without_pre_warming()
    {
        var windows = new FixedKeepAlivePolicy().Windows(Histogram(5, 5, 5), Settings);

        Assert.Equal(new KeepAliveWindows(TimeSpan.Zero, TimeSpan.FromMinutes(10)), windows);
    }

    [Fact]
    public void Hybrid_policy_pre_warms_before_a_regular_idle_time_and_keeps_until_its_tail()
    {
        // Invoked every 5-6 minutes: unload after each run, come back at 4.5 minutes (head 5 min less 10%) and keep
        // until past the tail (6 min upper edge) with a 10% margin.
        var windows = new HybridHistogramPolicy().Windows(Histogram([.. Enumerable.Repeat(5.2, 15), .. Enumerable.Repeat(5.7, 5)]), Settings);

        Assert.Equal(TimeSpan.FromMinutes(4.5), windows.PreWarm);
        Assert.Equal(TimeSpan.FromMinutes((6 - 4.5) * 1.1).TotalMilliseconds, windows.KeepAlive.TotalMilliseconds, precision: 3);
    }

    [Fact]
    public void Hybrid_policy_falls_back_to_the_fixed_window_with_too_little_history()
    {
        var windows = new HybridHistogramPolicy().Windows(Histogram(5, 5, 5), Settings);

        Assert.Equal(new KeepAliveWindows(TimeSpan.Zero, TimeSpan.FromMinutes(10)), windows);
    }

    [Fact]
    public void Hybrid_policy_falls_back_when_idle_times_show_no_pattern()
    {
        // One idle time in each of the 240 bins: a flat histogram (CV 0) predicts nothing.
        var windows = new HybridHistogramPolicy().Windows(Histogram([.. Enumerable.Range(0, 240).Select(i => i + 0.5)]), Settings);

        Assert.Equal(new KeepAliveWindows(TimeSpan.Zero, TimeSpan.FromMinutes(10)), windows);
    }

    [Fact]
    public void Hybrid_policy_falls_back_when_most_idle_times_are_out_of_range()
    {
        var windows = new HybridHistogramPolicy().Windows(Histogram([.. Enumerable.Repeat(1.0, 10), .. Enumerable.Repeat(600.0, 20)]), Settings);

        Assert.Equal(TimeSpan.Zero, windows.PreWarm);
        Assert.Equal(TimeSpan.FromMinutes(10), windows.KeepAlive);
    }

    [Fact]
    public void Frequent_invocations_keep_the_instance_without_unloading()
    {
        // Idle times under a minute: the head is 0, so nothing is unloaded between invocations.
        var windows = new HybridHistogramPolicy().Windows(Histogram([.. Enumerable.Repeat(0.2, 30)]), Settings);

        Assert.Equal(TimeSpan.Zero, windows.PreWarm);
        Assert.Equal(TimeSpan.FromMinutes(1.1).TotalMilliseconds, windows.KeepAlive.TotalMilliseconds, precision: 3);
    }

    [Fact]
    public void Histogram_percentiles_use_bin_edges_and_count_out_of_bounds_apart()
    {
        var histogram = Histogram(0.5, 1.5, 1.5, 2.5, 1000);

        Assert.Equal(4, histogram.Count);
        Assert.Equal(1, histogram.OutOfBounds);
        Assert.Equal(TimeSpan.Zero, histogram.Percentile(5, upperEdge: false));
        Assert.Equal(TimeSpan.FromMinutes(3), histogram.Percentile(99, upperEdge: true));
    }
}
