using System.Diagnostics;
using HarvestOrleans.Entities;
using HarvestOrleans.Functions;
using HarvestOrleans.GrainInterfaces;
using HarvestOrleans.Invocations;

namespace HarvestOrleans.Client;

/// <summary>Entities: stateful functions addressed by id (see <see cref="HarvestEntity{TState, TInput, TOutput}"/>).</summary>
public sealed partial class HarvestClient
{
    /// <summary>
    /// Invokes entity <paramref name="id"/> of the entity function <paramref name="entity"/> — one grain call to the
    /// entity, which runs it against its state, one invocation at a time per id — and returns its one final record. A
    /// name or id that is not valid, or a payload over the limit, is a Rejected record; an unknown name is NotFound.
    /// </summary>
    public async Task<InvocationRecord> InvokeEntityAsync(string entity, string id, byte[] payload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(payload);
        var started = Stopwatch.GetTimestamp();
        var invocationId = Guid.NewGuid();
        var record = EntityInvocation.Refusal(invocationId, entity, id, payload.Length, _options.MaxPayloadBytes)
            ?? await _grains.GetGrain<IEntityGrain>(EntityKey.Of(entity, id)).InvokeAsync(invocationId, payload).WaitAsync(cancellationToken).ConfigureAwait(false);
        return record with { LatencyMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds };
    }

    /// <summary>Invokes an entity with <paramref name="input"/> serialised as JSON (see <see cref="InvokeEntityAsync"/>).</summary>
    public Task<InvocationRecord> InvokeEntityJsonAsync<TInput>(string entity, string id, TInput input, CancellationToken cancellationToken = default) =>
        InvokeEntityAsync(entity, id, FunctionPayload.FromJson(input).ToArray(), cancellationToken);
}
