namespace HarvestOrleans.Grains.Entities;

/// <summary>An entity's durable state: the JSON its function last stored, and how many times it was stored.</summary>
[GenerateSerializer, Alias("HarvestOrleans.EntityGrainState")]
public sealed class EntityGrainState
{
    /// <summary>The entity's state as its function wrote it (JSON); null before its first invocation.</summary>
    [Id(0)] public byte[]? State { get; set; }

    /// <summary>Stores so far: one per invocation that changed the state.</summary>
    [Id(1)] public long Version { get; set; }

    /// <summary>
    /// The last invocations that changed the state, with their outputs (up to <see cref="MaxKeptOutputBytes"/> each;
    /// a larger one is kept empty), stored with the state they made, at most <see cref="MaxApplied"/>: a caller that
    /// lost its answer and asks again with the same invocation id gets the output back instead of a second application.
    /// </summary>
    [Id(2)] public List<AppliedInvocation> Applied { get; set; } = [];

    /// <summary>How many applied invocations are remembered: 16.</summary>
    public const int MaxApplied = 16;

    /// <summary>The largest output kept for a repeated call: 16 KiB.</summary>
    public const int MaxKeptOutputBytes = 16 * 1024;
}

/// <summary>An invocation that changed an entity's state, and what it returned.</summary>
[GenerateSerializer, Immutable, Alias("HarvestOrleans.AppliedInvocation")]
public sealed record AppliedInvocation([property: Id(0)] Guid Id, [property: Id(1)] byte[] Output);
