using System.Collections.Concurrent;
using HarvestOrleans.Grains.Invoker;
using HarvestOrleans.Invocations;
using Orleans.Serialization;
using Orleans.Storage;

namespace HarvestOrleans.Tests.Infrastructure;

/// <summary>
/// Grain storage in memory (with ETags, like a real store) whose writes of an async invocation's final record a test
/// can hold and fail on demand. It keeps copies, so what it holds is exactly what was stored, and it lists every final
/// record it stored and every state it deleted.
/// </summary>
public sealed class ControlledGrainStorage(DeepCopier copier) : IGrainStorage
{
    private readonly ConcurrentDictionary<(string State, GrainId Grain), (object State, string ETag)> _stored = new();
    private long _etag;

    /// <summary>Runs before a write that stores a final record; a throw fails the write (nothing is stored).</summary>
    public Func<GrainId, InvocationRecord, Task>? BeforeFinalWrite { get; set; }

    /// <summary>Every final record stored, in order, with its grain.</summary>
    public ConcurrentQueue<(GrainId Grain, InvocationRecord Record)> StoredFinals { get; } = new();

    public ConcurrentQueue<GrainId> Cleared { get; } = new();

    public bool Holds(GrainId grain) => _stored.Keys.Any(k => k.Grain == grain);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_stored.TryGetValue((stateName, grainId), out var stored))
        {
            (grainState.State, grainState.ETag, grainState.RecordExists) = (copier.Copy((T)stored.State), stored.ETag, true);
        }
        else
        {
            (grainState.ETag, grainState.RecordExists) = (null, false);
        }

        return Task.CompletedTask;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        CheckETag(stateName, grainId, grainState.ETag);
        var copy = copier.Copy(grainState.State);
        if (copy is AsyncInvocationGrainState { Final: { } final } && BeforeFinalWrite is { } before)
        {
            await before(grainId, final);
        }

        lock (_stored)
        {
            CheckETag(stateName, grainId, grainState.ETag);
            var etag = Interlocked.Increment(ref _etag).ToString();
            _stored[(stateName, grainId)] = (copy!, etag);
            (grainState.ETag, grainState.RecordExists) = (etag, true);
            if (copy is AsyncInvocationGrainState { Final: { } stored })
            {
                StoredFinals.Enqueue((grainId, stored));
            }
        }
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        lock (_stored)
        {
            CheckETag(stateName, grainId, grainState.ETag);
            _stored.TryRemove((stateName, grainId), out _);
            (grainState.ETag, grainState.RecordExists) = (null, false);
            Cleared.Enqueue(grainId);
        }

        return Task.CompletedTask;
    }

    private void CheckETag(string stateName, GrainId grainId, string? etag)
    {
        var current = _stored.TryGetValue((stateName, grainId), out var stored) ? stored.ETag : null;
        if (current != etag)
        {
            throw new InconsistentStateException($"ETag mismatch for {grainId}: stored {current ?? "none"}, written {etag ?? "none"}.", current, etag);
        }
    }
}
