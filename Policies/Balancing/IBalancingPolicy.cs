namespace HarvestOrleans.Policies;

/// <summary>
/// A load-balancing policy. Planning runs where the function's state lives (its FunctionGrain) and may update the
/// worker set; picking runs per invocation, wherever the plan is cached, and is a pure function of the plan and the
/// caller's in-flight reservations.
/// </summary>
public interface IBalancingPolicy
{
    string Name { get; }

    RoutePlan Plan(FunctionDemand demand, WorkerSetState workerSet, IReadOnlyList<VmView> cluster, long nowMs);

    PlacementDecision Pick(RoutePlan plan, IReservationView reservations, Random random);
}
