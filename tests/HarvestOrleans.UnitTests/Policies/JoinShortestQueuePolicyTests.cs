namespace HarvestOrleans.UnitTests.Policies;

[Trait("Category", "Unit")]
public class JoinShortestQueuePolicyTests
{
    private readonly JoinShortestQueuePolicy _policy = new();
    private static readonly FunctionDemand Demand = new("f", 0, 0, 1, 256);

    [Fact]
    public void Picks_the_lowest_score_among_vms_with_room_and_skips_draining_ones()
    {
        var cluster = new List<VmView>
        {
            new("vm-a", 8, 8192, CpuUsage: 6, 0),
            new("vm-b", 8, 8192, CpuUsage: 0, 0, AcceptsWork: false),
            new("vm-c", 8, 8192, CpuUsage: 2, 0),
            new("vm-d", 4, 8192, CpuUsage: 2, 0),
        };
        var plan = _policy.Plan(Demand, new WorkerSetState(), cluster, BalancingPolicySettings.Default, 0);
        Assert.DoesNotContain(plan.Candidates, c => c.VmId == "vm-b");
        Assert.Equal(new PlacementDecision("vm-c", false), _policy.Pick(plan, ReservationView.None, new Random(1)));
    }

    [Fact]
    public void Spreads_a_burst_across_vms_through_reservations()
    {
        var cluster = Enumerable.Range(0, 4).Select(i => new VmView($"vm-{i}", 4, 8192, 0, 0)).ToList();
        var plan = _policy.Plan(Demand, new WorkerSetState(), cluster, BalancingPolicySettings.Default, 0);
        var ledger = new ReservationLedger();
        var chosen = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            var vm = _policy.Pick(plan, ledger, new Random(1)).VmId!;
            ledger.Reserve(vm, 1, 256);
            chosen.Add(vm);
        }

        Assert.All(chosen.GroupBy(v => v), g => Assert.Equal(2, g.Count()));
    }

    [Fact]
    public void Overloads_the_least_loaded_vm_when_none_has_room()
    {
        var cluster = new List<VmView> { new("vm-a", 2, 8192, 2, 0), new("vm-b", 2, 8192, 1.5, 0) };
        var plan = _policy.Plan(Demand, new WorkerSetState(), cluster, BalancingPolicySettings.Default, 0);
        Assert.Equal(new PlacementDecision("vm-b", true), _policy.Pick(plan, ReservationView.None, new Random(1)));
    }
}
