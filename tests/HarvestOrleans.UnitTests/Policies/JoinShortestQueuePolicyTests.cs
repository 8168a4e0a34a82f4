namespace HarvestOrleans.UnitTests.Policies;

/// <summary>
/// JSQ against the authors' code: "HV" is zyqCSL/openwhisk_archive at 283b62f,
/// openwhisk-harv-vm-cgroup-azure-distributed-jsq/core/controller/src/main/scala/org/apache/openwhisk/core/loadBalancer/HarvestVMContainerPoolBalancer.scala
/// (docs/mws-as-implemented.md §7).
/// </summary>
[Trait("Category", "Unit")]
public class JoinShortestQueuePolicyTests
{
    private readonly JoinShortestQueuePolicy _policy = new();
    private static readonly FunctionDemand Demand = new("f", 0, 0, 1, 256);

    private static BalancingPolicySettings In(PolicyMode mode) => BalancingPolicySettings.Default with { Mode = mode };

    private RoutePlan Plan(IReadOnlyList<VmView> cluster, PolicyMode mode = PolicyMode.Default, FunctionDemand? demand = null) =>
        _policy.Plan(demand ?? Demand, new WorkerSetState(), cluster, In(mode), 0);

    private static ReservationLedger Holding(params (string Vm, double Cores, double MemoryMb)[] inFlight)
    {
        var ledger = new ReservationLedger();
        foreach (var (vm, cores, memory) in inFlight)
        {
            ledger.Reserve(vm, cores, memory);
        }

        return ledger;
    }

    // HV 776-796: score = 3·(u_cpu + reqCpu)/cpu + (u_mem + reqMem)/mem with this caller's in-flight u, leftCpu and
    // leftMem what would remain; HV 591-599: the lowest score among VMs left ≥ 0 in both. Request: 1 core, 256 MB;
    // vm-a has 8 cores, vm-b 4, both 8192 MB; each row gives what the caller holds on each.
    [Theory]
    [InlineData(0, 0, 0, 0, "vm-a")] // a 3/8 + 1/32 < b 3/4 + 1/32
    [InlineData(3, 0, 0, 0, "vm-b")] // a 3·4/8 + 1/32 > b 3/4 + 1/32
    [InlineData(2, 0, 0, 4096, "vm-a")] // a 9/8 + 1/32 < b 3/4 + 17/32
    [InlineData(0, 7936, 3, 0, "vm-a")] // a leftMem = 0 still fits (1.375) < b leftCpu = 0 fits (3.03)
    [InlineData(0, 7937, 3, 0, "vm-b")] // a leftMem < 0 is overloaded: b fits, though its score is higher
    [InlineData(7, 0, 3.5, 0, "vm-a")] // a leftCpu = 0 fits (3.03); b leftCpu < 0 does not, though 3.41 is near
    public void Picks_the_lowest_score_among_vms_with_room(double aCores, double aMemory, double bCores, double bMemory, string expected)
    {
        var cluster = new List<VmView> { new("vm-a", 8, 8192, 0, 0), new("vm-b", 4, 8192, 0, 0) };
        var placement = _policy.Pick(Plan(cluster), Holding(("vm-a", aCores, aMemory), ("vm-b", bCores, bMemory)), new Random(1));
        Assert.Equal(new PlacementDecision(expected, false), placement);
    }

    // HV 583 scans in index order and HV 593 replaces only on a strictly lower score: ties go to the first VM, which
    // here is the lowest id in ordinal order, however the cluster lists them.
    [Theory]
    [InlineData(PolicyMode.Default)]
    [InlineData(PolicyMode.Paper)]
    public void Ties_go_to_the_lowest_vm_id(PolicyMode mode)
    {
        var cluster = new List<VmView> { new("vm-9", 4, 4096, 0, 0), new("vm-b", 4, 4096, 0, 0), new("vm-10", 4, 4096, 0, 0) };
        Assert.Equal(new PlacementDecision("vm-10", false), _policy.Pick(Plan(cluster, mode), ReservationView.None, new Random(1)));
    }

    // HV 600-608 and 623-626: with no VM left ≥ 0, the lowest-score one is overloaded (ties again to the first).
    [Theory]
    [InlineData(2, 1.5, "vm-b")] // a 3·3/2 > b 3·2.5/2
    [InlineData(1.5, 2, "vm-a")]
    [InlineData(2, 2, "vm-a")]
    public void Overloads_the_lowest_score_when_no_vm_has_room(double aCores, double bCores, string expected)
    {
        var cluster = new List<VmView> { new("vm-a", 2, 8192, 0, 0), new("vm-b", 2, 8192, 0, 0) };
        var placement = _policy.Pick(Plan(cluster), Holding(("vm-a", aCores, 0), ("vm-b", bCores, 0)), new Random(1));
        Assert.Equal(new PlacementDecision(expected, true), placement);
    }

    // HV 586: a candidate is usable with cpu ≥ cpuLimit (not strict); cpuLimit falls back to the declared cores
    // (HV 280-282), here the demand's cores per invocation when it gives no limit.
    [Theory]
    [InlineData(2, 1, 2, true)]
    [InlineData(2, 1, 1.5, false)]
    [InlineData(4, 1, 3, false)]
    [InlineData(0, 1, 1, true)]
    [InlineData(0, 2, 1, false)]
    public void The_core_gate_bars_vms_with_fewer_cores_than_the_cpu_limit(double cpuLimit, double coresPerInvocation, double vmCores, bool eligible)
    {
        var demand = new FunctionDemand("f", 0, 0, coresPerInvocation, 256) { CpuLimit = cpuLimit };
        var plan = Plan([new VmView("vm-a", vmCores, 8192, 0, 0)], demand: demand);
        Assert.Equal(eligible, plan.Candidates.Any(c => c.VmId == "vm-a"));
        Assert.Equal(eligible ? "vm-a" : null, _policy.Pick(plan, ReservationView.None, new Random(1)).VmId);
    }

    // HV 270-287 and 301-310: reqCpu is the measured utilisation (p75) once known, else the CPU limit, else the
    // declared cores; the plan carries it as the cores each invocation is charged.
    [Theory]
    [InlineData(true, 0.6, 2, 1, 0.6)]
    [InlineData(false, 0.6, 2, 1, 2)]
    [InlineData(false, 0, 0, 1, 1)]
    [InlineData(true, 0, 2, 1, 2)]
    public void Requested_cores_are_the_p75_once_profiled_else_the_cpu_limit(bool profiled, double p75, double cpuLimit, double coresPerInvocation, double expected)
    {
        var demand = new FunctionDemand("f", 0, 0, coresPerInvocation, 256) { Profiled = profiled, CpuP75 = p75, CpuLimit = cpuLimit };
        Assert.Equal(expected, JoinShortestQueuePolicy.RequestedCores(demand));
        Assert.Equal(expected, Plan([new VmView("vm-a", 4, 8192, 0, 0)], demand: demand).CoresPerInvocation);
    }

    // HV 587 scores from usedResources, the controller's own counters (HV 616, 624 acquire them): what a VM reports in
    // use plays no part.
    [Theory]
    [InlineData(PolicyMode.Default)]
    [InlineData(PolicyMode.Paper)]
    public void Reported_usage_plays_no_part(PolicyMode mode)
    {
        var cluster = new List<VmView> { new("vm-a", 4, 4096, CpuUsage: 4, MemoryUsage: 4096), new("vm-b", 4, 4096, 0, 0) };
        Assert.Equal(new PlacementDecision("vm-a", false), _policy.Pick(Plan(cluster, mode), ReservationView.None, new Random(1)));
    }

    // HV 616: every pick acquires its reqCpu and reqMem on the chosen invoker, so a burst between two load reports
    // spreads; CountReservations (Min-Worker-Set's) does not turn that off.
    [Theory]
    [InlineData(PolicyMode.Default, true)]
    [InlineData(PolicyMode.Default, false)]
    [InlineData(PolicyMode.Paper, true)]
    [InlineData(PolicyMode.Paper, false)]
    public void A_burst_of_eight_spreads_over_the_vms(PolicyMode mode, bool countReservations)
    {
        var cluster = Enumerable.Range(0, 4).Select(i => new VmView($"vm-{i}", 4, 8192, 0, 0)).ToList();
        var demand = Demand with { Profiled = true, CpuP75 = 0.5 };
        var plan = _policy.Plan(demand, new WorkerSetState(), cluster, In(mode) with { CountReservations = countReservations }, 0);
        var ledger = new ReservationLedger();
        var chosen = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            var vm = _policy.Pick(plan, ledger, new Random(1)).VmId!;
            ledger.Reserve(vm, plan.CoresPerInvocation, plan.MemoryMb);
            chosen.Add(vm);
        }

        Assert.All(cluster, vm => Assert.Equal(2, chosen.Count(c => c == vm.VmId)));
        Assert.All(cluster, vm => Assert.Equal(1.0, ledger.ReservedCores(vm.VmId)));
    }

    // HV 586: only usable invokers are candidates; with none, nothing is scheduled (HV 619-622).
    [Fact]
    public void Draining_vms_are_not_candidates_and_none_left_places_nothing()
    {
        var cluster = new List<VmView> { new("vm-a", 4, 4096, 0, 0, AcceptsWork: false), new("vm-b", 4, 4096, 0, 0) };
        var plan = Plan(cluster);
        Assert.Equal(["vm-b"], plan.Candidates.Select(c => c.VmId));
        Assert.Equal(PlacementDecision.None, _policy.Pick(Plan([cluster[0]]), ReservationView.None, new Random(1)));
    }
}
