namespace HarvestOrleans.UnitTests.Policies;

[Trait("Category", "Unit")]
public class OpenWhiskHashPolicyTests
{
    private readonly OpenWhiskHashPolicy _policy = new();

    [Theory]
    [InlineData(1, new[] { 1 })]
    [InlineData(6, new[] { 1, 5 })]
    [InlineData(7, new[] { 1, 2, 3, 4, 5, 6 })]
    public void Step_sizes_are_coprime_with_the_vm_count(int n, int[] expected)
    {
        Assert.Equal(expected, OpenWhiskHashPolicy.CoprimeSteps(n));
    }

    [Fact]
    public void Walk_visits_every_vm_once_starting_at_the_hash_home()
    {
        var cluster = Enumerable.Range(0, 6).Select(i => new VmView($"vm-{i}", 4, 4096, 0, 0)).ToList();
        var plan = _policy.Plan(new FunctionDemand("thumbnail", 0, 0, 1, 256), new WorkerSetState(), cluster, BalancingPolicySettings.Default, 0);
        Assert.Equal(6, plan.Candidates.Select(c => c.VmId).Distinct().Count());
        var home = (int)(RingHash.Fnv1a("thumbnail") % 6);
        Assert.Equal($"vm-{home}", plan.HomeVmId);
        Assert.Equal(new PlacementDecision($"vm-{home}", false), _policy.Pick(plan, ReservationView.None, new Random(1)));
    }

    [Fact]
    public void Takes_the_next_vm_in_the_walk_when_the_home_has_no_memory_slot()
    {
        var cluster = Enumerable.Range(0, 5).Select(i => new VmView($"vm-{i}", 4, 1024, 0, 0)).ToList();
        var plan = _policy.Plan(new FunctionDemand("thumbnail", 0, 0, 1, 512), new WorkerSetState(), cluster, BalancingPolicySettings.Default, 0);
        var ledger = new ReservationLedger();
        ledger.Reserve(plan.Candidates[0].VmId, 1, 1024); // home full
        Assert.Equal(new PlacementDecision(plan.Candidates[1].VmId, false), _policy.Pick(plan, ledger, new Random(1)));
    }

    [Fact]
    public void Every_vm_full_picks_a_random_one_as_overload()
    {
        var cluster = Enumerable.Range(0, 3).Select(i => new VmView($"vm-{i}", 4, 1024, 0, MemoryUsage: 1024)).ToList();
        var plan = _policy.Plan(new FunctionDemand("f", 0, 0, 1, 512), new WorkerSetState(), cluster, BalancingPolicySettings.Default, 0);
        var placement = _policy.Pick(plan, ReservationView.None, new Random(1));
        Assert.True(placement.Overload);
        Assert.Contains(placement.VmId, cluster.Select(v => v.VmId));
    }
}
