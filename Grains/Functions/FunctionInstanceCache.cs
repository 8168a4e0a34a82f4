using System.Collections.Concurrent;
using System.Diagnostics;
using HarvestOrleans.Functions;

namespace HarvestOrleans.FunctionHosting;

/// <summary>
/// Warm function instances on this VM, one per function version. The first invocation of a version creates and
/// initialises the instance: that is its cold start. A failed initialisation is not cached, so the next invocation
/// tries again.
/// </summary>
public sealed class FunctionInstanceCache(IServiceProvider services)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<IHarvestFunction>>> _instances = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> WarmKeys =>
        _instances.Where(p => p.Value.IsValueCreated && p.Value.Value.IsCompletedSuccessfully).Select(p => p.Key).ToArray();

    public async Task<WarmInstance> GetAsync(FunctionRegistration registration, CancellationToken cancellationToken)
    {
        var key = registration.Key;
        if (_instances.TryGetValue(key, out var existing) && existing.IsValueCreated && existing.Value.IsCompletedSuccessfully)
        {
            return new WarmInstance(existing.Value.Result, ColdStart: false, InitMs: 0);
        }

        var started = Stopwatch.GetTimestamp();
        var lazy = _instances.GetOrAdd(key, _ => new Lazy<Task<IHarvestFunction>>(() => CreateAsync(registration)));
        try
        {
            var instance = await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
            return new WarmInstance(instance, ColdStart: true, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception) when (lazy.Value.IsFaulted || lazy.Value.IsCanceled)
        {
            _instances.TryRemove(KeyValuePair.Create(key, lazy));
            throw;
        }
    }

    private async Task<IHarvestFunction> CreateAsync(FunctionRegistration registration)
    {
        await Task.Yield(); // never initialise on the caller's (grain) scheduler
        var instance = registration.Factory(services);
        // Not bound to the first caller's deadline: later callers may still use the instance.
        await instance.InitializeAsync(CancellationToken.None).ConfigureAwait(false);
        return instance;
    }
}

public readonly record struct WarmInstance(IHarvestFunction Function, bool ColdStart, double InitMs);
