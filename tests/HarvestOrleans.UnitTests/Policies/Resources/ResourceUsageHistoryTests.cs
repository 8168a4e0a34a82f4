namespace HarvestOrleans.UnitTests.Policies;

[Trait("Category", "Unit")]
public sealed class ResourceUsageHistoryTests
{
    private static ResourceOutcome Ran(double cores, double peakCores, double peakMemory, bool succeeded = true, double? average = null, bool recalibration = false) =>
        new(new ResourceAllocation(cores, 256), succeeded, new ResourceUsage(peakCores, peakMemory), average, recalibration);

    [Fact]
    public void An_empty_history_is_none()
    {
        Assert.Same(FunctionResourceHistory.None, new ResourceUsageHistory().Snapshot());
        Assert.True(FunctionResourceHistory.None.IsEmpty);
    }

    [Fact]
    public void The_recent_peaks_are_the_highest_successful_ones_since_the_last_recalibration()
    {
        var history = new ResourceUsageHistory();
        history.Record(Ran(2, peakCores: 1.8, peakMemory: 400));                      // before the recalibration: forgotten
        history.Record(Ran(2, peakCores: 0.7, peakMemory: 150, recalibration: true));
        history.Record(Ran(1, peakCores: 0.9, peakMemory: 120));
        history.Record(Ran(1, peakCores: 1.5, peakMemory: 500, succeeded: false));     // failed: not a peak to harvest by
        var snapshot = history.Snapshot();

        Assert.Equal(new ResourceUsage(0.9, 150), snapshot.RecentPeak);
        Assert.Equal(new ResourceUsage(1.5, 500), snapshot.LastPeak);
        Assert.True(snapshot.LastFailed);
        Assert.Equal((4L, 1.0), (snapshot.Invocations, snapshot.LastAllocation.Cores));
    }

    [Fact]
    public void The_speedup_profile_averages_the_cores_used_at_each_allocated_level()
    {
        var history = new ResourceUsageHistory(speedupWindow: 2);
        history.Record(Ran(1, 1, 100, average: 0.5));
        history.Record(Ran(1, 1, 100, average: 1.0));
        history.Record(Ran(1, 1, 100, average: 1.5)); // a window of 2: 0.75 + (1.5 − 0.75) / 2, the older ones fade
        history.Record(Ran(0.1 + 0.2, 0.3, 100, average: 0.5));
        history.Record(Ran(0.3, 0.3, 100, average: 0.25));
        history.Record(Ran(2, 2, 100, average: 5, succeeded: false));

        Assert.Equal([new SpeedupPoint(0.3, 0.375, 2), new SpeedupPoint(1, 1.125, 2)], history.Snapshot().Speedup);
    }

    [Fact]
    public void The_acceleration_limit_is_the_level_above_which_speed_stopped_growing()
    {
        var settings = ResourcePolicySettings.Default;

        Assert.Null(SpeedupCurve.AccelerationLimit([new(1, 1, 5)], settings));
        Assert.Null(SpeedupCurve.AccelerationLimit([new(1, 1, 5), new(2, 1.8, 5), new(4, 3.0, 5)], settings));
        Assert.Equal(2, SpeedupCurve.AccelerationLimit([new(4, 2.1, 5), new(1, 1, 5), new(2, 1.8, 5)], settings));
        Assert.Null(SpeedupCurve.AccelerationLimit([new(1, 1, 5), new(2, 1.0, 2)], settings)); // too few samples at 2 cores
        Assert.Equal(1, SpeedupCurve.AccelerationLimit([new(1, 1, 5), new(2, 1.0, 2)], settings with { MinSpeedupSamples = 2 }));
    }

    [Fact]
    public void The_reward_credits_speedups_and_charges_slowdowns_by_the_configurations_size()
    {
        var settings = ResourcePolicySettings.Default;
        var oneCore = new ResourceAllocation(1, 256); // 2 CPU steps + 4 memory steps

        Assert.Equal(0.25, FreyrReward.Invocation(0.75, oneCore, settings), 12);
        Assert.Equal(0, FreyrReward.Invocation(1, oneCore, settings));
        Assert.Equal(-0.5 * 6, FreyrReward.Invocation(1.5, oneCore, settings), 12);
        Assert.Equal(-(0.75 + 1.5) / 2 + 0.25 - 3, FreyrReward.Step([(0.75, oneCore), (1.5, oneCore)], completedSoFar: 8, settings), 12);
        Assert.Equal(-1.0, FreyrReward.Step([(1.0, oneCore)], completedSoFar: 0, settings), 12);
    }
}
