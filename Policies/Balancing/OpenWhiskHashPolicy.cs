namespace HarvestOrleans.Policies;

/// <summary>
/// The vanilla OpenWhisk baseline, as apache/openwhisk's ShardingContainerPoolBalancer places a managed action
/// (core/controller/src/main/scala/org/apache/openwhisk/core/loadBalancer/ShardingContainerPoolBalancer.scala at
/// 1fae641a2, "SCPB" below): hash = |H("guest") XOR H("guest/" + function)| with Java's String.hashCode (SCPB 369-372);
/// home = hash mod n and step = stepSizes(hash mod |stepSizes|) over all n managed VMs, draining ones included
/// (SCPB 264-266, 526); walk home, home + step, … and take the first usable VM with a free memory slot, else a random
/// usable VM as overload (SCPB 398-436). Both modes are the same.
/// </summary>
/// <remarks>
/// <para>
/// Managed VMs are the cluster's VMs in ordinal id order (an invoker's index is its id in OpenWhisk); all of them are
/// managed, as in the authors' deployment (managed and blackbox fractions 100%). A draining VM keeps its index, so it
/// still counts for the home and the step and is only skipped as unusable: one VM starting to drain moves only the
/// functions homed on it.
/// </para>
/// <para>
/// Memory slots are OpenWhisk's per-invoker semaphore: the VM's memory divided among the placing controllers
/// (SCPB 485-499), less what this caller has in flight there (<see cref="IReservationView.ReservedMemoryMb"/>); reported
/// usage plays no part. Here the placing caller is the one holding the route lease, so the controller count is 1. The
/// walk and the slots are the algorithm itself, so <see cref="BalancingPolicySettings.CountReservations"/> does not
/// apply. Every invocation holds its memory (OpenWhisk's maxConcurrent = 1).
/// </para>
/// </remarks>
public sealed class OpenWhiskHashPolicy : IBalancingPolicy
{
    /// <summary>The namespace OpenWhisk's default user invokes in; the hash covers it and the fully qualified name.</summary>
    public const string Namespace = "guest";

    /// <summary>
    /// Controllers sharing each VM's memory slots (OpenWhisk's cluster size): one, the caller holding the lease. Each
    /// caller counts only its own in-flight work, as each OpenWhisk controller does.
    /// </summary>
    public const int ControllerCount = 1;

    public string Name => BalancingPolicyNames.OpenWhiskHash;

    /// <summary>
    /// OpenWhisk's <c>generateHash</c> for <paramref name="functionName"/> in <see cref="Namespace"/>: non-negative except
    /// for int.MinValue, which Scala's <c>Int.abs</c> leaves negative (SCPB 370-372).
    /// </summary>
    public static int GenerateHash(string functionName)
    {
        var hash = JavaStringHash.Of(Namespace) ^ JavaStringHash.Of($"{Namespace}/{functionName}");
        return hash == int.MinValue ? hash : Math.Abs(hash);
    }

    public RoutePlan Plan(FunctionDemand demand, WorkerSetState workerSet, IReadOnlyList<VmView> cluster, BalancingPolicySettings settings, long nowMs)
    {
        var managed = cluster.OrderBy(v => v.VmId, StringComparer.Ordinal).ToArray();
        if (managed.Length == 0)
        {
            return RoutePlan.Empty(Name, demand, settings);
        }

        var n = managed.Length;
        var hash = GenerateHash(demand.FunctionName);
        var stepSizes = CoprimeStepSizes.For(n);
        var step = stepSizes[IndexOf(hash, stepSizes.Count)];

        // The walk visits every index once before repeating (the step is coprime with n); OpenWhisk's two extra steps
        // (stepsDone up to n + 1) revisit VMs already tried, so the distinct first visits are the whole walk.
        var walk = new List<RouteCandidate>(n);
        for (int i = 0, index = IndexOf(hash, n); i < n; i++, index = (index + step) % n)
        {
            var vm = managed[index];
            if (vm.AcceptsWork)
            {
                walk.Add(new RouteCandidate(vm.VmId, vm.Cores, vm.MemoryMb, vm.CpuUsage, vm.MemoryUsage, vm.IsWarm(demand.FunctionName)));
            }
        }

        if (walk.Count == 0)
        {
            return RoutePlan.Empty(Name, demand, settings);
        }

        workerSet.HomeVmId = walk[0].VmId;
        workerSet.Size = 1;
        return new RoutePlan(Name, walk, [walk[0].VmId], walk[0].VmId, demand.CoresPerInvocation, demand.MemoryMb, demand.RequiredCores)
        {
            Settings = settings,
            CpuLimit = demand.CpuLimit,
        };
    }

    public PlacementDecision Pick(RoutePlan plan, IReservationView reservations, Random random)
    {
        if (plan.Candidates.Count == 0)
        {
            return PlacementDecision.None;
        }

        foreach (var c in plan.Candidates)
        {
            if (FreeSlotsMb(c, reservations) >= plan.MemoryMb)
            {
                return new PlacementDecision(c.VmId, false);
            }
        }

        // Every usable VM is full: a uniformly random usable one, forced (SCPB 417-424).
        return new PlacementDecision(plan.Candidates[random.Next(plan.Candidates.Count)].VmId, true);
    }

    /// <summary>This caller's free memory slots on a VM, in whole MB as OpenWhisk's semaphore counts them.</summary>
    private static double FreeSlotsMb(RouteCandidate c, IReservationView reservations) =>
        Math.Floor(c.MemoryMb / ControllerCount) - reservations.ReservedMemoryMb(c.VmId);

    /// <summary>
    /// hash mod count as an index. OpenWhisk indexes with a negative remainder for the one negative hash and throws;
    /// the intent, a position in 0..count−1, is kept instead.
    /// </summary>
    private static int IndexOf(int hash, int count) => ((hash % count) + count) % count;
}
