namespace HarvestOrleans.Hosting.State;

/// <summary>One stored grain state: its serialized form (never a grain's live object) and its ETag.</summary>
/// <param name="Data">The state as the grain storage serializer wrote it.</param>
/// <param name="ETag">Changes with every write.</param>
internal sealed record StoredGrainState(BinaryData Data, string ETag);
