namespace HarvestOrleans.UnitTests.Policies;

[Trait("Category", "Unit")]
public class MinWorkerSetPolicyTests
{
    private static readonly BalancingPolicySettings Settings = new() { ShrinkIntervalMs = 30_000 };
    private readonly MinWorkerSetPolicy _policy = new();

    private static List<VmView> Cluster(double cores = 8, params string[] ids) =>
        (ids.Length == 0 ? ["vm-a", "vm-b", "vm-c", "vm-d"] : ids).Select(id => new VmView(id, cores, 16_384, 0, 0)).ToList();

    private static FunctionDemand Demand(double rps, double execSeconds = 0.1, string name = "resize-image") =>
        new(name, rps, execSeconds, CoresPerInvocation: 1, MemoryMb: 256);

    [Fact]
    public void Idle_function_uses_only_its_home_and_is_placed_there()
    {
        var cluster = Cluster();
        var state = new WorkerSetState();
        var plan = _policy.Plan(Demand(rps: 0), state, cluster, Settings, nowMs: 0);

        var home = ConsistentHashRing.Build(cluster.Select(v => v.VmId)).Home("resize-image");
        Assert.Equal(home, plan.HomeVmId);
        Assert.Equal([home!], plan.WorkerSet);
        Assert.Equal(new PlacementDecision(home, false), _policy.Pick(plan, ReservationView.None, new Random(1)));
    }

    [Fact]
    public void Set_grows_at_once_to_the_shortest_ring_walk_covering_demand()
    {
        var cluster = Cluster(cores: 10); // headroom 7 cores each
        var state = new WorkerSetState();
        _policy.Plan(Demand(rps: 0), state, cluster, Settings, 0);

        // 150 rps x 0.1 s x 1 core = 15 cores: needs three VMs of 7.
        var plan = _policy.Plan(Demand(rps: 150), state, cluster, Settings, nowMs: 1);
        Assert.Equal(3, state.Size);
        var ring = ConsistentHashRing.Build(cluster.Select(v => v.VmId));
        Assert.Equal(ring.WalkFrom(ring.HomeIndex("resize-image")).Take(3), plan.WorkerSet);
    }

    [Fact]
    public void Set_shrinks_at_most_once_per_interval()
    {
        var cluster = Cluster(cores: 10);
        var state = new WorkerSetState();
        _policy.Plan(Demand(0), state, cluster, Settings, 0);
        _policy.Plan(Demand(150), state, cluster, Settings, 1_000);
        Assert.Equal(3, state.Size);

        // The first shrink is immediate (as in the original: the shrink clock starts far in the past)...
        _policy.Plan(Demand(100), state, cluster, Settings, 2_000);
        Assert.Equal(2, state.Size);

        // ...the next one waits for the interval.
        _policy.Plan(Demand(0), state, cluster, Settings, 2_000 + 29_999);
        Assert.Equal(2, state.Size);
        _policy.Plan(Demand(0), state, cluster, Settings, 2_000 + 30_000);
        Assert.Equal(1, state.Size);
    }

    [Fact]
    public void Uncovered_demand_spans_the_whole_cluster()
    {
        var cluster = Cluster(cores: 2);
        var state = new WorkerSetState();
        var plan = _policy.Plan(Demand(rps: 10_000), state, cluster, Settings, 0);
        Assert.Equal(cluster.Count, state.Size);
        Assert.Equal(cluster.Count, plan.WorkerSet.Count);
    }

    [Fact]
    public void Picks_the_least_loaded_fitting_member()
    {
        var cluster = Cluster(cores: 10);
        var state = new WorkerSetState();
        var plan = _policy.Plan(Demand(150), state, cluster, Settings, 0);
        var members = plan.WorkerSet;
        // Load every member but the last of the set.
        var loaded = cluster.Select(v => members.Take(members.Count - 1).Contains(v.VmId) ? v with { CpuUsage = 5 } : v).ToList();
        var replanned = _policy.Plan(Demand(150), state, loaded, Settings, 1);
        Assert.Equal(members[^1], _policy.Pick(replanned, ReservationView.None, new Random(1)).VmId);
    }

    [Fact]
    public void Overflows_to_the_least_loaded_vm_as_overload_when_nothing_fits()
    {
        var cluster = new List<VmView>
        {
            new("vm-a", 2, 16_384, CpuUsage: 1.9, 0),
            new("vm-b", 2, 16_384, CpuUsage: 1.2, 0),
            new("vm-c", 2, 16_384, CpuUsage: 1.5, 0),
        };
        var plan = _policy.Plan(Demand(10), new WorkerSetState(), cluster, Settings, 0);
        Assert.Equal(new PlacementDecision("vm-b", Overload: true), _policy.Pick(plan, ReservationView.None, new Random(1)));
    }

    [Fact]
    public void A_full_set_overflows_to_the_least_loaded_vm_outside_it()
    {
        var cluster = Cluster(cores: 4, "vm-a", "vm-b", "vm-c", "vm-d");
        var ring = ConsistentHashRing.Build(cluster.Select(v => v.VmId));
        var walk = ring.WalkFrom(ring.HomeIndex("resize-image")).ToArray();
        // All but the last VM of the walk carry some load; the home still has headroom for one invocation.
        var loaded = cluster.Select(v => v.VmId == walk[3] ? v : v with { CpuUsage = 1.0 }).ToList();
        var state = new WorkerSetState();
        var plan = _policy.Plan(Demand(rps: 0), state, loaded, Settings, 0);
        Assert.Equal([walk[0]], plan.WorkerSet);
        Assert.Equal(walk.Skip(1).Order(StringComparer.Ordinal), plan.Overflow.Select(c => c.VmId).Order(StringComparer.Ordinal));
        Assert.Equal(walk[3], plan.Overflow[0].VmId); // least loaded first

        var ledger = new ReservationLedger();
        ledger.Reserve(walk[0], 1, 0); // the home has no room left for this caller
        Assert.Equal(new PlacementDecision(walk[3], Overload: true), _policy.Pick(plan, ledger, new Random(1)));
    }

    [Fact]
    public void Draining_vm_gets_no_work_even_as_home_or_in_overload()
    {
        var cluster = Cluster(cores: 2);
        var home = ConsistentHashRing.Build(cluster.Select(v => v.VmId)).Home("resize-image")!;
        var draining = cluster.Select(v => v.VmId == home ? v with { AcceptsWork = false } : v with { CpuUsage = 1.9 }).ToList();

        var state = new WorkerSetState();
        var plan = _policy.Plan(Demand(0), state, draining, Settings, 0);
        Assert.Equal(home, plan.HomeVmId); // still the ring's home...
        Assert.DoesNotContain(plan.Candidates, c => c.VmId == home); // ...but never a candidate
        var placement = _policy.Pick(plan, ReservationView.None, new Random(1));
        Assert.NotEqual(home, placement.VmId);
        Assert.NotNull(placement.VmId);
        Assert.True(placement.Overload);
    }

    [Fact]
    public void A_vm_leaving_rehomes_its_functions_and_resets_the_set()
    {
        var cluster = Cluster(cores: 10);
        var state = new WorkerSetState();
        var plan = _policy.Plan(Demand(150), state, cluster, Settings, 0);
        var oldHome = plan.HomeVmId!;
        var versionBefore = state.Version;

        var survivors = cluster.Where(v => v.VmId != oldHome).ToList();
        var replanned = _policy.Plan(Demand(0), state, survivors, Settings, 1);

        var expectedHome = ConsistentHashRing.Build(survivors.Select(v => v.VmId)).Home("resize-image");
        Assert.Equal(expectedHome, replanned.HomeVmId);
        Assert.Equal(1, state.Size); // re-homing accepts any size, even a shrink inside the interval
        Assert.True(state.Version > versionBefore);
        Assert.DoesNotContain(oldHome, replanned.WorkerSet);
    }

    [Fact]
    public void Reservations_spread_a_burst_between_load_reports()
    {
        var cluster = Cluster(cores: 4); // headroom 2.8: two 1-core invocations fit per VM
        var state = new WorkerSetState();
        var plan = _policy.Plan(Demand(40, 0.1), state, cluster, Settings, 0); // 4 cores: two VMs
        Assert.Equal(2, plan.WorkerSet.Count);

        var ledger = new ReservationLedger();
        var chosen = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var vm = _policy.Pick(plan, ledger, new Random(1)).VmId!;
            chosen.Add(vm);
            ledger.Reserve(vm, 1, 256);
        }

        Assert.Equal(2, chosen.Distinct().Count());
        Assert.All(chosen, vm => Assert.Contains(vm, plan.WorkerSet));

        // The paper-faithful variant ignores reservations: the whole burst lands on one VM.
        var faithful = plan with { Settings = Settings with { CountReservations = false } };
        Assert.Single(Enumerable.Range(0, 4).Select(_ => _policy.Pick(faithful, ledger, new Random(1)).VmId).Distinct());
    }

    [Fact]
    public void A_cpu_shrink_lowers_headroom_and_grows_the_set()
    {
        var cluster = Cluster(cores: 10);
        var state = new WorkerSetState();
        _policy.Plan(Demand(50), state, cluster, Settings, 0); // 5 cores: one VM of 7 headroom
        Assert.Equal(1, state.Size);

        var shrunk = cluster.Select(v => v with { Cores = 4 }).ToList(); // 2.8 headroom each
        _policy.Plan(Demand(50), state, shrunk, Settings, 1);
        Assert.Equal(2, state.Size);
    }

    [Fact]
    public void Empty_cluster_yields_no_placement()
    {
        var plan = _policy.Plan(Demand(1), new WorkerSetState(), [], Settings, 0);
        Assert.Equal(PlacementDecision.None, _policy.Pick(plan, ReservationView.None, new Random(1)));
    }
}
