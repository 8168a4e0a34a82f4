namespace HarvestOrleans.Invocations;

/// <summary>
/// Places one invocation on a worker and returns its one final record — the caller-side path every invocation takes.
/// The client library implements it; silos use the same implementation for the invocations they start themselves
/// (async invocations), so grains depend on this contract, not on the client.
/// </summary>
public interface IInvocationRouter
{
    /// <summary>
    /// Invokes <paramref name="function"/> with a caller-chosen invocation id; never throws for the function's own failure.
    /// At most <paramref name="maxAttempts"/> placement attempts are made, the router's own retries included (a caller
    /// that retries too passes what is left of its budget, so budgets add up instead of multiplying); the record's
    /// <see cref="InvocationRecord.Attempts"/> says how many were made. Of them, at most <paramref name="maxRoutingAttempts"/>
    /// may be attempts where nothing ran (no VM, a draining VM, the function's grain unreachable): a caller that waits
    /// between its own tries (an async invocation) passes 1, so its back-off spaces them instead of the router's quick
    /// retries spending its budget within a moment of cluster change.
    /// </summary>
    Task<InvocationRecord> InvokeAsync(Guid id, string function, byte[] payload, string? version, int maxAttempts, int maxRoutingAttempts, CancellationToken cancellationToken = default);
}
