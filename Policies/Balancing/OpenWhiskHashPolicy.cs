namespace HarvestOrleans.Policies;

/// <summary>
/// The vanilla OpenWhisk baseline: home = hash(function) mod n over the usable VMs; walk them with a step size that is
/// coprime with n (chosen by the same hash) and take the first VM with free memory slots for the request; if every VM
/// is full, a random usable one (counted as overload).
/// </summary>
public sealed class OpenWhiskHashPolicy : IBalancingPolicy
{
    public string Name => BalancingPolicyNames.OpenWhiskHash;

    public RoutePlan Plan(FunctionDemand demand, WorkerSetState workerSet, IReadOnlyList<VmView> cluster, BalancingPolicySettings settings, long nowMs)
    {
        var usable = cluster
            .Where(v => v.AcceptsWork)
            .OrderBy(v => v.VmId, StringComparer.Ordinal)
            .ToArray();
        if (usable.Length == 0)
        {
            return RoutePlan.Empty(Name, demand, settings);
        }

        var n = usable.Length;
        var hash = RingHash.Fnv1a(demand.FunctionName);
        var home = (int)(hash % (uint)n);
        var steps = CoprimeSteps(n);
        var step = steps[(int)(hash % (uint)steps.Count)];
        var walk = new RouteCandidate[n];
        for (var i = 0; i < n; i++)
        {
            var vm = usable[(home + (i * step)) % n];
            walk[i] = new RouteCandidate(vm.VmId, vm.Cores, vm.MemoryMb, vm.CpuUsage, vm.MemoryUsage, vm.IsWarm(demand.FunctionName));
        }

        workerSet.HomeVmId = walk[0].VmId;
        workerSet.Size = 1;
        return new RoutePlan(Name, walk, [walk[0].VmId], walk[0].VmId, demand.CoresPerInvocation, demand.MemoryMb, demand.RequiredCores)
        {
            Settings = settings,
        };
    }

    public PlacementDecision Pick(RoutePlan plan, IReservationView reservations, Random random)
    {
        if (plan.Candidates.Count == 0)
        {
            return PlacementDecision.None;
        }

        reservations = plan.Settings.CountReservations ? reservations : ReservationView.None;
        foreach (var c in plan.Candidates)
        {
            var freeMemory = c.MemoryMb - c.MemoryUsage - reservations.ReservedMemoryMb(c.VmId);
            if (freeMemory >= plan.MemoryMb)
            {
                return new PlacementDecision(c.VmId, false);
            }
        }

        return new PlacementDecision(plan.Candidates[random.Next(plan.Candidates.Count)].VmId, true);
    }

    /// <summary>Step sizes 1..n coprime with n, as OpenWhisk's ShardingContainerPoolBalancer derives them.</summary>
    public static IReadOnlyList<int> CoprimeSteps(int n)
    {
        var steps = new List<int>();
        for (var s = 1; s <= n; s++)
        {
            if (Gcd(s, n) == 1)
            {
                steps.Add(s);
            }
        }

        return steps;
    }

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}
