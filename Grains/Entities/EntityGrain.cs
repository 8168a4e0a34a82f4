using HarvestOrleans.Entities;
using HarvestOrleans.Functions;
using HarvestOrleans.GrainInterfaces;
using HarvestOrleans.Grains.Eviction;
using HarvestOrleans.Grains.Infrastructure;
using HarvestOrleans.Grains.Invoker;
using HarvestOrleans.Grains.Options;
using HarvestOrleans.Grains.Placement;
using HarvestOrleans.Invocations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HarvestOrleans.Grains.Entities;

/// <summary>
/// One entity: its state in the cluster's grain storage (Redis in a cluster, memory in the quick start) and in memory
/// beside its code. Each invocation runs on this silo's invoker — admission, deadline, measured resources and record
/// as any invocation's — with the state in its envelope (<see cref="EntityEnvelope"/>); a changed state is stored
/// before the record is returned, and the next invocation (this grain is not reentrant) starts from it. Its function's
/// planner says where it lives (<see cref="EntityHomePlacement"/>, <see cref="Policies.EntityHomes"/>): where it
/// activates, where it goes when its silo drains (its in-memory state with it), and, asked every
/// <see cref="EvictionOptions.EntityHomeCheckInterval"/>, whether it may stay where it is.
/// </summary>
[EntityHomePlacement]
internal sealed partial class EntityGrain(
    [PersistentState("entity", HarvestStorage.ProviderName)] IPersistentState<EntityGrainState> state,
    FunctionInvoker invoker,
    LocalGrainRegistry local,
    IOptions<EvictionOptions> eviction,
    ILogger<EntityGrain> logger) : Grain, IEntityGrain, IEvacuatingGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var interval = eviction.Value.EntityHomeCheckInterval;
        // Between invocations (not interleaved), and no reason to stay active: an idle entity is deactivated as usual.
        this.RegisterGrainTimer(CheckHomeAsync, new GrainTimerCreationOptions(interval, interval) { Interleave = false, KeepAlive = false });
        return local.AddAsync(this);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => local.RemoveAsync(this);

    public async Task<InvocationRecord> InvokeAsync(Guid invocationId, byte[] payload)
    {
        var (name, id) = EntityKey.Parse(this.GetPrimaryKeyString());
        if (state.State.Applied.Find(a => a.Id == invocationId) is { } earlier)
        {
            // Asked again (its caller lost the answer with a silo): it was applied once, and is not applied twice.
            return new InvocationRecord
            {
                Id = invocationId,
                Function = name,
                Status = InvocationStatus.Succeeded,
                Output = earlier.Output,
                VmId = invoker.VmId,
                CompletedAt = DateTimeOffset.UtcNow,
                Logs = earlier.Output is null ? ["Applied before; its output is no longer kept (only the last 16 are)."] : [],
            };
        }

        var request = new InvocationRequest
        {
            InvocationId = invocationId,
            Function = name,
            EntityId = id,
            Payload = EntityEnvelope.WriteRequest(id, state.State.State, payload),
        };
        var record = await invoker.InvokeAsync(request);
        if (record is { Status: InvocationStatus.Rejected, Error.Type: InvocationErrorTypes.VmDraining })
        {
            // Nothing ran: this VM takes no new work (an operator's drain sends no grain away; a notice's evacuation
            // may still be on its way). Move, state and all, where the planner says; the caller asks again there.
            await LeaveAsync();
            return record;
        }

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
            var applied = state.State.Applied;
            applied.Add(new AppliedInvocation(invocationId, result.Length <= EntityGrainState.MaxKeptOutputBytes ? result : null));
            var forgotten = applied.Count > EntityGrainState.MaxApplied ? applied[0] : null;
            if (forgotten is not null)
            {
                applied.RemoveAt(0);
            }

            var dropped = applied.Count > EntityGrainState.MaxKeptOutputs ? applied[^(EntityGrainState.MaxKeptOutputs + 1)] : null;
            if (dropped is { Output: not null })
            {
                applied[^(EntityGrainState.MaxKeptOutputs + 1)] = dropped with { Output = null };
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
                applied.RemoveAt(applied.Count - 1);
                if (dropped is { Output: not null })
                {
                    applied[^EntityGrainState.MaxKeptOutputs] = dropped;
                }

                if (forgotten is not null)
                {
                    applied.Insert(0, forgotten);
                }

                LogStateNotStored(name, id, invocationId, ex);
                return InvocationRecord.Fail(record.Id, name, record.Version, InvocationStatus.Failed, InvocationErrorTypes.EntityStateNotStored,
                    $"Entity '{id}' of '{name}' ran, but its new state could not be stored, so the change was dropped: {ex.Message}", record.VmId);
            }
        }

        return record with { Output = result };
    }

    /// <summary>Leaves a draining silo for where the planner puts it now, or for <paramref name="targetSilo"/> if it has no answer.</summary>
    public async Task EvacuateAsync(string targetSilo) => await LeaveAsync(targetSilo);

    private async Task LeaveAsync(string? fallback = null)
    {
        var target = (await AskHomeAsync(leaving: true))?.SiloAddress ?? fallback;
        if (target is not null)
        {
            await this.MigrateToAsync(target);
        }
    }

    /// <summary>Moves, with its state, when the planner no longer lets it stay (its VM drains, or the eviction policy changed).</summary>
    private async Task CheckHomeAsync(CancellationToken cancellationToken)
    {
        if (await AskHomeAsync(leaving: false) is { VmId: { } vm, SiloAddress: { } silo } && vm != invoker.VmId)
        {
            var (name, id) = EntityKey.Parse(this.GetPrimaryKeyString());
            LogMoving(name, id, invoker.VmId, vm);
            await this.MigrateToAsync(silo);
        }
    }

    private async Task<EntityHome?> AskHomeAsync(bool leaving)
    {
        var (name, id) = EntityKey.Parse(this.GetPrimaryKeyString());
        try
        {
            return await GrainFactory.GetGrain<IFunctionGrain>(name).PlaceEntityAsync(invoker.VmId, leaving);
        }
        catch (Exception ex)
        {
            LogHomeUnknown(name, id, ex);
            return null; // it stays, or goes where the drain sends it
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Entity {Id} of {Function} moves from VM {From} to VM {To}, as its function's planner now says")]
    private partial void LogMoving(string function, string id, string from, string to);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Entity {Id} of {Function}: its function's planner could not be asked where it lives")]
    private partial void LogHomeUnknown(string function, string id, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Entity {Id} of {Function}: storing the state of invocation {InvocationId} failed; the change is dropped")]
    private partial void LogStateNotStored(string function, string id, Guid invocationId, Exception exception);
}
