namespace HarvestOrleans.Policies;

/// <summary>
/// Min-Worker-Set (Zhang et al., SOSP'21): keep each function on the shortest walk of the hash ring, from its home VM,
/// whose headroom covers rps × execution time × cores; pick the least-loaded fitting member; overflow to the
/// least-loaded member (counted as overload). Rules follow docs/mws-as-implemented.md §3-§6. Both modes walk, size
/// the set, choose and overflow alike; <see cref="PolicyMode.Paper"/> also reads a VM's CPU usage as its measured usage
/// (the authors' cgroup figure, <see cref="VmView.MeasuredCpuUsage"/>), gates strictly on the CPU limit and ignores
/// in-flight reservations and warmth, as the original does. The default mode reads the cores its invocations hold,
/// admits a VM with as many cores as the limit, and by its settings counts reservations and prefers warm members.
/// </summary>
public sealed class MinWorkerSetPolicy : IBalancingPolicy
{
    /// <summary>
    /// How many VMs outside the walk a plan offers to overflow to, least loaded first: enough that a caller whose own
    /// reservations fill the first few still finds one, few enough that a lease stays small on a large cluster.
    /// </summary>
    public const int OverflowBreadth = 16;

    public string Name => BalancingPolicyNames.MinWorkerSet;

    public RoutePlan Plan(FunctionDemand demand, WorkerSetState workerSet, IReadOnlyList<VmView> cluster, BalancingPolicySettings settings, long nowMs)
    {
        var index = ClusterIndex.For(cluster, settings.RingSize);
        var ring = index.Ring;
        if (ring.Count == 0)
        {
            return RoutePlan.Empty(Name, demand, settings);
        }

        var mode = settings.Mode;
        var cpuLimit = GateLimit(demand.CpuLimit, demand.CoresPerInvocation);
        var homeIndex = ring.HomeIndex(demand.FunctionName);
        var home = ring[homeIndex];
        var homeUpdated = workerSet.HomeVmId is not null && workerSet.HomeVmId != home;
        var n = ring.Count;
        var current = Math.Clamp(workerSet.Size, 1, n);

        // Walk from home until the summed headroom of eligible members covers the demand, and at least `current` steps.
        var candidates = new List<RouteCandidate>(current);
        double setCpu = 0, setMem = 0;
        var anyEligible = false;
        var next = -1;
        var k = 0;
        foreach (var vmId in ring.WalkFrom(homeIndex))
        {
            k++;
            var vm = Observed(index[vmId], mode);
            if (vm.AcceptsWork)
            {
                candidates.Add(new RouteCandidate(vm.VmId, vm.Cores, vm.MemoryMb, vm.CpuUsage, vm.MemoryUsage, vm.IsWarm(demand.FunctionName)));
                var availCpu = Headroom.Cpu(vm, settings.UtilisationCap);
                var availMem = Headroom.Memory(vm, settings.UtilisationCap);
                if (Headroom.Fits(vm.Cores, availCpu, availMem, demand.CoresPerInvocation, demand.MemoryMb, cpuLimit, mode))
                {
                    anyEligible = true;
                    setCpu += Math.Max(availCpu, 0);
                    setMem += Math.Max(availMem, 0);
                }
            }

            if (next < 0 && anyEligible && setCpu >= demand.RequiredCores && setMem >= demand.RequiredMemoryMb)
            {
                next = k;
            }

            if (next > 0 && k >= current)
            {
                break;
            }
        }

        if (next < 0)
        {
            next = n; // nothing covers the demand: the whole cluster
        }

        ApplySize(workerSet, home, homeUpdated, current, next, settings.ShrinkIntervalMs, nowMs);
        var members = ring.WalkFrom(homeIndex).Take(workerSet.Size).ToArray();
        var overflow = Overflow(index, candidates, demand.FunctionName, settings);
        return new RoutePlan(Name, candidates, members, home, demand.CoresPerInvocation, demand.MemoryMb, demand.RequiredCores)
        {
            Overflow = overflow,
            Settings = settings,
            CpuLimit = demand.CpuLimit,
        };
    }

    /// <summary>
    /// The least-loaded accepting VMs outside the walk (at most <see cref="OverflowBreadth"/>): where an invocation goes,
    /// as overload, when no member fits. The walk's own VMs are candidates already.
    /// </summary>
    private static RouteCandidate[] Overflow(ClusterIndex index, List<RouteCandidate> walked, string function, BalancingPolicySettings settings)
    {
        var inWalk = new HashSet<string>(walked.Count, StringComparer.Ordinal);
        foreach (var c in walked)
        {
            inWalk.Add(c.VmId);
        }

        var overflow = new List<RouteCandidate>(OverflowBreadth);
        foreach (var v in index.ByScore(settings.Mode, settings.UtilisationCap, Observed))
        {
            if (overflow.Count == OverflowBreadth)
            {
                break;
            }

            if (!inWalk.Contains(v.VmId))
            {
                overflow.Add(new RouteCandidate(v.VmId, v.Cores, v.MemoryMb, v.CpuUsage, v.MemoryUsage, v.IsWarm(function)));
            }
        }

        return [.. overflow];
    }

    /// <summary>The VM as a plan in <paramref name="mode"/> sees it: in Paper mode, its CPU usage is what it measurably uses (§3).</summary>
    private static VmView Observed(VmView vm, PolicyMode mode) => mode == PolicyMode.Paper ? vm with { CpuUsage = vm.MeasuredCpuUsage } : vm;

    // A demand without a CPU limit is gated on the cores one invocation uses.
    private static double GateLimit(double cpuLimit, double coresPerInvocation) => cpuLimit > 0 ? cpuLimit : coresPerInvocation;

    private static void ApplySize(WorkerSetState workerSet, string home, bool homeUpdated, int current, int next, long shrinkIntervalMs, long nowMs)
    {
        if (workerSet.HomeVmId is null)
        {
            workerSet.HomeVmId = home; // first plan: not a re-homing
        }

        if (homeUpdated)
        {
            // A re-homed function accepts any size and restarts its shrink timer.
            workerSet.HomeVmId = home;
            workerSet.Size = next;
            workerSet.LastShrinkMs = nowMs;
            workerSet.Version++;
        }
        else if (next > current)
        {
            workerSet.Size = next;
            workerSet.Version++;
        }
        else if (next < current && nowMs - workerSet.LastShrinkMs >= shrinkIntervalMs)
        {
            workerSet.Size = next;
            workerSet.LastShrinkMs = nowMs;
            workerSet.Version++;
        }
        else
        {
            workerSet.Size = current; // clamp after the cluster shrank
        }
    }

    public PlacementDecision Pick(RoutePlan plan, IReservationView reservations, Random random)
    {
        var settings = plan.Settings;
        var paper = settings.Mode == PolicyMode.Paper;

        // The original's placement reads only pinged usage (§5): no reservations, no warmth.
        reservations = settings.CountReservations && !paper ? reservations : ReservationView.None;
        var preferWarm = settings.PreferWarm && !paper;
        RouteCandidate? bestEligible = null, bestWarm = null, bestOverloaded = null;
        double bestEligibleScore = double.MaxValue, bestWarmScore = double.MaxValue, bestOverloadedScore = double.MaxValue;
        foreach (var c in plan.Candidates)
        {
            var (fits, score) = Assess(c, plan, reservations);
            if (fits && c.Warm && score < bestWarmScore)
            {
                (bestWarm, bestWarmScore) = (c, score);
            }

            if (fits && score < bestEligibleScore)
            {
                (bestEligible, bestEligibleScore) = (c, score);
            }
            else if (!fits && score < bestOverloadedScore)
            {
                (bestOverloaded, bestOverloadedScore) = (c, score);
            }
        }

        // A fitting member that already has the function warm saves a cold start; otherwise the least loaded.
        if ((preferWarm ? bestWarm ?? bestEligible : bestEligible) is { } chosen)
        {
            return new PlacementDecision(chosen.VmId, Overload: false);
        }

        // Nothing in the set fits: overflow to the least-loaded VM overall, counted as overload.
        foreach (var c in plan.Overflow)
        {
            var (_, score) = Assess(c, plan, reservations);
            if (score < bestOverloadedScore)
            {
                (bestOverloaded, bestOverloadedScore) = (c, score);
            }
        }

        return bestOverloaded is null ? PlacementDecision.None : new PlacementDecision(bestOverloaded.VmId, Overload: true);
    }

    private static (bool Fits, double Score) Assess(RouteCandidate c, RoutePlan plan, IReservationView reservations)
    {
        var settings = plan.Settings;
        var load = Headroom.WithReservations(c, reservations);
        var fits = Headroom.Fits(
            load.Cores,
            Headroom.Cpu(load, settings.UtilisationCap),
            Headroom.Memory(load, settings.UtilisationCap),
            plan.CoresPerInvocation,
            plan.MemoryMb,
            GateLimit(plan.CpuLimit, plan.CoresPerInvocation),
            settings.Mode);
        return (fits, Headroom.Score(load, settings.UtilisationCap));
    }
}
