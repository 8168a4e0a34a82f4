namespace HarvestOrleans.Policies;

/// <summary>
/// Join-the-Shortest-Queue: every active VM is a candidate; pick the lowest score among VMs with room, where
/// score = 3 × cpu used / cores + memory used / memory after adding the request (the authors' JSQ weights CPU 3:1).
/// "Used" is the reported usage plus the caller's own in-flight work. No home, no worker set, no rps.
/// </summary>
public sealed class JoinShortestQueuePolicy : IBalancingPolicy
{
    public string Name => BalancingPolicyNames.JoinShortestQueue;

    public RoutePlan Plan(FunctionDemand demand, WorkerSetState workerSet, IReadOnlyList<VmView> cluster, BalancingPolicySettings settings, long nowMs)
    {
        var candidates = cluster
            .Where(v => v.AcceptsWork)
            .OrderBy(v => v.VmId, StringComparer.Ordinal)
            .Select(v => new RouteCandidate(v.VmId, v.Cores, v.MemoryMb, v.CpuUsage, v.MemoryUsage, v.IsWarm(demand.FunctionName)))
            .ToArray();
        workerSet.Size = Math.Max(1, candidates.Length);
        return new RoutePlan(Name, candidates, candidates.Select(c => c.VmId).ToArray(), null,
            demand.CoresPerInvocation, demand.MemoryMb, demand.RequiredCores)
        {
            Settings = settings,
        };
    }

    public PlacementDecision Pick(RoutePlan plan, IReservationView reservations, Random random)
    {
        reservations = plan.Settings.CountReservations ? reservations : ReservationView.None;
        RouteCandidate? best = null, bestOverloaded = null;
        double bestScore = double.MaxValue, bestOverloadedScore = double.MaxValue;
        foreach (var c in plan.Candidates)
        {
            if (c.Cores < plan.CoresPerInvocation)
            {
                continue;
            }

            var cpu = c.CpuUsage + reservations.ReservedCores(c.VmId) + plan.CoresPerInvocation;
            var mem = c.MemoryUsage + reservations.ReservedMemoryMb(c.VmId) + plan.MemoryMb;
            var score = (3 * cpu / c.Cores) + (c.MemoryMb > 0 ? mem / c.MemoryMb : 0);
            var fits = cpu <= c.Cores && mem <= c.MemoryMb;
            if (fits && score < bestScore)
            {
                (best, bestScore) = (c, score);
            }
            else if (!fits && score < bestOverloadedScore)
            {
                (bestOverloaded, bestOverloadedScore) = (c, score);
            }
        }

        if (best is not null)
        {
            return new PlacementDecision(best.VmId, false);
        }

        return bestOverloaded is null ? PlacementDecision.None : new PlacementDecision(bestOverloaded.VmId, true);
    }
}
