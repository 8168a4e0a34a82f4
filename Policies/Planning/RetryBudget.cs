namespace HarvestOrleans.Policies;

/// <summary>
/// How often a caller tries one invocation again, in the client and in the simulator: attempts where nothing ran (no VM,
/// a draining VM, a VM already gone) count against the routing budget; an idempotent invocation cut off while it ran
/// counts against the re-execution budget; a non-idempotent one is never run again.
/// </summary>
public sealed class RetryBudget(int maxRoutingAttempts, int maxExecutionAttempts)
{
    private int _routingFailures;
    private int _executionsLost;

    /// <summary>Nothing ran: true while another routing attempt is allowed.</summary>
    public bool RoutingFailed() => ++_routingFailures < maxRoutingAttempts;

    /// <summary>It was cut off while running: true when it may run again.</summary>
    public bool ExecutionLost(bool idempotent) => idempotent && ++_executionsLost < maxExecutionAttempts;
}
