using System.Collections.Concurrent;
using HarvestOrleans.Cluster;
using HarvestOrleans.GrainInterfaces;

namespace HarvestOrleans.Client.Routing;

/// <summary>
/// Notices when a worker silo this client is waiting on dies. A call already delivered to a silo that then dies gets no
/// answer from Orleans until its response timeout (long, since functions may run for minutes), so while calls are in
/// flight the client polls the cluster registry — which reports a VM whose silo membership declared dead as Evicted —
/// and cancels the waits on that silo.
/// </summary>
internal sealed class WorkerWatch(IGrainFactory grains, TimeProvider time, TimeSpan interval) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Entry> _silos = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private Task? _loop;

    /// <summary>Registers a wait on <paramref name="silo"/>; the lease's token is cancelled if the silo dies meanwhile.</summary>
    public Lease Track(string silo)
    {
        var entry = _silos.AddOrUpdate(silo, static _ => new Entry(), static (_, e) => e.Lost.IsCancellationRequested ? new Entry() : e);
        Interlocked.Increment(ref entry.InFlight);
        if (_loop is null)
        {
            lock (_gate)
            {
                _loop ??= Task.Run(() => WatchAsync(_stopping.Token));
            }
        }

        return new Lease(entry);
    }

    private async Task WatchAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                if (!_silos.Values.Any(e => Volatile.Read(ref e.InFlight) > 0))
                {
                    continue;
                }

                try
                {
                    var snapshot = await grains.GetGrain<IClusterRegistryGrain>(IClusterRegistryGrain.Key).GetSnapshotAsync();
                    foreach (var vm in snapshot.Vms.Where(v => v.State == VmState.Evicted))
                    {
                        if (_silos.TryRemove(vm.SiloAddress, out var lost))
                        {
                            lost.Lost.Cancel();
                        }
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The registry was briefly unreachable (e.g. moving off a dead silo): try again next tick.
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    internal sealed class Entry
    {
        public readonly CancellationTokenSource Lost = new();
        public int InFlight;
    }

    public readonly struct Lease(Entry entry) : IDisposable
    {
        public CancellationToken Lost => entry.Lost.Token;

        public void Dispose() => Interlocked.Decrement(ref entry.InFlight);
    }
}
