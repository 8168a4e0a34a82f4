using HarvestOrleans.Routing;
using HarvestOrleans.Grains.Routing;
using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;
using HarvestOrleans.GrainInterfaces;
using HarvestOrleans.Policies;
using Microsoft.Extensions.Logging;

namespace HarvestOrleans.Grains.Routing;

/// <summary>Holds the operator's policy choice durably, so it outlives the silo that took it.</summary>
internal sealed partial class PolicyGrain(
    [PersistentState("policies", HarvestStorage.ProviderName)] IPersistentState<PolicySelection> state,
    TimeProvider time,
    ILogger<PolicyGrain> logger) : Grain, IPolicyGrain
{
    public Task<PolicySelection> GetAsync() => Task.FromResult(state.State);

    public async Task<PolicySelection> SetAsync(string? balancing, string? eviction)
    {
        if (balancing is not null && !BalancingPolicyFactory.IsKnown(balancing))
        {
            throw new ArgumentException($"Unknown balancing policy '{balancing}'. Known policies: {string.Join(", ", BalancingPolicyNames.All)}.", nameof(balancing));
        }

        if (eviction is not null && !EvictionPolicyFactory.IsKnown(eviction))
        {
            throw new ArgumentException($"Unknown eviction policy '{eviction}'. Known policies: {string.Join(", ", EvictionPolicyNames.All)}.", nameof(eviction));
        }

        var current = state.State;
        var next = current with
        {
            Balancing = balancing ?? current.Balancing,
            Eviction = eviction ?? current.Eviction,
        };
        if (next == current)
        {
            return current;
        }

        state.State = next with { Version = current.Version + 1, ChangedAt = time.GetUtcNow() };
        await state.WriteStateAsync();
        LogPolicyChanged(state.State.Balancing, state.State.Eviction, state.State.Version);
        return state.State;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster policy set: balancing {Balancing}, eviction {Eviction} (version {Version})")]
    private partial void LogPolicyChanged(string? balancing, string? eviction, long version);
}
