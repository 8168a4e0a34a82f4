using System.Collections.Concurrent;
using HarvestOrleans.GrainInterfaces;

namespace HarvestOrleans.Client.Routing;

/// <summary>
/// Route leases per function, fetched from the function's grain at most once per lease lifetime (concurrent callers
/// share one fetch), and dropped early when a worker turns out to be draining or gone.
/// </summary>
internal sealed class RouteCache(IGrainFactory grains, TimeProvider time, WorkerWatch workers)
{
    private readonly ConcurrentDictionary<string, Task<CachedRoute>> _routes = new(StringComparer.Ordinal);

    public ValueTask<CachedRoute> GetAsync(string function)
    {
        if (_routes.TryGetValue(function, out var task))
        {
            if (!task.IsCompleted)
            {
                return new ValueTask<CachedRoute>(task);
            }

            if (task.IsCompletedSuccessfully && time.GetTimestamp() < task.Result.ExpiresAt)
            {
                return new ValueTask<CachedRoute>(task.Result);
            }
        }

        return new ValueTask<CachedRoute>(Refresh(function, task));
    }

    public void Invalidate(string function, CachedRoute stale)
    {
        if (_routes.TryGetValue(function, out var task) && task.IsCompletedSuccessfully && ReferenceEquals(task.Result, stale))
        {
            _routes.TryRemove(KeyValuePair.Create(function, task));
        }
    }

    private Task<CachedRoute> Refresh(string function, Task<CachedRoute>? previous)
    {
        var fetch = FetchAsync(function);
        if (previous is null ? _routes.TryAdd(function, fetch) : _routes.TryUpdate(function, fetch, previous))
        {
            return fetch;
        }

        // Another caller refreshed first: use theirs.
        return _routes.TryGetValue(function, out var winner) ? winner : fetch;
    }

    private async Task<CachedRoute> FetchAsync(string function)
    {
        try
        {
            // A fetch that was out when a silo died may have gone through it and will get no answer: fetch again.
            using var call = workers.TrackCall();
            var lease = await grains.GetGrain<IFunctionGrain>(function).GetRouteAsync().WaitAsync(call.AnyDeath).ConfigureAwait(false);
            var ttlTicks = (long)(lease.Ttl.TotalSeconds * time.TimestampFrequency);
            return new CachedRoute(lease, time.GetTimestamp() + ttlTicks);
        }
        catch
        {
            _routes.TryRemove(function, out _); // never cache a failure
            throw;
        }
    }
}
