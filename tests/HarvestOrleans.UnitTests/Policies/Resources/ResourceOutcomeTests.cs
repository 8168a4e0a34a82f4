namespace HarvestOrleans.UnitTests.Policies;

[Trait("Category", "Unit")]
public sealed class ResourceOutcomeTests
{
    private static readonly ResourceDecision Stepped = new(new ResourceAllocation(1.5, 256), ResourceDecisionReason.Stepped);

    [Fact]
    public void A_measured_run_peaks_at_its_average_cores_and_leaves_memory_unmeasured()
    {
        var outcome = ResourceOutcome.Measured(Stepped, succeeded: true, averageCores: 0.4);

        Assert.Equal(new ResourceOutcome(new ResourceAllocation(1.5, 256), true, new ResourceUsage(0.4, null), 0.4, Recalibration: false), outcome);
    }

    [Theory]
    [InlineData(1.2, 1.2)] // the most cores it used at once is its peak
    [InlineData(0.1, 0.4)] // a peak under the average (a very short run) is lifted to the average
    [InlineData(0.0, 0.4)] // none measured: the average stands for it
    [InlineData(double.NaN, 0.4)]
    public void A_measured_peak_of_cores_is_the_peak_the_policies_see(double peakCores, double expected)
    {
        var outcome = ResourceOutcome.Measured(Stepped, succeeded: true, averageCores: 0.4, peakCores);

        Assert.Equal((expected, 0.4), (outcome.Peak.Cores!.Value, outcome.AverageCores!.Value));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-0.1)]
    public void A_rate_that_is_no_measurement_counts_as_not_measured(double averageCores)
    {
        var outcome = ResourceOutcome.Measured(Stepped, succeeded: true, averageCores);

        Assert.Equal((null, null), (outcome.Peak.Cores, outcome.AverageCores));
    }

    [Fact]
    public void A_failed_run_under_the_safeguard_is_a_failed_recalibration()
    {
        var safeguard = new ResourceDecision(new ResourceAllocation(2, 512), ResourceDecisionReason.NoHistory);

        var outcome = ResourceOutcome.Measured(safeguard, succeeded: false, averageCores: null);

        Assert.Equal((false, true, (double?)null), (outcome.Succeeded, outcome.Recalibration, outcome.Peak.Cores));
    }

    [Fact]
    public void Recorded_measured_runs_of_an_idle_function_let_greedy_step_down_and_a_failure_sends_freyr_back_to_the_configuration()
    {
        var configured = new ResourceAllocation(2, 512);
        var vm = new VmResources(4, 4, 8192, 8192);
        var history = new ResourceUsageHistory();
        var greedy = new GreedyResourcePolicy();
        var first = greedy.Decide(new ResourceRequest(configured, history.Snapshot(), vm), ResourcePolicySettings.Default);
        history.Record(ResourceOutcome.Measured(first, succeeded: true, averageCores: 0.01));

        var second = greedy.Decide(new ResourceRequest(configured, history.Snapshot(), vm), ResourcePolicySettings.Default);
        history.Record(ResourceOutcome.Measured(second, succeeded: false, averageCores: 0.01));
        var afterFailure = new FreyrResourcePolicy().Decide(new ResourceRequest(configured, history.Snapshot(), vm), ResourcePolicySettings.Default);

        Assert.Equal(new ResourceAllocation(1.5, 512), second.Allocation); // memory unmeasured: kept
        Assert.Equal(new ResourceDecision(configured, ResourceDecisionReason.LastRunFailed), afterFailure);
    }
}
