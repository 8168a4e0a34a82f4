using HarvestOrleans.Invocations;

namespace HarvestOrleans.Entities;

/// <summary>
/// Where an entity function's planner puts one of its entities (<see cref="GrainInterfaces.IFunctionGrain.PlaceEntityAsync"/>):
/// a VM and its silo; or no opinion (the name is not an entity function: the entity's grain answers that itself); or
/// an error, when the eviction policy leaves the entity no VM to run on.
/// </summary>
[GenerateSerializer, Immutable, Alias("HarvestOrleans.EntityHome")]
public sealed record EntityHome
{
    /// <summary>No opinion: the name is no registered entity function.</summary>
    public static EntityHome Anywhere { get; } = new();

    /// <summary>The VM chosen.</summary>
    [Id(0)] public string? VmId { get; init; }

    /// <summary>Its silo (parsable form).</summary>
    [Id(1)] public string? SiloAddress { get; init; }

    /// <summary>Why the entity can run nowhere (<see cref="InvocationErrorTypes.NoCapacity"/>).</summary>
    [Id(2)] public InvocationError? Error { get; init; }
}
