using HarvestOrleans.Experiments.Comparison;
using HarvestOrleans.Experiments.Simulation.Fidelity;
using HarvestOrleans.Experiments.Workloads;
using HarvestOrleans.Invocations;
using Xunit;

namespace HarvestOrleans.UnitTests.Simulation.Fidelity;

[Trait("Category", "Unit")]
public sealed class LiveCalibrationTests
{
    private static CompletedInvocation Record(string function, double executionMs, bool cold = false, double initMs = 0, double overheadMs = 2, InvocationStatus status = InvocationStatus.Succeeded) =>
        new(0, new InvocationRecord
        {
            Id = Guid.NewGuid(),
            Function = function,
            Status = status,
            ColdStart = cold,
            InitMs = initMs,
            ExecutionMs = executionMs,
            QueueWaitMs = 1,
            LatencyMs = 1 + initMs + executionMs + overheadMs,
            AverageCores = 0.5,
        });

    [Fact]
    public void Each_suite_functions_costs_come_from_its_deployed_functions_records_in_the_cell()
    {
        var measured = SimCalibration.Measured();
        var cell = new CellResult("active", "MinWorkerSet", 10,
        [
            Record("tf-a", 100), Record("tf-b", 110), Record("tf-a", 120),
            Record("tf-a", 180, cold: true, initMs: 30), // init 30 + a first run 70 ms slower than the warm median
            Record("tf-b", 5_000, status: InvocationStatus.Failed),
        ], []);

        var calibration = LiveCalibration.From(cell, new Dictionary<string, string> { ["tf-a"] = "float_operation", ["tf-b"] = "float_operation" }, measured);

        var costs = calibration.Costs["float_operation"];
        Assert.Equal(110, costs.ExecutionMs.Median, 3); // warm, succeeded runs only
        Assert.Equal(100, costs.ExecutionMs.Quantile(0), 3);
        Assert.Equal(120, costs.ExecutionMs.Quantile(1), 3);
        Assert.Equal(100, costs.ColdStartMs, 3);
        Assert.Equal(0.5, costs.UsedCores, 3);
        Assert.Equal(measured.Costs["float_operation"].DeclaredCores, costs.DeclaredCores);
        Assert.Equal(1, calibration.NetworkHopMs, 3); // half of the 2 ms beyond queue, init and execution
        Assert.Equal(measured.Costs["matmul"], calibration.Costs["matmul"]); // no records: as measured
    }
}
