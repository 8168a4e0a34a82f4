namespace HarvestOrleans.Hosting.State;

/// <summary>
/// A silo's hold on its cluster's in-memory store: taken in the first stage of the silo's start, released in the
/// last stage of its stop (which runs even when the silo is killed), or when the silo's services are disposed if the
/// stop never came (a start that failed half-way).
/// </summary>
internal sealed class ProcessMemoryLease(ProcessMemoryStores stores, IOptions<ClusterOptions> cluster)
    : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly Lock _gate = new();
    private ProcessMemoryStore? _store;
    private bool _released;

    /// <summary>
    /// The cluster's store. After the release it is still the same object (a late write lands there harmlessly), but
    /// the process no longer keeps it.
    /// </summary>
    /// <exception cref="InvalidOperationException">The silo has not started.</exception>
    public ProcessMemoryStore Store
    {
        get
        {
            lock (_gate)
            {
                return _store ?? throw new InvalidOperationException("In-memory state is not available before the silo starts.");
            }
        }
    }

    /// <inheritdoc/>
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ProcessMemoryLease), ServiceLifecycleStage.First, _ => Acquire(), _ => Release());

    /// <summary>Takes the hold (once).</summary>
    internal Task Acquire()
    {
        lock (_gate)
        {
            _store ??= stores.Acquire(ProcessMemoryClusterKey.Of(cluster.Value));
        }

        return Task.CompletedTask;
    }

    /// <summary>Releases the hold (once; nothing if it was never taken).</summary>
    internal Task Release()
    {
        lock (_gate)
        {
            if (_store is not null && !_released)
            {
                _released = true;
                stores.Release(_store);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public void Dispose() => Release();
}
