using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace HarvestOrleans.Hosting.State;

/// <summary>
/// Grain storage in the cluster's process-wide in-memory store. States are stored serialized with Orleans' serializer
/// (the contracts are [GenerateSerializer] types), so a stored state never aliases a grain's live object; writes and
/// clears are checked against the ETag the grain last saw.
/// </summary>
internal sealed class ProcessMemoryGrainStorage(string name, ProcessMemoryLease lease, Serializer serializer, IActivatorProvider activators) : IGrainStorage
{
    private readonly OrleansGrainStorageSerializer _serializer = new(serializer);

    /// <inheritdoc/>
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var stored = lease.Store.GrainStates.Read(Key(stateName, grainId));
        if (stored is null)
        {
            (grainState.State, grainState.ETag, grainState.RecordExists) = (Create<T>(), null, false);
        }
        else
        {
            (grainState.State, grainState.ETag, grainState.RecordExists) = (_serializer.Deserialize<T>(stored.Data) ?? Create<T>(), stored.ETag, true);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var data = _serializer.Serialize(grainState.State);
        grainState.ETag = lease.Store.GrainStates.Write(Key(stateName, grainId), data, grainState.ETag);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        lease.Store.GrainStates.Clear(Key(stateName, grainId), grainState.ETag);
        (grainState.State, grainState.ETag, grainState.RecordExists) = (Create<T>(), null, false);
        return Task.CompletedTask;
    }

    private StoredGrainStateKey Key(string stateName, GrainId grainId) => new(name, stateName, grainId);

    private T Create<T>() => activators.GetActivator<T>().Create();
}
