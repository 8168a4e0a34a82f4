using HarvestOrleans.Policies;
using HarvestOrleans.Routing;

namespace HarvestOrleans.Client.Routing;

/// <summary>A route lease turned into what the pure policy code needs to pick a VM.</summary>
internal sealed class CachedRoute
{
    /// <summary>
    /// Turns <paramref name="lease"/> into the planner's plan: its policy, settings, cores per invocation and CPU limit,
    /// whole, so a caller's pick is exactly the planner's.
    /// </summary>
    /// <exception cref="UnknownPolicyException">The lease names a balancing policy this client has not registered.</exception>
    public CachedRoute(RouteLease lease, long expiresAt, BalancingPolicies policies)
    {
        Lease = lease;
        ExpiresAt = expiresAt;
        if (lease.Error is null)
        {
            Policy = policies.Get(lease.Policy);
            Plan = new RoutePlan(
                lease.Policy,
                Candidates(lease, overflow: false),
                lease.WorkerSet,
                lease.HomeVmId,
                lease.CoresPerInvocation,
                lease.Spec?.MemoryMb ?? 0,
                lease.RequiredCores)
            {
                Overflow = Candidates(lease, overflow: true),
                Settings = lease.Settings,
                CpuLimit = lease.CpuLimit,
            };
            SiloByVm = lease.Candidates.ToDictionary(c => c.VmId, c => c.SiloAddress, StringComparer.Ordinal);
        }
    }

    private static RouteCandidate[] Candidates(RouteLease lease, bool overflow) =>
        lease.Candidates
            .Where(c => c.Overflow == overflow)
            .Select(c => new RouteCandidate(c.VmId, c.Cores, c.MemoryMb, c.CpuUsage, c.MemoryUsage, c.Warm))
            .ToArray();

    public RouteLease Lease { get; }

    public long ExpiresAt { get; }

    public IBalancingPolicy? Policy { get; }

    public RoutePlan? Plan { get; }

    public IReadOnlyDictionary<string, string> SiloByVm { get; } = new Dictionary<string, string>();

    /// <summary>
    /// Places one invocation with the lease's policy, avoiding the VMs it already failed on. When those are every VM the
    /// lease offers, it places as if none had failed: a failure can be the path to a VM (a call through a gateway that
    /// died with another silo) rather than the VM, and a failure invalidates the cached lease, so this lease is fresh
    /// and lists only VMs that take work. Skipping them would turn away an invocation the one live VM could run.
    /// </summary>
    public PlacementDecision Place(IReadOnlySet<string>? excluded, IReservationView reservations, Random random)
    {
        var decision = Policy!.Pick(PlanExcluding(excluded)!, reservations, random);
        return decision.VmId is null && excluded is { Count: > 0 } ? Policy.Pick(Plan!, reservations, random) : decision;
    }

    /// <summary>The plan without VMs this invocation already failed on.</summary>
    public RoutePlan? PlanExcluding(IReadOnlySet<string>? excluded) =>
        excluded is null || excluded.Count == 0 || Plan is null
            ? Plan
            : Plan with
            {
                Candidates = Plan.Candidates.Where(c => !excluded.Contains(c.VmId)).ToArray(),
                Overflow = Plan.Overflow.Where(c => !excluded.Contains(c.VmId)).ToArray(),
            };
}
