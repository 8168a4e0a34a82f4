using HarvestOrleans.Invocations;

namespace HarvestOrleans.Entities;

/// <summary>
/// An entity's VM took no new work (its record is <c>Rejected</c>/<c>VmDraining</c>: nothing ran) and the entity is
/// moving off it: its callers' entity pipeline (<see cref="Resilience.HarvestPipelines.EntityCalls"/>) asks again,
/// which reaches it where it moved. Thrown and caught on the caller's side only (<see cref="EntityInvocation.AskAgainIfMoving"/>).
/// </summary>
public sealed class EntityMovingException(InvocationRecord record) : Exception(record.Error?.Message)
{
    /// <summary>The refusal, the caller's record if asking again does not reach the entity elsewhere.</summary>
    public InvocationRecord Record { get; } = record;
}
