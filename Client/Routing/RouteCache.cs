using System.Collections.Concurrent;
using HarvestOrleans.GrainInterfaces;

namespace HarvestOrleans.Client.Routing;

/// <summary>
/// Route leases per function and version (the current one, or a pinned one: each has its own spec), fetched from the
/// function's grain at most once per lease lifetime (concurrent callers share one fetch), and dropped early when a
/// worker turns out to be draining or gone.
/// </summary>
internal sealed class RouteCache(IGrainFactory grains, TimeProvider time, WorkerWatch workers)
{
    private readonly ConcurrentDictionary<RouteKey, Task<CachedRoute>> _routes = new();

    public ValueTask<CachedRoute> GetAsync(string function, string? version = null)
    {
        var key = new RouteKey(function, version);
        if (_routes.TryGetValue(key, out var task))
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

        return new ValueTask<CachedRoute>(Refresh(key, task));
    }

    public void Invalidate(string function, string? version, CachedRoute stale)
    {
        var key = new RouteKey(function, version);
        if (_routes.TryGetValue(key, out var task) && task.IsCompletedSuccessfully && ReferenceEquals(task.Result, stale))
        {
            _routes.TryRemove(KeyValuePair.Create(key, task));
        }
    }

    private Task<CachedRoute> Refresh(RouteKey key, Task<CachedRoute>? previous)
    {
        var fetch = FetchAsync(key);
        if (previous is null ? _routes.TryAdd(key, fetch) : _routes.TryUpdate(key, fetch, previous))
        {
            if (key.Version is not null)
            {
                // An unknown version is not kept: callers may name any number of them.
                _ = fetch.ContinueWith(
                    static (done, state) =>
                    {
                        var (routes, key) = ((ConcurrentDictionary<RouteKey, Task<CachedRoute>>, RouteKey))state!;
                        if (done.Result.Lease.Error is not null)
                        {
                            routes.TryRemove(KeyValuePair.Create(key, done));
                        }
                    },
                    (_routes, key),
                    CancellationToken.None,
                    TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
            }

            return fetch;
        }

        // Another caller refreshed first: use theirs.
        return _routes.TryGetValue(key, out var winner) ? winner : fetch;
    }

    private async Task<CachedRoute> FetchAsync(RouteKey key)
    {
        try
        {
            // A fetch that was out when a silo died may have gone through it and will get no answer: fetch again.
            using var call = workers.TrackCall();
            var grain = grains.GetGrain<IFunctionGrain>(key.Function);
            var lease = await (key.Version is null ? grain.GetRouteAsync() : grain.GetVersionRouteAsync(key.Version))
                .WaitAsync(call.AnyDeath)
                .ConfigureAwait(false);
            var ttlTicks = (long)(lease.Ttl.TotalSeconds * time.TimestampFrequency);
            return new CachedRoute(lease, time.GetTimestamp() + ttlTicks);
        }
        catch
        {
            _routes.TryRemove(key, out _); // never cache a failure
            throw;
        }
    }

    /// <summary>Ordinal: names and versions are compared as the catalog compares them.</summary>
    private readonly record struct RouteKey(string Function, string? Version);
}
