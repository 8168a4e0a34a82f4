using HarvestOrleans.Grains.Infrastructure;
using HarvestOrleans.Routing;
using HarvestOrleans.Grains.Routing;
using HarvestOrleans.Cluster;
using HarvestOrleans.GrainInterfaces;
using HarvestOrleans.Policies;
using Microsoft.Extensions.Logging;

namespace HarvestOrleans.Grains.Cluster;

/// <summary>Holds the operator's policy choice durably, so it outlives the silo that took it.</summary>
internal sealed partial class PolicyGrain(
    [PersistentState("policies", HarvestStorage.ProviderName)] IPersistentState<PolicySelection> state,
    TimeProvider time,
    BalancingPolicies balancingPolicies,
    EvictionPolicies evictionPolicies,
    ResourcePolicies resourcePolicies,
    ILogger<PolicyGrain> logger) : Grain, IPolicyGrain
{
    public Task<PolicySelection> GetAsync() => Task.FromResult(state.State);

    public async Task<PolicySelection> SetAsync(string? balancing, string? eviction, string? resources)
    {
        // An unknown name is the caller's error, answered as the ArgumentException every caller already handles
        // (its message names the known policies); the typed UnknownPolicyException stays on this side of the wire.
        if (balancing is not null && !balancingPolicies.Contains(balancing))
        {
            throw new ArgumentException(balancingPolicies.Unknown(balancing).Message, nameof(balancing));
        }

        if (eviction is not null && !evictionPolicies.Contains(eviction))
        {
            throw new ArgumentException(evictionPolicies.Unknown(eviction).Message, nameof(eviction));
        }

        if (resources is not null && !resourcePolicies.Contains(resources))
        {
            throw new ArgumentException(resourcePolicies.Unknown(resources).Message, nameof(resources));
        }

        var current = state.State;
        var next = current with
        {
            Balancing = balancing ?? current.Balancing,
            Eviction = eviction ?? current.Eviction,
            Resources = resources ?? current.Resources,
        };
        if (next == current)
        {
            return current;
        }

        state.State = next with { Version = current.Version + 1, ChangedAt = time.GetUtcNow() };
        await state.WriteStateAsync();
        LogPolicyChanged(state.State.Balancing, state.State.Eviction, state.State.Resources, state.State.Version);
        return state.State;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster policy set: balancing {Balancing}, eviction {Eviction}, resources {Resources} (version {Version})")]
    private partial void LogPolicyChanged(string? balancing, string? eviction, string? resources, long version);
}
