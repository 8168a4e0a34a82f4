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
            ReportedAtByVm = lease.Candidates.ToDictionary(c => c.VmId, c => c.ReportedAt, StringComparer.Ordinal);
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

    /// <summary>When each candidate VM reported the load the plan was made with.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> ReportedAtByVm { get; } = new Dictionary<string, DateTimeOffset>();

    /// <summary>How old the plan's view of <paramref name="vmId"/> is at <paramref name="now"/>, in ms (0 if the lease does not say).</summary>
    public double PlanAgeMs(string vmId, DateTimeOffset now) =>
        ReportedAtByVm.TryGetValue(vmId, out var reported) && reported != default ? Math.Max(0, (now - reported).TotalMilliseconds) : 0;

    /// <summary>Places one invocation with the lease's policy, avoiding the VMs it already failed on (see <see cref="Placement.Place"/>).</summary>
    public PlacementDecision Place(IReadOnlySet<string>? excluded, IReservationView reservations, Random random) =>
        Placement.Place(Policy!, Plan!, excluded, reservations, random);

}
