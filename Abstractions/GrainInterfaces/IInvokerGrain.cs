using HarvestOrleans.Cluster;
using HarvestOrleans.Invocations;

namespace HarvestOrleans.GrainInterfaces;

/// <summary>
/// The invoker of one silo (VM), keyed by the silo's address and always placed on that silo. Callers reach a worker
/// VM with one grain call.
/// </summary>
[Alias("HarvestOrleans.IInvokerGrain")]
public interface IInvokerGrain : IGrainWithStringKey
{
    /// <summary>Runs one invocation within the VM's cores and returns its final record; never throws for function failures.</summary>
    [AlwaysInterleave, ResponseTimeout("00:20:00"), Alias("Invoke")]
    Task<InvocationRecord> InvokeAsync(InvocationRequest request);

    /// <summary>
    /// The final record of an invocation this VM received: waits for it if it is still running; null if the VM does
    /// not know it (it never arrived, or finished long ago). For a caller whose response may have been lost with a
    /// dying gateway.
    /// </summary>
    [AlwaysInterleave, ResponseTimeout("00:20:00"), Alias("FindOutcome")]
    Task<InvocationRecord?> FindOutcomeAsync(Guid invocationId);

    /// <summary>Applies the VM's current cores and state (from its HarvestVmGrain) to the admission queue.</summary>
    [AlwaysInterleave, Alias("ApplyVmState")]
    Task ApplyVmStateAsync(double cores, VmState state);

    /// <summary>
    /// Loads and initialises <paramref name="function"/> here ahead of its traffic, admitted like work but yielding to
    /// it (only when nothing waits and its cores fit, trying again until <paramref name="until"/>). Never throws for the
    /// function's failures: the outcome says what happened.
    /// </summary>
    [AlwaysInterleave, Alias("PreWarm")]
    Task<PreWarmOutcome> PreWarmAsync(string function, DateTimeOffset until);
}
