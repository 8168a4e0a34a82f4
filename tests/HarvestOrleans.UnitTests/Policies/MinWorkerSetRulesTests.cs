namespace HarvestOrleans.UnitTests.Policies;

/// <summary>
/// Min-Worker-Set rule by rule, in both modes, each test naming the lines of the authors' Scala it reproduces per
/// docs/mws-as-implemented.md (HV = HarvestVMContainerPoolBalancer, AIS = ActionInvokerSetState, CLB =
/// CommonLoadBalancer). VMs are named by their place in the function's ring walk: w0 is the home.
/// </summary>
[Trait("Category", "Unit")]
public sealed class MinWorkerSetRulesTests
{
    private const string Function = "resize-image";
    private static readonly string[] Ids = ["vm-a", "vm-b", "vm-c", "vm-d"];
    private static readonly string[] Walk = WalkOf(Ids);
    private readonly MinWorkerSetPolicy _policy = new();

    private static BalancingPolicySettings Settings(PolicyMode mode) => new() { Mode = mode };

    private static string[] WalkOf(IEnumerable<string> ids)
    {
        var ring = ConsistentHashRing.Build(ids);
        return [.. ring.WalkFrom(ring.HomeIndex(Function))];
    }

    /// <summary>The cluster in walk order: w_i has <paramref name="cores"/> and the i-th usage (held cores, and measured the same).</summary>
    private static List<VmView> Cluster(double cores, params double[] usage) =>
        Walk.Select((id, i) => new VmView(id, cores, 16_384, usage.ElementAtOrDefault(i), 0, MeasuredCpuUsage: usage.ElementAtOrDefault(i))).ToList();

    private static FunctionDemand Demand(double rps, double reqCpu = 1, double cpuLimit = 1, double execSeconds = 0.1) =>
        new(Function, rps, execSeconds, reqCpu, MemoryMb: 256) { CpuLimit = cpuLimit };

    public static TheoryData<PolicyMode, double, double, double, int> Growth
    {
        get
        {
            var rows = new TheoryData<PolicyMode, double, double, double, int>();
            foreach (var mode in new[] { PolicyMode.Default, PolicyMode.Paper })
            {
                rows.Add(mode, 10, 0, 1, 1);        // idle: the home alone
                rows.Add(mode, 10, 50, 1, 1);       // 5 cores needed, 7 of headroom per VM
                rows.Add(mode, 10, 150, 1, 3);      // 15 cores: three VMs of 7
                rows.Add(mode, 10, 150, 0.5, 2);    // measured reqCpu halves it: 7.5 cores
                rows.Add(mode, 10, 10_000, 1, 4);   // never covered: all N (HV 675-676)
            }

            return rows;
        }
    }

    [Theory]
    [MemberData(nameof(Growth))]
    public void Set_grows_at_once_to_the_shortest_walk_covering_demand_HV_594_595_661_670(PolicyMode mode, double cores, double rps, double reqCpu, int size)
    {
        var state = new WorkerSetState();
        var plan = _policy.Plan(Demand(rps, reqCpu), state, Cluster(cores), Settings(mode), nowMs: 0);
        Assert.Equal(size, state.Size);
        Assert.Equal(Walk.Take(size), plan.WorkerSet);
        Assert.Equal(rps * 0.1 * reqCpu, plan.RequiredCores, precision: 9);
    }

    /// <summary>(now, rps, size after): 10-core VMs (7 of headroom), 0.1 s per invocation.</summary>
    public static TheoryData<PolicyMode, (long Now, double Rps, int Size)[]> ShrinkGate
    {
        get
        {
            (long, double, int)[] steps =
            [
                (1_000, 150, 3),   // grow: immediate
                (2_000, 100, 2),   // the first shrink is immediate (lastShrink starts at 0)
                (5_000, 150, 3),   // grow again: immediate, and it does not reset the shrink clock
                (10_000, 0, 3),    // shrink refused: 8 s since the last shrink
                (31_999, 0, 3),    // still inside 30 s of the shrink at 2 000
                (32_000, 0, 1),    // 30 s after the last shrink (not after the grow at 5 000): accepted
                (40_000, 150, 3),
                (41_000, 0, 3),    // the shrink at 32 000 restarted the clock
                (62_000, 0, 1),
            ];
            return new() { { PolicyMode.Default, steps }, { PolicyMode.Paper, steps } };
        }
    }

    [Theory]
    [MemberData(nameof(ShrinkGate))]
    public void Shrinks_wait_30_s_after_the_last_shrink_first_immediate_grow_resets_nothing_AIS_18_58_CLB_168(PolicyMode mode, (long Now, double Rps, int Size)[] steps)
    {
        var state = new WorkerSetState();
        var cluster = Cluster(cores: 10);
        _policy.Plan(Demand(0), state, cluster, Settings(mode), 0);
        foreach (var (now, rps, size) in steps)
        {
            _policy.Plan(Demand(rps), state, cluster, Settings(mode), now);
            Assert.True(size == state.Size, $"at {now} ms with {rps} rps: size {state.Size}, expected {size}");
        }
    }

    /// <summary>One VM with plenty of headroom for 0.1 cores; is it eligible for a function with this CPU limit?</summary>
    public static TheoryData<PolicyMode, double, double, bool> CoreGate => new()
    {
        { PolicyMode.Paper, 2, 2, false },  // strict: cpu > cpuLimit (HV 626)
        { PolicyMode.Paper, 3, 2, true },
        { PolicyMode.Paper, 1, 1, false },
        { PolicyMode.Paper, 4, 4, false },
        { PolicyMode.Paper, 5, 4, true },
        { PolicyMode.Default, 2, 2, true }, // deliberate: a VM with as many cores as the limit can run the function at its limit
        { PolicyMode.Default, 1, 1, true },
        { PolicyMode.Default, 1, 2, false },
        { PolicyMode.Default, 3, 4, false },
    };

    [Theory]
    [MemberData(nameof(CoreGate))]
    public void The_core_gate_bars_vms_with_too_few_cores_whatever_their_headroom_HV_626(PolicyMode mode, double vmCores, double cpuLimit, bool eligible)
    {
        List<VmView> cluster = [new("vm-a", vmCores, 16_384, 0, 0)];
        var plan = _policy.Plan(Demand(0, reqCpu: 0.1, cpuLimit: cpuLimit), new WorkerSetState(), cluster, Settings(mode), 0);
        Assert.Equal(cpuLimit, plan.CpuLimit);

        // Picking gates on the plan's CPU limit; an ineligible VM is still the overload fallback (§3 "Fewer cores").
        Assert.Equal(new PlacementDecision("vm-a", Overload: !eligible), _policy.Pick(plan, ReservationView.None, new Random(1)));
    }

    [Theory]
    [InlineData(PolicyMode.Default)]
    [InlineData(PolicyMode.Paper)]
    public void Draining_vms_are_skipped_but_their_step_counts_HV_616(PolicyMode mode)
    {
        // The home is draining (vmEvent-flagged): no capacity, never chosen, but it keeps its place in the walk.
        var cluster = Cluster(cores: 10).Select(v => v.VmId == Walk[0] ? v with { AcceptsWork = false } : v).ToList();
        var state = new WorkerSetState();
        var plan = _policy.Plan(Demand(rps: 50), state, cluster, Settings(mode), 0); // 5 cores: one VM's headroom

        Assert.Equal(Walk[0], plan.HomeVmId);
        Assert.Equal(2, state.Size); // covered at k = 2: the skipped home's step counts
        Assert.Equal(Walk.Take(2), plan.WorkerSet);
        Assert.DoesNotContain(plan.Candidates, c => c.VmId == Walk[0]);
        Assert.Equal(new PlacementDecision(Walk[1], false), _policy.Pick(plan, ReservationView.None, new Random(1)));

        // Overloaded everywhere else: the idle draining VM is still never the fallback (HV 427-437).
        var loaded = cluster.Select(v => v.VmId == Walk[0] ? v : v with { CpuUsage = 9.9, MeasuredCpuUsage = 9.9 }).ToList();
        var overload = _policy.Pick(_policy.Plan(Demand(50), state, loaded, Settings(mode), 1), ReservationView.None, new Random(1));
        Assert.True(overload.Overload);
        Assert.NotEqual(Walk[0], overload.VmId);

        // Nothing but draining VMs: no invoker available.
        var allDraining = cluster.Select(v => v with { AcceptsWork = false }).ToList();
        Assert.Equal(PlacementDecision.None, _policy.Pick(_policy.Plan(Demand(50), new WorkerSetState(), allDraining, Settings(mode), 0), ReservationView.None, new Random(1)));
    }

    /// <summary>4-core VMs (2.8 cores of headroom) with these usages in walk order, a set of 3 → the VM chosen (index into the walk) and whether overloaded.</summary>
    public static TheoryData<PolicyMode, double[], int, bool> Choices
    {
        get
        {
            var rows = new TheoryData<PolicyMode, double[], int, bool>();
            foreach (var mode in new[] { PolicyMode.Default, PolicyMode.Paper })
            {
                rows.Add(mode, [1.0, 0.5, 1.5, 0], 1, false);   // minimum score among the visited (w3 is outside the set)
                rows.Add(mode, [1.0, 0.5, 0.5, 0], 1, false);   // a tie goes to the first visited (strict >)
                rows.Add(mode, [1.5, 1.5, 1.5, 0], 0, false);   // all tied: the home
                rows.Add(mode, [2.5, 1.0, 2.0, 0], 1, false);   // the home does not fit (2.5 + 1 > 2.8)
                rows.Add(mode, [2.5, 2.6, 2.0, 2.2], 2, true);  // none fits anywhere: the minimum-score overloaded one
                rows.Add(mode, [2.5, 2.2, 2.9, 2.2], 1, true);  // overloaded ties: the first visited
            }

            return rows;
        }
    }

    [Theory]
    [MemberData(nameof(Choices))]
    public void Placement_takes_the_minimum_score_ties_to_the_first_visited_else_the_least_overloaded_HV_629_690(PolicyMode mode, double[] usage, int chosen, bool overload)
    {
        var state = new WorkerSetState { Size = 3 };
        var cluster = Cluster(4, usage);
        var plan = _policy.Plan(Demand(0), state, cluster, Settings(mode) with { PreferWarm = false }, 0); // first plan: no shrink wait
        Assert.Equal(new PlacementDecision(Walk[chosen], overload), _policy.Pick(plan, ReservationView.None, new Random(1)));
    }

    [Fact]
    public void The_walk_visits_past_the_stored_size_until_covered_and_chooses_among_all_it_visited_HV_594_595_629()
    {
        // Set of 1, but the home and w1 cannot take a 1-core invocation: the walk goes on to w2 (and the set grows to it).
        var cluster = Cluster(4, 2.5, 2.6, 0.5, 0.0);
        var state = new WorkerSetState();
        var plan = _policy.Plan(Demand(0), state, cluster, Settings(PolicyMode.Paper), 0);
        Assert.Equal(Walk.Take(3), plan.Candidates.Select(c => c.VmId));
        Assert.Equal(new PlacementDecision(Walk[2], false), _policy.Pick(plan, ReservationView.None, new Random(1)));
    }

    [Fact]
    public void Paper_mode_reads_measured_cpu_usage_HV_522_523_IR_494_557()
    {
        // Held cores say the home is full; its measured usage says it is idle. Paper believes the measurement (§3).
        var cluster = Cluster(4).Select(v => v.VmId == Walk[0] ? v with { CpuUsage = 2.8, MeasuredCpuUsage = 0.2 } : v with { CpuUsage = 0.1, MeasuredCpuUsage = 2.8 }).ToList();
        var paper = _policy.Pick(_policy.Plan(Demand(0), new WorkerSetState { Size = 4 }, cluster, Settings(PolicyMode.Paper), 0), ReservationView.None, new Random(1));
        var byDefault = _policy.Pick(_policy.Plan(Demand(0), new WorkerSetState { Size = 4 }, cluster, Settings(PolicyMode.Default), 0), ReservationView.None, new Random(1));
        Assert.Equal(Walk[0], paper.VmId);
        Assert.NotEqual(Walk[0], byDefault.VmId);
    }

    [Fact]
    public void Paper_mode_ignores_reservations_and_warmth_whatever_the_settings_HV_679_687()
    {
        var settings = new BalancingPolicySettings { Mode = PolicyMode.Paper, CountReservations = true, PreferWarm = true };
        var cluster = Cluster(4, 0.5, 0, 0, 0).Select(v => v.VmId == Walk[0] ? v with { WarmFunctions = [Function] } : v).ToList();
        var plan = _policy.Plan(Demand(40), new WorkerSetState(), cluster, settings, 0); // 4 cores: two VMs
        Assert.Equal(2, plan.WorkerSet.Count);

        // Warm w0 is not preferred over the less loaded w1, and a burst lands on w1 until the next load report (§5).
        var ledger = new ReservationLedger();
        for (var i = 0; i < 4; i++)
        {
            var placement = _policy.Pick(plan, ledger, new Random(1));
            Assert.Equal(new PlacementDecision(Walk[1], false), placement);
            ledger.Reserve(placement.VmId!, 1, 256);
        }
    }

    [Fact]
    public void A_joining_vm_takes_the_homes_between_its_predecessor_and_itself_CLB_192_262()
    {
        var functions = Enumerable.Range(0, 500).Select(i => $"fn-{i}").ToArray();
        var before = ConsistentHashRing.Build(Ids);
        var joined = "vm-join";
        var after = ConsistentHashRing.Build([.. Ids, joined]);
        var order = after.Members.ToList();
        var prev = order[(order.IndexOf(joined) + order.Count - 1) % order.Count];
        var (from, to) = (ConsistentHashRing.PositionOf(prev, after.Size), ConsistentHashRing.PositionOf(joined, after.Size));
        bool InRange(int p) => from < to ? p > from && p <= to : p > from || p <= to; // (prev(J), J], wrapping

        foreach (var fn in functions)
        {
            var moved = before.Home(fn) != after.Home(fn);
            Assert.Equal(InRange(ConsistentHashRing.PositionOf(fn, after.Size)), moved);
            if (moved)
            {
                Assert.Equal(joined, after.Home(fn));
            }
        }
    }

    [Theory]
    [InlineData(PolicyMode.Default)]
    [InlineData(PolicyMode.Paper)]
    public void A_rehomed_function_accepts_any_size_and_restarts_its_shrink_timer_AIS_18_58_CLB_192_262(PolicyMode mode)
    {
        // A function the joining VM takes over.
        var joined = Enumerable.Range(0, 1_000).Select(i => $"vm-new-{i}")
            .First(id => ConsistentHashRing.Build([.. Ids, id]).Home(Function) == id);
        var state = new WorkerSetState();
        var cluster = Cluster(cores: 10);
        _policy.Plan(Demand(150), state, cluster, Settings(mode), 0);
        _policy.Plan(Demand(100), state, cluster, Settings(mode), 1_000); // a shrink: the next one must wait 30 s
        Assert.Equal(2, state.Size);

        List<VmView> withJoined = [.. cluster, new VmView(joined, 10, 16_384, 0, 0)];
        var plan = _policy.Plan(Demand(0), state, withJoined, Settings(mode), 2_000); // inside the interval
        Assert.Equal(joined, plan.HomeVmId);
        Assert.Equal(1, state.Size);        // any size is accepted on re-homing
        Assert.Equal(2_000, state.LastShrinkMs); // and the shrink timer restarts

        _policy.Plan(Demand(150), state, withJoined, Settings(mode), 3_000);
        _policy.Plan(Demand(0), state, withJoined, Settings(mode), 31_999);
        Assert.Equal(3, state.Size);
        _policy.Plan(Demand(0), state, withJoined, Settings(mode), 32_000);
        Assert.Equal(1, state.Size);
    }
}
