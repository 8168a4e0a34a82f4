using HarvestOrleans.Invocations;

namespace HarvestOrleans.GrainInterfaces;

/// <summary>
/// One asynchronous invocation (keyed by its id): accepted durably, run through the normal routing path, and ended with
/// exactly one final record in grain storage. If the silo holding it goes away, a reminder (or the next read)
/// reactivates it elsewhere and it resumes: idempotent functions run again, others end as Evicted.
/// </summary>
[Alias("HarvestOrleans.IAsyncInvocationGrain")]
public interface IAsyncInvocationGrain : IGrainWithGuidKey
{
    /// <summary>Stores the request and starts it; accepting the same id again returns the existing invocation unchanged.</summary>
    [Alias("Accept")]
    Task<AsyncInvocation> AcceptAsync(InvocationRequest request, string acceptedBy);

    /// <summary>The invocation's state, with its final record once it has one. Never-accepted ids come back as <see cref="AsyncInvocationState.Unknown"/>.</summary>
    [ReadOnly, AlwaysInterleave, Alias("Get")]
    Task<AsyncInvocation> GetAsync();
}
