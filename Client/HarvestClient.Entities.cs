using System.Diagnostics;
using HarvestOrleans.Entities;
using HarvestOrleans.Functions;
using HarvestOrleans.GrainInterfaces;
using HarvestOrleans.Invocations;
using HarvestOrleans.Resilience;

namespace HarvestOrleans.Client;

/// <summary>Entities: stateful functions addressed by id (see <see cref="HarvestEntity{TState, TInput, TOutput}"/>).</summary>
public sealed partial class HarvestClient
{
    /// <summary>
    /// Invokes entity <paramref name="id"/> of the entity function <paramref name="entity"/> — one grain call to the
    /// entity, which runs it against its state, one invocation at a time per id — and returns its one final record. A
    /// name or id that is not valid, or a payload over the limit, is a Rejected record; an unknown name is NotFound.
    /// </summary>
    public Task<InvocationRecord> InvokeEntityAsync(string entity, string id, byte[] payload, CancellationToken cancellationToken = default) =>
        InvokeEntityAsync(Guid.NewGuid(), entity, id, payload, cancellationToken);

    /// <summary>
    /// Invokes an entity with a caller-chosen invocation id (see <see cref="InvokeEntityAsync(string, string, byte[], CancellationToken)"/>).
    /// Asking again with the same id is safe: an entity answers an invocation it already applied (one of its last 256
    /// that changed its state) with that invocation's output, and does not apply it twice. This client asks again
    /// itself when the entity's silo dies under the call (<see cref="HarvestPipelines.EntityCalls"/>); when that does not
    /// bring an answer, the record is <c>Evicted</c>/<c>WorkerLost</c>, and the same id may be tried again later.
    /// </summary>
    public async Task<InvocationRecord> InvokeEntityAsync(Guid invocationId, string entity, string id, byte[] payload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(payload);
        var started = Stopwatch.GetTimestamp();
        var record = EntityInvocation.Refusal(invocationId, entity, id, payload.Length, _options.MaxPayloadBytes);
        if (record is null)
        {
            var grain = _grains.GetGrain<IEntityGrain>(EntityKey.Of(entity, id));
            try
            {
                record = await _entityCalls.ExecuteAsync(
                    static async (state, ct) =>
                    {
                        // A call out when a silo dies may never be answered (its gateway may have been that silo):
                        // ask again, which the entity answers once whatever became of the first ask.
                        using var watch = state.workers.TrackCall();
                        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct, watch.AnyDeath);
                        try
                        {
                            return EntityInvocation.AskAgainIfMoving(await state.grain.InvokeAsync(state.invocationId, state.payload).WaitAsync(wait.Token).ConfigureAwait(false));
                        }
                        catch (OperationCanceledException) when (watch.AnyDeath.IsCancellationRequested && !ct.IsCancellationRequested)
                        {
                            throw new SiloUnavailableException("A silo died while the entity call was out; asking the entity again.");
                        }
                    },
                    (grain, invocationId, payload, workers: _workers),
                    cancellationToken).ConfigureAwait(false);
            }
            catch (EntityMovingException moving)
            {
                record = moving.Record; // asked again until the retries ran out: it did not move in time, and nothing ran
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                record = EntityInvocation.Refused(ex, invocationId, entity) ?? InvocationRecord.Fail(invocationId, entity, null, InvocationStatus.Evicted, InvocationErrorTypes.WorkerLost,
                    $"Entity '{id}' of '{entity}' could not be reached ({ex.GetType().Name}: {ex.Message}); it may have applied the invocation once. Invoke again with the same invocation id to find out.");
            }
        }

        return record with { LatencyMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds };
    }

    /// <summary>Invokes an entity with <paramref name="input"/> serialised as JSON (see <see cref="InvokeEntityAsync(string, string, byte[], CancellationToken)"/>).</summary>
    public Task<InvocationRecord> InvokeEntityJsonAsync<TInput>(string entity, string id, TInput input, CancellationToken cancellationToken = default) =>
        InvokeEntityAsync(entity, id, FunctionPayload.FromJson(input).ToArray(), cancellationToken);
}
