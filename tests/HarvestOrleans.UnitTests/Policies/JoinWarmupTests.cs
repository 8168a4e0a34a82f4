namespace HarvestOrleans.UnitTests.Policies;

/// <summary>Issue 18, item 4: what a joining VM warms before the balancer counts it in.</summary>
[Trait("Category", "Unit")]
public class JoinWarmupTests
{
    private static readonly BalancingPolicySettings Settings = new();

    [Fact]
    public void A_function_whose_home_moves_to_the_joiner_on_the_ring_is_served_by_it_and_one_whose_home_stays_is_not()
    {
        var cluster = new[] { "vm-a", "vm-b", "vm-c" }.Select(id => new VmView(id, 4, 16_384, 0, 0)).ToList();
        var joiner = JoinWarmup.Joining("vm-new", 4, 16_384, isRegular: false);
        var withJoiner = JoinWarmup.WithJoiner(cluster, joiner);
        var ring = ConsistentHashRing.Build(withJoiner.Select(v => v.VmId), Settings.RingSize);
        var functions = Enumerable.Range(0, 2_000).Select(i => $"f{i}").ToArray();
        var movesThere = functions.First(f => ring[ring.HomeIndex(f)] == "vm-new");
        var staysAway = functions.First(f => ring[ring.HomeIndex(f)] != "vm-new");

        Assert.True(JoinWarmup.Serves(PlanOf(movesThere, rps: 0, withJoiner), "vm-new"));
        Assert.False(JoinWarmup.Serves(PlanOf(staysAway, rps: 0, withJoiner), "vm-new"));
    }

    [Fact]
    public void A_function_that_lost_capacity_grows_onto_the_joiner()
    {
        // Two small VMs cannot hold the function's demand (10 rps × 1 s × 1 core = 10 cores): its set walks the whole
        // ring, so the joiner is a member whatever its ring position.
        var cluster = new[] { "vm-a", "vm-b" }.Select(id => new VmView(id, 2, 16_384, 0, 0)).ToList();
        var withJoiner = JoinWarmup.WithJoiner(cluster, JoinWarmup.Joining("vm-new", 8, 16_384, isRegular: false));

        Assert.True(JoinWarmup.Serves(PlanOf("busy", rps: 10, withJoiner), "vm-new"));
    }

    [Fact]
    public void A_vm_that_registers_again_replaces_its_earlier_view_and_a_new_one_is_active_and_idle()
    {
        var cluster = new List<VmView> { new("vm-a", 4, 1024, 3, 512, AcceptsWork: false, WarmFunctions: ["f"]), new("vm-b", 4, 1024, 0, 0) };
        var again = JoinWarmup.Joining("vm-a", 8, 2048, isRegular: true);

        var view = JoinWarmup.WithJoiner(cluster, again);
        Assert.Equal(["vm-b", "vm-a"], view.Select(v => v.VmId));
        Assert.Equal(new VmView("vm-a", 8, 2048, 0, 0, AcceptsWork: true, IsRegular: true), view[1]);
        Assert.False(view[1].IsWarm("f"));
    }

    [Fact]
    public void The_joiner_asks_the_functions_called_within_the_keep_alive_and_warms_the_hottest_it_serves_within_the_budget()
    {
        var settings = new NoticeHandoverSettings { Functions = 2 };
        var rates = new Dictionary<string, double> { ["idle"] = 0, ["rare"] = 0.002, ["warm"] = 1, ["hot"] = 10 };

        Assert.Equal(["hot", "warm", "rare"], JoinWarmup.Candidates(rates, settings)); // 16 asked per pre-warm: all three
        Assert.Equal(["hot", "rare"], JoinWarmup.ToWarm([("hot", true), ("warm", false), ("rare", true), ("other", true)], settings));
        var many = Enumerable.Range(0, 100).Select(i => KeyValuePair.Create($"f{i}", 1.0 + i)).ToArray();
        Assert.Equal(32, JoinWarmup.Candidates(many, settings).Count); // 16 x the budget of 2
        Assert.Empty(JoinWarmup.Candidates(many, settings with { Functions = 0 }));
    }

    [Fact]
    public void The_joiner_waits_at_most_the_bound_and_not_at_all_when_off()
    {
        var on = new NoticeHandoverSettings { MaxWait = TimeSpan.FromSeconds(3) };
        Assert.Equal(TimeSpan.FromSeconds(3), JoinWarmup.Wait(on));
        Assert.Equal(TimeSpan.Zero, JoinWarmup.Wait(NoticeHandoverSettings.Off));
        Assert.Equal(TimeSpan.Zero, JoinWarmup.Wait(on with { Functions = 0 }));
    }

    private static RoutePlan PlanOf(string function, double rps, IReadOnlyList<VmView> view) =>
        new MinWorkerSetPolicy().Plan(new FunctionDemand(function, Rps: rps, ExecutionSeconds: 1, CoresPerInvocation: 1, MemoryMb: 256), new WorkerSetState(), view, Settings, nowMs: 0);
}
