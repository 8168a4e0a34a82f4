using HarvestOrleans.Experiments.Comparison;
using HarvestOrleans.Experiments.Simulation;
using Xunit;

namespace HarvestOrleans.UnitTests.Simulation;

[Trait("Category", "Unit")]
public sealed class SimulatedComparisonTests
{
    [Fact]
    public void The_main_jobs_comparison_simulates_every_cell_and_loses_nothing()
    {
        var cells = SimulatedComparison.Run(new ComparisonOptions { Quiet = true });
        Assert.Equal(9, cells.Count);
        foreach (var cell in cells)
        {
            Assert.True(cell.Result.Stats.Invocations > 50, $"{cell.Scenario}/{cell.Policy}: {cell.Result.Stats.Invocations} invocations");
            Assert.True(cell.Result.Stats.Succeeded > 0);
        }

        // Every cell replays the same schedule, so every cell ends with the same number of final records.
        Assert.Single(cells.Select(c => c.Result.Stats.Invocations).Distinct());
    }
}
