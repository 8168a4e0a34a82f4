namespace HarvestOrleans.UnitTests.Policies;

/// <summary>Issue 18: which functions a VM with notice warms elsewhere, where, and for how long it keeps taking work.</summary>
[Trait("Category", "Unit")]
public class NoticeHandoverTests
{
    private static readonly NoticeHandoverSettings On = new() { Functions = 2, TargetsPerFunction = 2, MaxWait = TimeSpan.FromSeconds(5) };

    [Fact]
    public void The_hottest_functions_are_chosen_within_the_budget_and_idle_ones_never()
    {
        var rates = new Dictionary<string, double> { ["cold"] = 0, ["b"] = 3, ["a"] = 3, ["hot"] = 10 };

        Assert.Equal(["hot", "a"], NoticeHandover.Select(rates, budget: 2)); // ties by name
        Assert.Equal(["hot", "a", "b"], NoticeHandover.Select(rates, budget: 10));
        Assert.Empty(NoticeHandover.Select(rates, budget: 0));
    }

    [Fact]
    public void The_vm_waits_at_most_its_bound_and_half_the_time_to_its_deadline()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), NoticeHandover.Wait(TimeSpan.FromSeconds(30), On));
        Assert.Equal(TimeSpan.FromSeconds(2), NoticeHandover.Wait(TimeSpan.FromSeconds(4), On));
        Assert.Equal(TimeSpan.FromSeconds(5), NoticeHandover.Wait(TimeSpan.MaxValue, On)); // an operator's drain
        Assert.Equal(TimeSpan.Zero, NoticeHandover.Wait(TimeSpan.FromSeconds(-1), On));
        Assert.Equal(TimeSpan.Zero, NoticeHandover.Wait(TimeSpan.FromSeconds(30), NoticeHandoverSettings.Off));
        Assert.Equal(TimeSpan.Zero, NoticeHandover.Wait(TimeSpan.FromSeconds(30), On with { Functions = 0 }));
    }

    [Fact]
    public void A_min_worker_set_function_is_warmed_on_the_next_member_of_its_walk_not_on_the_victim()
    {
        var cluster = new[] { "vm-a", "vm-b", "vm-c", "vm-d" }
            .Select(id => new VmView(id, 4, 16_384, 0, 0, WarmFunctions: ["f"]))
            .ToList();
        var policy = new MinWorkerSetPolicy();
        var settings = new BalancingPolicySettings();
        var demand = new FunctionDemand("f", Rps: 0, ExecutionSeconds: 0.1, CoresPerInvocation: 1, MemoryMb: 256);
        var state = new WorkerSetState();
        var before = policy.Plan(demand, state, cluster, settings, nowMs: 0);
        var victim = Assert.Single(before.WorkerSet);
        cluster = [.. cluster.Select(v => v.VmId == victim ? v : v with { WarmFunctions = [] })]; // warm on the victim only

        var copy = state.Copy();
        var after = policy.Plan(demand, copy, NoticeHandover.AfterDrain(cluster, victim), settings, nowMs: 1);
        var targets = NoticeHandover.Targets(after, "f", victim, maxTargets: 2);

        var ring = ConsistentHashRing.Build(cluster.Select(v => v.VmId));
        var next = ring.WalkFrom(ring.HomeIndex("f")).Skip(1).First();
        Assert.Equal([next], targets);
        Assert.Equal(1, state.Size); // the function's own set is untouched: the drain's rebalance changes it
        Assert.Equal(after.WorkerSet, policy.Plan(demand, state, NoticeHandover.AfterDrain(cluster, victim), settings, nowMs: 2).WorkerSet);
    }

    [Fact]
    public void Vms_with_the_function_warm_need_no_pre_warm_and_targets_are_capped()
    {
        var plan = new RoutePlan("jsq", [
            new RouteCandidate("v1", 4, 1024, 0, 0, Warm: true),
            new RouteCandidate("victim", 4, 1024, 0, 0),
            new RouteCandidate("v2", 4, 1024, 0, 0),
            new RouteCandidate("v3", 4, 1024, 0, 0),
            new RouteCandidate("v4", 4, 1024, 0, 0)], [], null, 1, 256, 1) { Settings = new BalancingPolicySettings() };

        Assert.Equal(["v2", "v3"], NoticeHandover.Targets(plan, "f", "victim", maxTargets: 2));
    }

    [Fact]
    public void A_pre_warm_uses_idle_cores_only_and_never_while_work_waits()
    {
        Assert.True(NoticeHandover.Admits(waiting: 0, inUseMilli: 2_000, preWarmingMilli: 1_000, coresMilli: 1_000, vmCoresMilli: 4_000));
        Assert.False(NoticeHandover.Admits(waiting: 0, inUseMilli: 2_000, preWarmingMilli: 1_500, coresMilli: 1_000, vmCoresMilli: 4_000)); // other pre-warms count
        Assert.False(NoticeHandover.Admits(waiting: 1, inUseMilli: 0, preWarmingMilli: 0, coresMilli: 1_000, vmCoresMilli: 4_000)); // work waits: yield
    }

    [Fact]
    public void Rates_are_per_function_and_unknown_functions_have_none()
    {
        var rates = new FunctionRates(windowMs: 10_000);
        rates.Add("f", nowMs: 1_000, count: 10, intervalMs: 1_000);
        rates.Add("g", nowMs: 1_000, count: 1, intervalMs: 1_000);

        var now = rates.Of(["f", "g", "h"], nowMs: 1_000).ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(10, now["f"], 6);
        Assert.Equal(1, now["g"], 6);
        Assert.Equal(0, now["h"]);
        Assert.Equal(0, rates.Of(["f"], nowMs: 20_000)[0].Value); // an idle function's rate decays within the window
    }
}
