using HarvestOrleans.Grains.Eviction;
using System.Collections.Concurrent;
using HarvestOrleans.GrainInterfaces;

namespace HarvestOrleans.Grains.Infrastructure;

/// <summary>
/// The HarvestOrleans activations living on this silo: what must move when the silo's VM drains, and which
/// FunctionGrains to rebalance when any VM drains. Grains add themselves on activation and remove themselves on
/// deactivation.
/// </summary>
public sealed class LocalGrainRegistry
{
    private readonly ConcurrentDictionary<GrainId, IEvacuatingGrain> _evacuating = new();
    private readonly ConcurrentDictionary<string, IFunctionGrain> _functions = new(StringComparer.Ordinal);

    public IReadOnlyCollection<IEvacuatingGrain> Evacuating => _evacuating.Values.ToArray();

    public IReadOnlyCollection<IFunctionGrain> Functions => _functions.Values.ToArray();

    /// <summary>Call from the grain's OnActivateAsync.</summary>
    public Task AddAsync(IEvacuatingGrain grain)
    {
        _evacuating[grain.GetGrainId()] = grain.AsReference<IEvacuatingGrain>();
        return Task.CompletedTask;
    }

    /// <summary>Call from the grain's OnDeactivateAsync.</summary>
    public Task RemoveAsync(IEvacuatingGrain grain)
    {
        _evacuating.TryRemove(grain.GetGrainId(), out _);
        return Task.CompletedTask;
    }

    public void AddFunction(string name, IFunctionGrain grain) => _functions[name] = grain;

    public void RemoveFunction(string name) => _functions.TryRemove(name, out _);
}
