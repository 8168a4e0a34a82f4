using System.Collections.Concurrent;
using HarvestOrleans.GrainInterfaces;
using HarvestOrleans.Policies;

namespace HarvestOrleans.Client.Routing;

/// <summary>
/// Route leases per function and version (the current one, or a pinned one: each has its own spec), fetched from the
/// function's grain at most once per lease lifetime (concurrent callers share one fetch), and dropped early when a
/// worker turns out to be draining or gone. Only routable functions stay: a lease that says the function or version
/// cannot be routed (it is not registered) is handed to the callers waiting for it and dropped, as is a failed fetch,
/// so that names callers make up do not grow the cache.
/// </summary>
internal sealed class RouteCache(IGrainFactory grains, TimeProvider time, WorkerWatch workers, BalancingPolicies policies)
{
    private readonly ConcurrentDictionary<RouteKey, Task<CachedRoute>> _routes = new();

    /// <summary>How many functions and versions have a route (or a fetch under way) in the cache.</summary>
    public int Count => _routes.Count;

    /// <summary>Whether any version of <paramref name="function"/> has a route (or a fetch under way) in the cache.</summary>
    public bool Contains(string function) => _routes.Keys.Any(k => k.Function == function);

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
            // Registered after the add, so this runs after it even if the fetch has already ended.
            _ = fetch.ContinueWith(
                static (task, state) =>
                {
                    var (routes, key) = ((ConcurrentDictionary<RouteKey, Task<CachedRoute>>, RouteKey))state!;
                    if (!task.IsCompletedSuccessfully || task.Result.Lease.Error is not null)
                    {
                        routes.TryRemove(KeyValuePair.Create(key, task));
                    }
                },
                (_routes, key),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
            return fetch;
        }

        // Another caller refreshed first: use theirs.
        return _routes.TryGetValue(key, out var winner) ? winner : fetch;
    }

    private async Task<CachedRoute> FetchAsync(RouteKey key)
    {
        // A fetch that was out when a silo died may have gone through it and will get no answer: fetch again.
        using var call = workers.TrackCall();
        var grain = grains.GetGrain<IFunctionGrain>(key.Function);
        var lease = await (key.Version is null ? grain.GetRouteAsync() : grain.GetVersionRouteAsync(key.Version))
            .WaitAsync(call.AnyDeath)
            .ConfigureAwait(false);
        var ttlTicks = (long)(lease.Ttl.TotalSeconds * time.TimestampFrequency);
        return new CachedRoute(lease, time.GetTimestamp() + ttlTicks, policies);
    }

    /// <summary>Ordinal: names and versions are compared as the catalog compares them.</summary>
    private readonly record struct RouteKey(string Function, string? Version);
}
