namespace HarvestOrleans.Grains.Invoker;

/// <summary>
/// This VM's eviction as its running invocations see it: once <see cref="Evict"/> is called, every running function's
/// token is cancelled and its invocation ends as Evicted (its caller retries it elsewhere if it is idempotent).
/// </summary>
internal sealed class EvictionSignal
{
    private readonly CancellationTokenSource _evicting = new();

    /// <summary>Cancelled when the VM is evicted.</summary>
    public CancellationToken Token => _evicting.Token;

    public bool IsEvicted => _evicting.IsCancellationRequested;

    public void Evict() => _evicting.Cancel();
}
