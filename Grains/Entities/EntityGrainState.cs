namespace HarvestOrleans.Grains.Entities;

/// <summary>An entity's durable state: the JSON its function last stored, and how many times it was stored.</summary>
[GenerateSerializer, Alias("HarvestOrleans.EntityGrainState")]
public sealed class EntityGrainState
{
    /// <summary>The entity's state as its function wrote it (JSON); null before its first invocation.</summary>
    [Id(0)] public byte[]? State { get; set; }

    /// <summary>Stores so far: one per invocation that changed the state.</summary>
    [Id(1)] public long Version { get; set; }
}
