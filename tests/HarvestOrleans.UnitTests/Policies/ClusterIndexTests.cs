namespace HarvestOrleans.UnitTests.Policies;

[Trait("Category", "Unit")]
public sealed class ClusterIndexTests
{
    private static readonly BalancingPolicySettings Settings = new();
    private readonly MinWorkerSetPolicy _policy = new();

    private static FunctionDemand Demand(string name = "f") => new(name, Rps: 1, ExecutionSeconds: 0.1, CoresPerInvocation: 1, MemoryMb: 256);

    [Fact]
    public void A_plan_on_a_large_cluster_carries_its_walk_and_a_bounded_overflow_not_every_vm()
    {
        var cluster = Enumerable.Range(0, 1000).Select(i => new VmView($"vm-{i}", 8, 16_384, CpuUsage: i % 7, 0)).ToArray();
        var plan = _policy.Plan(Demand(), new WorkerSetState(), cluster, Settings, 0);
        Assert.Single(plan.WorkerSet);
        Assert.True(plan.Candidates.Count + plan.Overflow.Count <= plan.Candidates.Count + MinWorkerSetPolicy.OverflowBreadth);
        Assert.Equal(MinWorkerSetPolicy.OverflowBreadth, plan.Overflow.Count);

        // The overflow is the least-loaded VMs outside the walk, least loaded first.
        var scores = plan.Overflow.Select(c => c.CpuUsage).ToArray();
        Assert.Equal(scores.Order(), scores);
        Assert.All(plan.Overflow, c => Assert.Equal(0, c.CpuUsage));
        Assert.DoesNotContain(plan.Overflow, c => plan.Candidates.Any(m => m.VmId == c.VmId));
    }

    [Fact]
    public void A_cluster_list_changed_in_place_is_indexed_afresh()
    {
        var cluster = new List<VmView> { new("vm-a", 8, 16_384, 0, 0), new("vm-b", 8, 16_384, 0, 0), new("vm-c", 8, 16_384, 0, 0) };
        var first = _policy.Plan(Demand(), new WorkerSetState(), cluster, Settings, 0);
        var home = first.HomeVmId!;

        // The same list instance, now without the home VM: the plan must not use the remembered ring.
        cluster.RemoveAll(v => v.VmId == home);
        var second = _policy.Plan(Demand(), new WorkerSetState(), cluster, Settings, 0);
        Assert.NotEqual(home, second.HomeVmId);
        Assert.DoesNotContain(second.Candidates.Concat(second.Overflow), c => c.VmId == home);
    }

    [Fact]
    public void A_drained_vm_is_never_offered_as_overflow()
    {
        var cluster = Enumerable.Range(0, 40).Select(i => new VmView($"vm-{i}", 8, 16_384, 0, 0, AcceptsWork: i % 2 == 0)).ToArray();
        var plan = _policy.Plan(Demand(), new WorkerSetState(), cluster, Settings, 0);
        Assert.All(plan.Overflow, c => Assert.True(int.Parse(c.VmId[3..]) % 2 == 0));
    }
}
