using HarvestOrleans.Experiments.Simulation.Fidelity;
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
    public void Medians_a_few_milliseconds_apart_agree_whatever_their_ratio_and_a_missing_median_never_does()
    {
        FidelityFigures[] fast = [new(10, 0, 1, 2)];
        Assert.Empty(Bounds.Misses(new FidelityFigures(10, 0, 1, 6.5), fast)); // 3.25x, but 4.5 ms
        Assert.Single(Bounds.Misses(new FidelityFigures(10, 0, 1, 7.5), fast));
        Assert.Single(Bounds.Misses(new FidelityFigures(10, 0, 1, double.NaN), fast));
        Assert.Throws<ArgumentException>(() => Bounds.Misses(fast[0], []));
    }
}
