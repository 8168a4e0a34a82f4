namespace HarvestOrleans.Hosting.State;

/// <summary>Where one grain state is kept in a cluster's in-memory store.</summary>
/// <param name="StorageName">The grain storage provider's name.</param>
/// <param name="StateName">The state's name on the grain (a grain can have several).</param>
/// <param name="GrainId">The grain (its type and key).</param>
internal readonly record struct StoredGrainStateKey(string StorageName, string StateName, GrainId GrainId);
