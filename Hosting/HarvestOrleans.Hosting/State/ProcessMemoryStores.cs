namespace HarvestOrleans.Hosting.State;

/// <summary>
/// The process's in-memory stores, one per cluster, each counted by the silos of its cluster that hold it: the first
/// to start creates it, the last to stop releases it, so a process that runs thousands of test clusters one after
/// the other keeps the state of the running ones only.
/// </summary>
internal sealed class ProcessMemoryStores
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ProcessMemoryClusterKey, (ProcessMemoryStore Store, int Holders)> _stores = [];

    /// <summary>The stores of this process, which every silo using in-memory state shares.</summary>
    public static ProcessMemoryStores Process { get; } = new();

    /// <summary>The cluster's store, created if no silo holds it; the caller holds it until <see cref="Release"/>.</summary>
    public ProcessMemoryStore Acquire(ProcessMemoryClusterKey cluster)
    {
        lock (_gate)
        {
            var (store, holders) = _stores.TryGetValue(cluster, out var held) ? held : (new ProcessMemoryStore(cluster), 0);
            _stores[cluster] = (store, holders + 1);
            return store;
        }
    }

    /// <summary>Stops holding <paramref name="store"/>; the last holder's release forgets it and all it holds.</summary>
    public void Release(ProcessMemoryStore store)
    {
        lock (_gate)
        {
            // A store already forgotten (its cluster's key may hold a newer one by now) is not counted again.
            if (!_stores.TryGetValue(store.Cluster, out var held) || held.Store != store)
            {
                return;
            }

            if (held.Holders > 1)
            {
                _stores[store.Cluster] = (store, held.Holders - 1);
            }
            else
            {
                _stores.Remove(store.Cluster);
            }
        }
    }

    /// <summary>How many silos hold the cluster's store (0: none, it is forgotten).</summary>
    public int HoldersOf(ProcessMemoryClusterKey cluster)
    {
        lock (_gate)
        {
            return _stores.TryGetValue(cluster, out var held) ? held.Holders : 0;
        }
    }

    /// <summary>The cluster's store if some silo holds it.</summary>
    public ProcessMemoryStore? Find(ProcessMemoryClusterKey cluster)
    {
        lock (_gate)
        {
            return _stores.TryGetValue(cluster, out var held) ? held.Store : null;
        }
    }
}
