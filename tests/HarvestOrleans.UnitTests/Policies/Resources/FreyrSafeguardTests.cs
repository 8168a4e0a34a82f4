using static HarvestOrleans.UnitTests.Policies.Requests;

namespace HarvestOrleans.UnitTests.Policies;

/// <summary>The safeguard's rules one by one, as the paper and the authors' <c>get_observation</c> state them.</summary>
[Trait("Category", "Unit")]
public sealed class FreyrSafeguardTests
{
    private static readonly ResourcePolicySettings Settings = ResourcePolicySettings.Default;
    private static readonly ResourceAllocation TwoCores = new(2, 512);

    // An over-provisioned function: given its configuration, it peaked at 0.6 cores and 200 MB.
    private static readonly FunctionResourceHistory OverProvisioned = After(TwoCores, new ResourceUsage(0.6, 200));

    private static SafeguardVerdict Judge(ResourceRequest request) => FreyrSafeguard.Judge(request, Settings);

    [Fact]
    public void Without_history_the_users_configuration_is_the_only_action()
    {
        var verdict = Judge(Request(TwoCores, FunctionResourceHistory.None));

        Assert.Equal((AllocationRange.Only(2), AllocationRange.Only(512)), (verdict.Cores, verdict.Memory));
        Assert.Equal(ResourceDecisionReason.NoHistory, verdict.Safeguard);
        Assert.Equal(new ResourceDecision(TwoCores, ResourceDecisionReason.NoHistory), new FreyrResourcePolicy().Decide(Request(TwoCores, FunctionResourceHistory.None), Settings));
    }

    [Fact]
    public void After_a_failed_run_the_users_configuration_is_the_only_action_however_idle_the_function_was()
    {
        var verdict = Judge(Request(TwoCores, After(new ResourceAllocation(1, 256), new ResourceUsage(0.2, 50), failed: true)));

        Assert.Equal((AllocationRange.Only(2), AllocationRange.Only(512)), (verdict.Cores, verdict.Memory));
        Assert.Equal(ResourceDecisionReason.LastRunFailed, verdict.Safeguard);
    }

    [Fact]
    public void An_over_provisioned_function_is_harvested_within_one_step_above_its_recent_peak_and_its_configuration()
    {
        var verdict = Judge(Request(TwoCores, OverProvisioned));

        // 0.6 cores → the next half-core level, 1.0; 200 MB → the next 64 MB level, 256 MB.
        Assert.Equal(new AllocationRange(1.0, 2), verdict.Cores);
        Assert.Equal(new AllocationRange(256, 512), verdict.Memory);
        Assert.Null(verdict.Safeguard);
    }

    [Fact]
    public void The_harvest_range_starts_above_the_recent_peak_not_the_last_one()
    {
        var history = After(TwoCores, new ResourceUsage(0.6, 200), recentPeak: new ResourceUsage(1.2, 300));

        var verdict = Judge(Request(TwoCores, history));

        Assert.Equal(new AllocationRange(1.5, 2), verdict.Cores);
        Assert.Equal(new AllocationRange(320, 512), verdict.Memory);
    }

    [Fact]
    public void A_usage_spike_of_a_harvested_function_returns_that_resource_to_the_configuration_at_once()
    {
        // Harvested to 1 core, it used 0.95 (≥ 0.9 of 1), though only 0.475 of its configuration; memory stayed idle.
        var history = After(new ResourceAllocation(1, 256), new ResourceUsage(0.95, 100));

        var verdict = Judge(Request(TwoCores, history));

        Assert.Equal(AllocationRange.Only(2), verdict.Cores);
        Assert.Equal(new AllocationRange(128, 512), verdict.Memory);
        Assert.Equal(ResourceDecisionReason.UsageSpike, verdict.Safeguard);
    }

    [Fact]
    public void Below_the_threshold_of_its_reduced_allocation_a_harvested_function_may_stay_harvested()
    {
        var history = After(new ResourceAllocation(1, 256), new ResourceUsage(0.85, 100));

        var verdict = Judge(Request(TwoCores, history));

        Assert.Equal(new AllocationRange(1.0, 2), verdict.Cores);
        Assert.Null(verdict.Safeguard);
    }

    [Fact]
    public void An_under_provisioned_function_may_be_accelerated_into_the_vms_free_cores()
    {
        var oneCore = new ResourceAllocation(1, 256);
        var history = After(oneCore, new ResourceUsage(1.0, 250));

        var verdict = Judge(Request(oneCore, history, RoomyVm with { FreeCores = 3, FreeMemoryMb = 400 }));

        Assert.Equal(new AllocationRange(1.5, 3), verdict.Cores);    // one step above its peak, up to the free cores
        Assert.Equal(new AllocationRange(256, 400), verdict.Memory); // 250 MB → 256 MB, up to the free memory
        Assert.Null(verdict.Safeguard);
    }

    [Fact]
    public void Acceleration_takes_only_idle_cores_and_stops_at_the_cap()
    {
        var oneCore = new ResourceAllocation(1, 256);
        var history = After(oneCore, new ResourceUsage(1.0, 100));

        Assert.Equal(new AllocationRange(1, 1), Judge(Request(oneCore, history, RoomyVm with { FreeCores = 0.8 })).Cores);
        Assert.Equal(new AllocationRange(1.5, 4), FreyrSafeguard.Judge(Request(oneCore, history), Settings with { MaxCores = 4 }).Cores);
    }

    [Fact]
    public void A_function_whose_measured_speed_does_not_grow_with_cores_is_not_given_more()
    {
        var oneCore = new ResourceAllocation(1, 256);
        SpeedupPoint[] flat = [new(1, 0.98, 5), new(2, 1.02, 5)];    // two cores, the same speed: single-threaded
        SpeedupPoint[] scaling = [new(1, 0.98, 5), new(2, 1.9, 5)];  // two cores, nearly twice as fast

        var notHelped = Judge(Request(oneCore, After(oneCore, new ResourceUsage(1.0, 100), speedup: flat)));
        var helped = Judge(Request(oneCore, After(oneCore, new ResourceUsage(1.0, 100), speedup: scaling)));

        Assert.Equal(AllocationRange.Only(1), notHelped.Cores);
        Assert.Equal(new AllocationRange(1.5, 6), helped.Cores);
    }

    [Fact]
    public void A_resource_that_was_not_measured_stays_at_its_configuration()
    {
        var verdict = Judge(Request(TwoCores, After(TwoCores, new ResourceUsage(0.6, MemoryMb: null))));

        Assert.Equal(new AllocationRange(1.0, 2), verdict.Cores);
        Assert.Equal(AllocationRange.Only(512), verdict.Memory);
    }

    [Fact]
    public void The_mask_allows_exactly_the_grid_actions_within_both_ranges_and_the_vms_cores()
    {
        var request = Request(TwoCores, OverProvisioned, RoomyVm with { Cores = 1.5, FreeCores = 1.5 });
        var verdict = Judge(request);
        var grid = ActionGrid.For(TwoCores, Settings);

        var mask = verdict.Mask(grid, request.Vm);

        var allowed = Enumerable.Range(0, grid.Count).Where(i => mask[i]).Select(i => grid[i]).ToList();
        Assert.Equal([1.0, 1.5], allowed.Select(a => a.Cores).Distinct()); // 2 cores is beyond the VM's 1.5
        Assert.Equal([256.0, 320, 384, 448, 512], allowed.Select(a => a.MemoryMb).Distinct());
        Assert.Equal(2 * 5, allowed.Count);
        Assert.Equal(allowed, FreyrResourcePolicy.Observe(request, Settings).Candidates);
    }

    [Fact]
    public void The_grid_holds_every_step_up_to_the_cap_and_the_configuration_even_off_the_steps()
    {
        var grid = ActionGrid.For(new ResourceAllocation(0.3, 100), Settings);

        Assert.Equal([0.3, .. Enumerable.Range(1, 16).Select(k => k * 0.5)], grid.CoreLevels);
        Assert.Equal([64.0, 100, .. Enumerable.Range(2, 15).Select(k => k * 64.0)], grid.MemoryLevels);
        Assert.Equal(17 * 17, grid.Count);
        Assert.Equal(new ResourceAllocation(0.5, 100), grid[17 + 1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => ActionGrid.For(new ResourceAllocation(1, 256), Settings with { CpuStep = 0 }));
    }

    [Theory]
    [InlineData(0.6, 0.5, 1.0)]
    [InlineData(1.0, 0.5, 1.5)]
    [InlineData(1.0, 1.0, 2.0)]   // the authors' int(peak) + 1
    [InlineData(200, 64, 256)]
    public void One_step_above_is_the_next_level_strictly_above(double value, double step, double expected) =>
        Assert.Equal(expected, FreyrSafeguard.OneStepAbove(value, step), 12);
}
