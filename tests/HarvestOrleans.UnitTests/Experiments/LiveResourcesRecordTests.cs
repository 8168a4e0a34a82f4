using HarvestOrleans.Experiments.Resources;
using HarvestOrleans.Invocations;
using HarvestOrleans.Simulation.Output;

namespace HarvestOrleans.UnitTests.Experiments;

[Trait("Category", "Unit")]
public sealed class LiveResourcesRecordTests
{
    [Fact]
    public void A_live_record_counts_as_the_simulators_with_its_slowdown_against_its_run_alone_and_its_allocation()
    {
        var harvested = new InvocationRecord
        {
            Id = Guid.NewGuid(),
            Function = "knn-over",
            Status = InvocationStatus.Succeeded,
            QueueWaitMs = 30,
            ExecutionMs = 90,
            ConfiguredCores = 2,
            AllocatedCores = 1.5,
            ConfiguredMemoryMb = 512,
            AllocatedMemoryMb = 512,
        };

        var record = LiveResourcesExperiment.ToSimRecord(1.5, harvested, aloneMs: 60);

        Assert.Equal((SimStatus.Succeeded, 2.0, true, false), (record.Status, record.Slowdown, record.Harvested, record.Accelerated));
        var failed = LiveResourcesExperiment.ToSimRecord(1.5, harvested with { Status = InvocationStatus.TimedOut }, aloneMs: 60);
        Assert.Equal(SimStatus.TimedOut, failed.Status);
        Assert.True(double.IsNaN(failed.Slowdown)); // only a succeeded run has a slowdown
        Assert.Equal(SimStatus.Rejected, LiveResourcesExperiment.ToSimRecord(0, harvested with { Status = InvocationStatus.NotFound }, 60).Status);
    }

    [Theory]
    [InlineData(0.25, 0.25)]
    [InlineData(0.3, 0.25)]
    [InlineData(0.9, 1)]
    [InlineData(3.5, 4)]
    [InlineData(2, 2.5)]
    public void An_input_size_goes_to_the_nearest_size_measured_alone(double size, double nearest) =>
        Assert.Equal(nearest, LiveResourcesExperiment.Nearest(size));
}
