using System.Collections.Concurrent;
using HarvestOrleans.GrainInterfaces;

namespace HarvestOrleans.Client.Routing;

/// <summary>
/// Route leases per function, fetched from the function's grain at most once per lease lifetime (concurrent callers
/// share one fetch), and dropped early when a worker turns out to be draining or gone. Only registered functions stay:
/// a lease that says the function cannot be routed (it is not registered) is handed to the callers waiting for it and
/// dropped, as is a failed fetch, so that names callers make up do not grow the cache.
/// </summary>
internal sealed class RouteCache(IGrainFactory grains, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Task<CachedRoute>> _routes = new(StringComparer.Ordinal);

    /// <summary>How many functions have a route (or a fetch under way) in the cache.</summary>
    public int Count => _routes.Count;

    public bool Contains(string function) => _routes.ContainsKey(function);

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
            // Registered after the add, so this runs after it even if the fetch has already ended.
            _ = fetch.ContinueWith(
                static (task, state) =>
                {
                    var (routes, function) = ((ConcurrentDictionary<string, Task<CachedRoute>>, string))state!;
                    if (!task.IsCompletedSuccessfully || task.Result.Lease.Error is not null)
                    {
                        routes.TryRemove(KeyValuePair.Create(function, task));
                    }
                },
                (_routes, function),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
            return fetch;
        }

        // Another caller refreshed first: use theirs.
        return _routes.TryGetValue(function, out var winner) ? winner : fetch;
    }

    private async Task<CachedRoute> FetchAsync(string function)
    {
        var lease = await grains.GetGrain<IFunctionGrain>(function).GetRouteAsync().ConfigureAwait(false);
        var ttlTicks = (long)(lease.Ttl.TotalSeconds * time.TimestampFrequency);
        return new CachedRoute(lease, time.GetTimestamp() + ttlTicks);
    }
}
