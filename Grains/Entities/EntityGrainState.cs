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
    /// The last <see cref="MaxApplied"/> invocations that changed the state, stored with the state they made, the
    /// newest <see cref="MaxKeptOutputs"/> with their outputs (up to <see cref="MaxKeptOutputBytes"/> each): a caller that
    /// lost its answer and asks again with the same invocation id is answered instead of applying it a second time.
    /// </summary>
    [Id(2)] public List<AppliedInvocation> Applied { get; set; } = [];

    /// <summary>How many applied invocations are remembered: 256 (a re-ask waits behind at most its callers' others).</summary>
    public const int MaxApplied = 256;

    /// <summary>How many of them keep their output: 16.</summary>
    public const int MaxKeptOutputs = 16;

    /// <summary>The largest output kept for a repeated call: 16 KiB.</summary>
    public const int MaxKeptOutputBytes = 16 * 1024;
}

/// <summary>An invocation that changed an entity's state, and what it returned.</summary>
[GenerateSerializer, Immutable, Alias("HarvestOrleans.AppliedInvocation")]
public sealed record AppliedInvocation([property: Id(0)] Guid Id, [property: Id(1)] byte[]? Output);
