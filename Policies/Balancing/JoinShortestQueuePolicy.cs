namespace HarvestOrleans.Policies;

/// <summary>
/// Join-the-Shortest-Queue as the authors wrote it (zyqCSL/openwhisk_archive, openwhisk-harv-vm-cgroup-azure-distributed-jsq,
/// HarvestVMContainerPoolBalancer.scala, "HV" below; docs/mws-as-implemented.md §7). Candidates are the usable VMs with
/// at least the function's CPU limit in cores, in ordinal id order (HV 583-586). With u this caller's own in-flight
/// cores and memory on a VM and C = 1 placing caller:
/// leftCpu = cores/C − u_cpu − reqCpu, leftMem = ⌊mem/C⌋ − u_mem − reqMem and
/// score = 3·(u_cpu + reqCpu)/(cores/C) + (u_mem + reqMem)/(mem/C) (HV 776-796, 849-850). The lowest score with
/// leftCpu ≥ 0 and leftMem ≥ 0 wins, ties to the first; with none, the lowest-score VM is overloaded (HV 591-627).
/// reqCpu is the measured p75 once profiled, else the CPU limit (HV 270-287). No home, no worker set, no rps. Both
/// modes are the same.
/// </summary>
/// <remarks>
/// Reported usage plays no part: each controller counts only what it has sent and not yet seen finish, which is the
/// algorithm, so <see cref="BalancingPolicySettings.CountReservations"/> does not apply. The placing caller is the one
/// holding the route lease, hence C = 1. Every invocation holds its memory (the authors skip reqMem only for a
/// concurrent container with free slots, HV 783-786, which invocations here never share).
/// </remarks>
public sealed class JoinShortestQueuePolicy : IBalancingPolicy
{
    /// <summary>The weight of CPU against memory in the score (the authors' cpuCoeff : memCoeff, HV 849-850).</summary>
    public const double CpuWeight = 3;

    /// <summary>Controllers sharing each VM (the authors' Akka cluster size): one, the caller holding the lease.</summary>
    public const int ControllerCount = 1;

    public string Name => BalancingPolicyNames.JoinShortestQueue;

    /// <summary>The cores one invocation is charged (reqCpu): the measured p75 once profiled, else the CPU limit (HV 277-287).</summary>
    public static double RequestedCores(FunctionDemand demand) =>
        demand.Profiled && demand.CpuP75 > 0 ? demand.CpuP75 : CpuLimitOf(demand);

    public RoutePlan Plan(FunctionDemand demand, WorkerSetState workerSet, IReadOnlyList<VmView> cluster, BalancingPolicySettings settings, long nowMs)
    {
        var cpuLimit = CpuLimitOf(demand);
        var candidates = cluster
            .Where(v => v.AcceptsWork && v.Cores >= cpuLimit && v.Cores > 0)
            .OrderBy(v => v.VmId, StringComparer.Ordinal)
            .Select(v => new RouteCandidate(v.VmId, v.Cores, v.MemoryMb, v.CpuUsage, v.MemoryUsage, v.IsWarm(demand.FunctionName)))
            .ToArray();
        workerSet.Size = Math.Max(1, candidates.Length);
        return new RoutePlan(Name, candidates, candidates.Select(c => c.VmId).ToArray(), null,
            RequestedCores(demand), demand.MemoryMb, demand.RequiredCores)
        {
            Settings = settings,
            CpuLimit = demand.CpuLimit,
        };
    }

    public PlacementDecision Pick(RoutePlan plan, IReservationView reservations, Random random)
    {
        string? best = null, bestOverloaded = null;
        double bestScore = double.MaxValue, bestOverloadedScore = double.MaxValue;
        foreach (var c in plan.Candidates)
        {
            var (fits, score) = Assess(c, plan, reservations);
            if (fits && score < bestScore)
            {
                (best, bestScore) = (c.VmId, score);
            }
            else if (!fits && score < bestOverloadedScore)
            {
                (bestOverloaded, bestOverloadedScore) = (c.VmId, score);
            }
        }

        if (best is not null)
        {
            return new PlacementDecision(best, false);
        }

        return bestOverloaded is null ? PlacementDecision.None : new PlacementDecision(bestOverloaded, true);
    }

    /// <summary>Whether the VM has room for one more invocation of the plan's function, and its score with it (HV 776-796).</summary>
    private static (bool Fits, double Score) Assess(RouteCandidate c, RoutePlan plan, IReservationView reservations)
    {
        var cores = c.Cores / ControllerCount;
        var memory = Math.Floor(c.MemoryMb / ControllerCount);
        var usedCores = reservations.ReservedCores(c.VmId) + plan.CoresPerInvocation;
        var usedMemory = reservations.ReservedMemoryMb(c.VmId) + plan.MemoryMb;
        var score = (CpuWeight * usedCores / cores) + (memory > 0 ? usedMemory / memory : 0);
        return (cores - usedCores >= 0 && memory - usedMemory >= 0, score);
    }

    private static double CpuLimitOf(FunctionDemand demand) => demand.CpuLimit > 0 ? demand.CpuLimit : demand.CoresPerInvocation;
}
