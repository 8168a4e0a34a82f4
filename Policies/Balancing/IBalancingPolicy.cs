namespace HarvestOrleans.Policies;

/// <summary>
/// A load-balancing policy. Planning runs where the function's state lives (its FunctionGrain) and may update the
/// worker set; picking runs per invocation, wherever the plan is cached, and is a pure function of the plan (which
/// carries the settings it was made with) and the caller's in-flight reservations. Implementations are stateless: one
/// instance serves every function and every configuration. Register one under its <see cref="IPolicy.Name"/> to make
/// it selectable (see <see cref="BalancingPolicies"/>); callers need it registered too, since they pick.
/// </summary>
public interface IBalancingPolicy : IPolicy
{
    /// <summary>Plans <paramref name="demand"/> over <paramref name="cluster"/> with <paramref name="settings"/>, updating the worker set.</summary>
    /// <returns>A plan whose <see cref="RoutePlan.Settings"/> is <paramref name="settings"/>.</returns>
    RoutePlan Plan(FunctionDemand demand, WorkerSetState workerSet, IReadOnlyList<VmView> cluster, BalancingPolicySettings settings, long nowMs);

    /// <summary>Places one invocation, with the plan's own <see cref="RoutePlan.Settings"/>.</summary>
    PlacementDecision Pick(RoutePlan plan, IReservationView reservations, Random random);
}
