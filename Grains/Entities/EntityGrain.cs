using HarvestOrleans.Entities;
using HarvestOrleans.Functions;
using HarvestOrleans.GrainInterfaces;
using HarvestOrleans.Grains.Eviction;
using HarvestOrleans.Grains.Infrastructure;
using HarvestOrleans.Grains.Invoker;
using HarvestOrleans.Invocations;
using Microsoft.Extensions.Logging;

namespace HarvestOrleans.Grains.Entities;

/// <summary>
/// One entity: its state in the cluster's grain storage (Redis in a cluster, memory in the quick start) and in memory
/// beside its code. Each invocation runs on this silo's invoker — admission, deadline, measured resources and record
/// as any invocation's — with the state in its envelope (<see cref="EntityEnvelope"/>); a changed state is stored
/// before the record is returned, and the next invocation (this grain is not reentrant) starts from it. It moves off a
/// draining silo like the other HarvestOrleans grains, its in-memory state with it.
/// </summary>
internal sealed partial class EntityGrain(
    [PersistentState("entity", HarvestStorage.ProviderName)] IPersistentState<EntityGrainState> state,
    FunctionInvoker invoker,
    LocalGrainRegistry local,
    ILogger<EntityGrain> logger) : Grain, IEntityGrain, IEvacuatingGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken) => local.AddAsync(this);

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => local.RemoveAsync(this);

    public async Task<InvocationRecord> InvokeAsync(Guid invocationId, byte[] payload)
    {
        var (name, id) = EntityKey.Parse(this.GetPrimaryKeyString());
        if (state.State.Applied.Find(a => a.Id == invocationId) is { } applied)
        {
            // Asked again (its caller lost the answer with a silo): it was applied once, and is not applied twice.
            return new InvocationRecord { Id = invocationId, Function = name, Status = InvocationStatus.Succeeded, Output = applied.Output, VmId = invoker.VmId, CompletedAt = DateTimeOffset.UtcNow };
        }

        var request = new InvocationRequest
        {
            InvocationId = invocationId,
            Function = name,
            EntityId = id,
            Payload = EntityEnvelope.WriteRequest(id, state.State.State, payload),
        };
        var record = await invoker.InvokeAsync(request);
        if (record is not { Status: InvocationStatus.Succeeded, Output: { } output })
        {
            return record; // nothing ran, or it failed: the state is what it was
        }

        var (result, changed) = EntityEnvelope.ReadResult(output);
        if (changed is not null)
        {
            var previous = state.State.State;
            state.State.State = changed;
            state.State.Version++;
            state.State.Applied.Add(new AppliedInvocation(invocationId, result.Length <= EntityGrainState.MaxKeptOutputBytes ? result : []));
            var forgotten = state.State.Applied.Count > EntityGrainState.MaxApplied ? state.State.Applied[0] : null;
            if (forgotten is not null)
            {
                state.State.Applied.RemoveAt(0);
            }

            try
            {
                await state.WriteStateAsync();
            }
            catch (Exception ex)
            {
                // Not stored, so not applied: memory keeps what storage has, and the caller learns the change is lost.
                state.State.State = previous;
                state.State.Version--;
                state.State.Applied.RemoveAt(state.State.Applied.Count - 1);
                if (forgotten is not null)
                {
                    state.State.Applied.Insert(0, forgotten);
                }

                LogStateNotStored(name, id, invocationId, ex);
                return InvocationRecord.Fail(record.Id, name, record.Version, InvocationStatus.Failed, InvocationErrorTypes.EntityStateNotStored,
                    $"Entity '{id}' of '{name}' ran, but its new state could not be stored, so the change was dropped: {ex.Message}", record.VmId);
            }
        }

        return record with { Output = result };
    }

    public Task EvacuateAsync(string targetSilo) => this.MigrateToAsync(targetSilo);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Entity {Id} of {Function}: storing the state of invocation {InvocationId} failed; the change is dropped")]
    private partial void LogStateNotStored(string function, string id, Guid invocationId, Exception exception);
}
