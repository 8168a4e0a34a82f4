using HarvestOrleans.Invocations;

namespace HarvestOrleans.Entities;

/// <summary>
/// An entity's activation was refused because its function may run on no VM now (for example NoFailures with no
/// Regular VM). Nothing ran; <see cref="EntityInvocation.Refused"/> turns it into the caller's Rejected record.
/// </summary>
[GenerateSerializer, Alias("HarvestOrleans.EntityUnplaceableException")]
public sealed class EntityUnplaceableException : OrleansException
{
    public EntityUnplaceableException(InvocationError error) : base(error.Message) => Error = error;

    /// <summary>Why (its type is one of <see cref="InvocationErrorTypes"/>).</summary>
    [Id(0)] public InvocationError Error { get; }
}
