using HarvestOrleans.Experiments.Simulation.Fidelity;
using HarvestOrleans.Simulation.Output;
using Xunit;

namespace HarvestOrleans.UnitTests.Simulation.Fidelity;

[Trait("Category", "Unit")]
public sealed class FidelityBoundsTests
{
    private static readonly FidelityBounds Bounds = new();

    private static readonly FidelityFigures[] Seeds = [new(100, 20, 1.2, 100), new(100, 24, 1.4, 120)];

    [Fact]
    public void A_live_cell_within_its_bounds_of_the_seeds_range_agrees()
    {
        Assert.Empty(Bounds.Misses(new FidelityFigures(100, 22, 1.3, 110), Seeds));
        Assert.Empty(Bounds.Misses(new FidelityFigures(100, 15, 0.7, 80), Seeds)); // 5 points, 0.5 VMs and 1.25x below the range
        Assert.Empty(Bounds.Misses(new FidelityFigures(100, 29, 1.9, 150), Seeds)); // and above it
    }

    [Fact]
    public void Each_figure_outside_its_bound_is_one_miss_naming_it()
    {
        var misses = Bounds.Misses(new FidelityFigures(100, 30, 2.0, 151), Seeds);
        Assert.Equal(3, misses.Count);
        Assert.Contains("cold starts", misses[0], StringComparison.Ordinal);
        Assert.Contains("VMs per function", misses[1], StringComparison.Ordinal);
        Assert.Contains("p50", misses[2], StringComparison.Ordinal);
        Assert.Single(Bounds.Misses(new FidelityFigures(100, 14.9, 1.3, 110), Seeds));
    }

    [Fact]
    public void The_cold_start_bound_counts_invocations_so_a_small_cell_allows_as_many_flips_as_a_large_one()
    {
        // The fidelity test's cell: 61 invocations, 19 cold live against 23-24 simulated (4 flips, 6.6 points).
        FidelityFigures[] seeds = [new(61, 37.7, 1.6, 150), new(61, 39.3, 1.7, 150)];
        Assert.Empty(Bounds.Misses(new FidelityFigures(61, 31.1, 1.6, 150), seeds));
        Assert.Single(Bounds.Misses(new FidelityFigures(61, 29.0, 1.6, 150), seeds)); // 8.7 points: more than 5 flips (8.2 points)
        Assert.Equal(5, Bounds.ColdStartPoints(100), 6);
    }

    [Fact]
    public void A_live_median_within_the_simulated_runs_rank_noise_agrees_though_over_the_ratio_and_one_beyond_it_misses()
    {
        // The fidelity test's flake: active/MinWorkerSet, 61 invocations, p50 147.8 ms live against 189-202.6 ms
        // simulated (1.28x). Its latencies mix warm runs with cold starts several times slower: a few invocations more
        // or less starting cold move the median of 61 between the two.
        var latencies = new LatencyHistogram();
        foreach (var ms in Enumerable.Range(0, 40).Select(i => 120.0 + i).Concat(Enumerable.Range(0, 21).Select(i => 600.0 + i)))
        {
            latencies.Add(ms);
        }

        var (low, high) = Bounds.MedianBand(61);
        Assert.Equal((33.5, 66.5), (Math.Round(low, 1), Math.Round(high, 1))); // ranks 30.5 ± 2.58 × √61 / 2
        FidelityFigures[] seeds = [new(61, 37.7, 1.6, 189, latencies.Percentile(low), latencies.Percentile(high)), new(61, 39.3, 1.7, 202.6, 140, 610)];
        Assert.Empty(Bounds.Misses(new FidelityFigures(61, 37.7, 1.6, 147.8), seeds));
        var miss = Assert.Single(Bounds.Misses(new FidelityFigures(61, 37.7, 1.6, 130), seeds)); // below the band's ~140 ms, and 1.45x
        Assert.Contains("rank noise", miss, StringComparison.Ordinal);
        Assert.Single(new FidelityBounds { P50RankZ = 0 }.Misses(new FidelityFigures(61, 37.7, 1.6, 147.8), seeds)); // the ratio alone: the flake
    }

    [Fact]
    public void A_larger_cell_has_a_narrower_band()
    {
        var (low103, high103) = Bounds.MedianBand(103);
        var (low1000, high1000) = Bounds.MedianBand(1000);
        Assert.True(low103 < low1000 && high1000 < high103);
        Assert.Equal((0, 100), Bounds.MedianBand(1)); // clamped
        Assert.Equal((50, 50), new FidelityBounds { P50RankZ = 0 }.MedianBand(61));
    }

    [Fact]
    public void Medians_a_few_milliseconds_apart_agree_whatever_their_ratio_and_a_missing_median_never_does()
    {
        FidelityFigures[] fast = [new(10, 0, 1, 2)];
        Assert.Empty(Bounds.Misses(new FidelityFigures(10, 0, 1, 6.5), fast)); // 3.25x, but 4.5 ms
        Assert.Single(Bounds.Misses(new FidelityFigures(10, 0, 1, 7.5), fast));
        Assert.Single(Bounds.Misses(new FidelityFigures(10, 0, 1, double.NaN), fast));
        Assert.Throws<ArgumentException>(() => Bounds.Misses(fast[0], []));
    }
}
