using System.Collections.Concurrent;
using Orleans.Storage;

namespace HarvestOrleans.Hosting.State;

/// <summary>
/// A cluster's grain states in memory, with optimistic concurrency as a real store has it: a write or clear names
/// the ETag it last saw (none for a state never stored) and fails with <see cref="InconsistentStateException"/> if the
/// stored state has changed since.
/// </summary>
internal sealed class StoredGrainStates
{
    private readonly ConcurrentDictionary<StoredGrainStateKey, StoredGrainState> _states = new();

    /// <summary>How many states are stored.</summary>
    public int Count => _states.Count;

    /// <summary>The stored state, or null if there is none.</summary>
    public StoredGrainState? Read(StoredGrainStateKey key) => _states.TryGetValue(key, out var stored) ? stored : null;

    /// <summary>Stores <paramref name="data"/> if the stored state still has <paramref name="expectedETag"/>.</summary>
    /// <returns>The new ETag.</returns>
    /// <exception cref="InconsistentStateException">The stored state's ETag is not <paramref name="expectedETag"/>.</exception>
    public string Write(StoredGrainStateKey key, BinaryData data, string? expectedETag)
    {
        var written = new StoredGrainState(data, NewETag());

        // Compare-and-swap against the state that had the expected ETag: a concurrent write in between fails this one.
        var stored = expectedETag is null
            ? _states.TryAdd(key, written)
            : _states.TryGetValue(key, out var current) && current.ETag == expectedETag && _states.TryUpdate(key, written, current);
        if (!stored)
        {
            throw Conflict("write", key, expectedETag);
        }

        return written.ETag;
    }

    /// <summary>Removes the stored state if it still has <paramref name="expectedETag"/> (with none, there must be no state).</summary>
    /// <exception cref="InconsistentStateException">The stored state's ETag is not <paramref name="expectedETag"/>.</exception>
    public void Clear(StoredGrainStateKey key, string? expectedETag)
    {
        var cleared = expectedETag is null
            ? !_states.ContainsKey(key)
            : _states.TryGetValue(key, out var current) && current.ETag == expectedETag && _states.TryRemove(new KeyValuePair<StoredGrainStateKey, StoredGrainState>(key, current));
        if (!cleared)
        {
            throw Conflict("clear", key, expectedETag);
        }
    }

    private static string NewETag() => Guid.NewGuid().ToString("N");

    private InconsistentStateException Conflict(string operation, StoredGrainStateKey key, string? expectedETag)
    {
        var storedETag = Read(key)?.ETag;
        return new InconsistentStateException(
            $"ETag mismatch on {operation} of state '{key.StateName}' of grain {key.GrainId} in storage '{key.StorageName}': stored {storedETag ?? "none"}, expected {expectedETag ?? "none"}.",
            storedETag,
            expectedETag);
    }
}
