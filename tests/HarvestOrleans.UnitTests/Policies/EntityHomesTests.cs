namespace HarvestOrleans.UnitTests.Policies;

/// <summary>Issue 19, item 3: an entity lives where its function's balancing and eviction policies say, as a long-lived function.</summary>
[Trait("Category", "Unit")]
public class EntityHomesTests
{
    private static readonly VmView[] Cluster =
    [
        new("harvest-1", 8, 8192, 0, 0),
        new("harvest-2", 8, 8192, 6, 0),
        new("regular-1", 4, 8192, 0, 0, IsRegular: true),
        new("regular-2", 4, 8192, 3, 0, IsRegular: true),
    ];

    private static readonly PlannedFunction Counter = new("counter", 1, 256, LongRunning: false, Entity: true);

    [Fact]
    public void An_entity_function_counts_as_long_lived_and_a_plain_short_one_does_not()
    {
        Assert.True(Counter.LongLived);
        Assert.True(new PlannedFunction("batch", 1, 256, LongRunning: true).LongLived);
        Assert.False(new PlannedFunction("echo", 1, 256, LongRunning: false).LongLived);
    }

    [Fact]
    public void Under_NoFailures_a_new_entity_goes_to_a_regular_vm_though_its_invocations_are_short()
    {
        var (allowed, plan) = PlanOf(Counter, EvictionPolicyNames.NoFailures, Cluster);

        Assert.Equal(["regular-1", "regular-2"], allowed.Select(v => v.VmId));
        for (var seed = 0; seed < 20; seed++)
        {
            Assert.StartsWith("regular-", Choose(null, leaving: false, allowed, plan, seed));
        }

        // A plain function as short is not confined: the same cluster, every VM.
        Assert.Equal(4, PlanOf(Counter with { Entity = false }, EvictionPolicyNames.NoFailures, Cluster).Allowed.Count);
    }

    [Fact]
    public void An_entity_stays_on_its_vm_while_the_policy_allows_it_there_even_if_another_is_less_loaded()
    {
        var (allowed, plan) = PlanOf(Counter, EvictionPolicyNames.LiveAndLetDie, Cluster);

        Assert.Equal("harvest-2", Choose("harvest-2", leaving: false, allowed, plan, seed: 1)); // busiest, and it stays
    }

    [Fact]
    public void After_a_switch_to_NoFailures_an_entity_on_a_harvest_vm_moves_to_a_regular_one()
    {
        var (allowed, plan) = PlanOf(Counter, EvictionPolicyNames.NoFailures, Cluster);

        Assert.StartsWith("regular-", Choose("harvest-1", leaving: false, allowed, plan, seed: 1));
    }

    [Fact]
    public void An_entity_whose_vm_drains_or_leaves_goes_elsewhere_and_never_back_to_it()
    {
        var draining = Cluster.Select(v => v.VmId == "regular-1" ? v with { AcceptsWork = false } : v).ToArray();
        var (allowed, plan) = PlanOf(Counter, EvictionPolicyNames.NoFailures, draining);
        Assert.Equal("regular-2", Choose("regular-1", leaving: false, allowed, plan, seed: 1)); // drains: it may not stay

        var (all, fresh) = PlanOf(Counter, EvictionPolicyNames.NoFailures, Cluster);
        for (var seed = 0; seed < 20; seed++)
        {
            Assert.Equal("regular-2", Choose("regular-1", leaving: true, all, fresh, seed)); // its notice: before the view shows it
        }
    }

    [Fact]
    public void With_no_vm_the_policy_allows_an_entity_has_no_home()
    {
        var harvestOnly = Cluster.Where(v => !v.IsRegular).ToArray();
        var (allowed, plan) = PlanOf(Counter, EvictionPolicyNames.NoFailures, harvestOnly);

        Assert.Null(Choose(null, leaving: false, allowed, plan, seed: 1));
        Assert.Null(Choose("harvest-1", leaving: false, allowed, plan, seed: 1)); // and one there may not stay
        var (one, onlyPlan) = PlanOf(Counter, EvictionPolicyNames.LiveAndLetDie, [Cluster[0]]);
        Assert.Null(Choose("harvest-1", leaving: true, one, onlyPlan, seed: 1)); // nowhere to go but the VM it leaves
    }

    [Theory]
    [InlineData(BalancingPolicyNames.OpenWhiskHash)]
    [InlineData(BalancingPolicyNames.JoinShortestQueue)]
    [InlineData(BalancingPolicyNames.MinWorkerSet)]
    public void A_new_entity_goes_where_the_balancing_policy_places_the_functions_invocations(string policy)
    {
        var balancing = new BalancingPolicies().Get(policy);
        var (allowed, plan) = PlanOf(Counter, EvictionPolicyNames.LiveAndLetDie, Cluster, balancing);

        Assert.Equal(
            balancing.Pick(plan, ReservationView.None, new Random(7)).VmId,
            EntityHomes.Choose(null, leaving: false, allowed, balancing, plan, new Random(7)));
    }

    private static string? Choose(string? current, bool leaving, IReadOnlyList<VmView> allowed, RoutePlan plan, int seed) =>
        EntityHomes.Choose(current, leaving, allowed, new MinWorkerSetPolicy(), plan, new Random(seed));

    private static (IReadOnlyList<VmView> Allowed, RoutePlan Plan) PlanOf(PlannedFunction function, string eviction, IReadOnlyList<VmView> cluster, IBalancingPolicy? balancing = null)
    {
        var profile = new FunctionUsageProfile(rateWindowMs: 10_000, executionSamples: 100);
        var policy = new EvictionPolicies().Get(eviction);
        var settings = new EvictionPolicySettings();
        var plan = FunctionPlanner.Plan(function, profile, new WorkerSetState(), cluster, balancing ?? new MinWorkerSetPolicy(), BalancingPolicySettings.Default, policy, settings, nowMs: 0);
        return (FunctionPlanner.AllowedVms(function, profile, cluster, policy, settings), plan);
    }
}
