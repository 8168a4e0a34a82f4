namespace HarvestOrleans.Policies;

/// <summary>
/// Which VM an entity lives on. An entity is its function's long-lived, stateful instance: the eviction policy sees
/// it as a long function (<see cref="PlannedFunction.LongLived"/>; NoFailures keeps it on Regular VMs), and where it
/// lives is where its invocations run. It stays on its VM while that VM takes work and the eviction policy allows it
/// there — a move costs a migration, and its state and code are warm where it is. Otherwise (a new entity, a draining
/// VM, a policy that no longer allows the VM) it goes where the function's balancing policy would place one of its
/// invocations, never back to the VM it leaves.
/// </summary>
public static class EntityHomes
{
    /// <summary>
    /// The VM for an entity now on <paramref name="currentVmId"/> (null: not active anywhere), or null when the
    /// function may run nowhere.
    /// </summary>
    /// <param name="currentVmId">The VM the entity is active on, if any.</param>
    /// <param name="leaving">Its VM is going away (a notice, a drain): it must move, whatever the policy allows.</param>
    /// <param name="allowed">The VMs the eviction policy lets the function run on (<see cref="FunctionPlanner.AllowedVms"/>).</param>
    /// <param name="balancing">The function's balancing policy.</param>
    /// <param name="plan">The function's plan, made over <paramref name="allowed"/>.</param>
    /// <param name="random">The balancing policy's randomness.</param>
    public static string? Choose(string? currentVmId, bool leaving, IReadOnlyList<VmView> allowed, IBalancingPolicy balancing, RoutePlan plan, Random random)
    {
        if (currentVmId is not null && !leaving && allowed.Any(v => v.VmId == currentVmId && v.AcceptsWork))
        {
            return currentVmId;
        }

        var elsewhere = currentVmId is null ? plan : Placement.Excluding(plan, new HashSet<string>(StringComparer.Ordinal) { currentVmId });
        return balancing.Pick(elsewhere, ReservationView.None, random).VmId;
    }
}
