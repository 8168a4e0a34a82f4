namespace HarvestOrleans.Policies;

/// <summary>Where a caller places one invocation from a cached plan, avoiding the VMs it already failed on.</summary>
public static class Placement
{
    /// <summary>
    /// Places with the plan's policy, avoiding <paramref name="excluded"/>. When those are every VM the plan offers, it
    /// places as if none had failed: a failure can be the path to a VM (a call through a gateway that died with another
    /// silo) rather than the VM, and a failure invalidates the cached plan, so this one is fresh and lists only VMs that
    /// take work. Skipping them would turn away an invocation the one live VM could run.
    /// </summary>
    public static PlacementDecision Place(IBalancingPolicy policy, RoutePlan plan, IReadOnlySet<string>? excluded, IReservationView reservations, Random random)
    {
        var decision = policy.Pick(Excluding(plan, excluded), reservations, random);
        return decision.VmId is null && excluded is { Count: > 0 } ? policy.Pick(plan, reservations, random) : decision;
    }

    /// <summary>The plan without the VMs in <paramref name="excluded"/>.</summary>
    public static RoutePlan Excluding(RoutePlan plan, IReadOnlySet<string>? excluded) =>
        excluded is null || excluded.Count == 0
            ? plan
            : plan with
            {
                Candidates = plan.Candidates.Where(c => !excluded.Contains(c.VmId)).ToArray(),
                Overflow = plan.Overflow.Where(c => !excluded.Contains(c.VmId)).ToArray(),
            };
}
