using HarvestOrleans.Invocations;

namespace HarvestOrleans.GrainInterfaces;

/// <summary>
/// One entity (key <see cref="Entities.EntityKey"/>): its durable state, and its invocations one at a time. Non-reentrant
/// on purpose: the next invocation for the id waits until the last one's state is stored.
/// </summary>
[Alias("HarvestOrleans.IEntityGrain")]
public interface IEntityGrain : IGrainWithStringKey
{
    /// <summary>Runs one invocation against the entity's state; the record as any invocation's, with the function's output.</summary>
    [ResponseTimeout("00:20:00"), Alias("Invoke")]
    Task<InvocationRecord> InvokeAsync(Guid invocationId, byte[] payload);
}
