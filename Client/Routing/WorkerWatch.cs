using System.Collections.Concurrent;
using HarvestOrleans.Cluster;
using HarvestOrleans.GrainInterfaces;
using Microsoft.Extensions.Logging;

namespace HarvestOrleans.Client.Routing;

/// <summary>
/// Notices when a silo dies while this client has calls out. Orleans gives an external client no answer for a call
/// whose silo — the worker, or the gateway the call passed through — dies (dotnet/orleans#10165), until the call's
/// response timeout, which is long since functions may run for minutes. So while calls are in flight the client polls
/// the cluster registry, which reports a VM whose silo membership declared dead as Evicted, and then
/// <list type="bullet">
/// <item>cancels the waits on that silo (<see cref="WatchedCall.Lost"/>): the worker is gone;</item>
/// <item>signals every call that was out at that moment (<see cref="WatchedCall.AnyDeath"/>): its request or response may
/// have gone through the dead silo as a gateway, so the caller asks its worker for the outcome instead of waiting.</item>
/// </list>
/// </summary>
internal sealed partial class WorkerWatch(IGrainFactory grains, TimeProvider time, TimeSpan interval, ILogger logger) : IAsyncDisposable
{
    /// <summary>A registry read that takes longer is abandoned (it may have gone through the dead gateway itself).</summary>
    private static readonly TimeSpan SnapshotTimeout = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, Entry> _silos = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly HashSet<string> _dead = new(StringComparer.Ordinal);
    private CancellationTokenSource _deaths = new();
    private int _pending; // calls out that are not tied to one silo (route fetches)
    private Task? _loop;

    /// <summary>Registers a wait on <paramref name="silo"/>; its tokens tell when that silo, or any silo, dies meanwhile.</summary>
    public WatchedCall Track(string silo)
    {
        var entry = _silos.AddOrUpdate(silo, static _ => new Entry(), static (_, e) => e.Lost.IsCancellationRequested ? new Entry() : e);
        Interlocked.Increment(ref entry.InFlight);
        EnsureWatching();
        return new WatchedCall(entry, null, Volatile.Read(ref _deaths).Token);
    }

    /// <summary>Registers a call that is not a wait on a worker (a route fetch); its watch tells when any silo dies.</summary>
    public WatchedCall TrackCall()
    {
        Interlocked.Increment(ref _pending);
        EnsureWatching();
        return new WatchedCall(null, this, Volatile.Read(ref _deaths).Token);
    }

    private void EnsureWatching()
    {
        if (_loop is null)
        {
            lock (_gate)
            {
                _loop ??= Task.Run(() => WatchAsync(_stopping.Token));
            }
        }
    }

    private async Task WatchAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                if (Volatile.Read(ref _pending) == 0 && !_silos.Values.Any(e => Volatile.Read(ref e.InFlight) > 0))
                {
                    continue;
                }

                try
                {
                    var snapshot = await grains.GetGrain<IClusterRegistryGrain>(IClusterRegistryGrain.Key)
                        .GetSnapshotAsync()
                        .WaitAsync(SnapshotTimeout, time, stopping);
                    var died = false;
                    foreach (var vm in snapshot.Vms.Where(v => v.State == VmState.Evicted))
                    {
                        // A silo first seen dead may have died after a call went out (the watch starts with the first
                        // call): asking a worker once too often costs one call, missing a loss costs the whole wait.
                        died |= _dead.Add(vm.SiloAddress);
                        if (_silos.TryRemove(vm.SiloAddress, out var lost))
                        {
                            LogSiloLost(logger, vm.VmId, vm.SiloAddress, Volatile.Read(ref lost.InFlight));
                            lost.Lost.Cancel();
                        }
                    }

                    // Forget silos that left the registry, so the set stays as small as the cluster.
                    _dead.IntersectWith(snapshot.Vms.Select(v => v.SiloAddress));
                    if (died)
                    {
                        LogSiloDied(logger);
                        var signalled = Interlocked.Exchange(ref _deaths, new CancellationTokenSource());
                        signalled.Cancel();
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
                {
                    // The registry was unreachable or slow (e.g. moving off a dead silo): try again next tick.
                    LogRegistryUnreachable(logger, ex);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker VM {VmId} ({Silo}) is gone: cancelling {InFlight} waits on it")]
    private static partial void LogSiloLost(ILogger logger, string vmId, string silo, int inFlight);

    [LoggerMessage(Level = LogLevel.Information, Message = "A silo died: calls that were out ask their workers for their outcome")]
    private static partial void LogSiloDied(ILogger logger);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The cluster registry was unreachable while watching worker VMs")]
    private static partial void LogRegistryUnreachable(ILogger logger, Exception exception);

    internal sealed class Entry
    {
        public readonly CancellationTokenSource Lost = new();
        public int InFlight;
    }

    public readonly struct WatchedCall(Entry? entry, WorkerWatch? call, CancellationToken anyDeath) : IDisposable
    {
        /// <summary>Cancelled when the worker silo this call waits on is gone.</summary>
        public CancellationToken Lost => entry?.Lost.Token ?? CancellationToken.None;

        /// <summary>Cancelled when any silo dies after the call was registered.</summary>
        public CancellationToken AnyDeath => anyDeath;

        public void Dispose()
        {
            if (entry is not null)
            {
                Interlocked.Decrement(ref entry.InFlight);
            }
            else if (call is not null)
            {
                Interlocked.Decrement(ref call._pending);
            }
        }
    }
}
