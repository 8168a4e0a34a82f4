using HarvestOrleans.Resilience;
using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Eviction;
using HarvestOrleans.GrainInterfaces;

namespace HarvestOrleans.Grains.Cluster;

/// <summary>Drain and eviction: a notice stops the VM's admissions and tells everyone; the eviction writes it off.</summary>
internal sealed partial class HarvestVmGrain
{
    public Task<VmSnapshot> DrainAsync() => BeginEvictionAsync(DateTimeOffset.MaxValue, "drained by an operator");

    public async Task<VmSnapshot> BeginEvictionAsync(DateTimeOffset deadline, string reason)
    {
        var registration = RequireRegistration();
        if (state.State.State == VmState.Evicted)
        {
            return Snapshot()!; // gone already: nothing left to drain
        }

        var change = state.State.ApplyNotice(deadline, reason);
        if (change != NoticeChange.None)
        {
            await state.WriteStateAsync();
        }

        if (change is NoticeChange.Started or NoticeChange.Shortened)
        {
            LogDraining(VmId, reason, state.State.EvictionDeadline);
            if (change == NoticeChange.Started)
            {
                metrics.RecordEviction(VmId, "notice");
            }
        }

        if (change == NoticeChange.Started)
        {
            await HandOverAsync(registration, state.State.EvictionDeadline ?? DateTimeOffset.MaxValue);
        }

        // The rest is idempotent and done on every notice, also a repeated one: a Draining state stored before a step
        // below failed is driven on by the retry (the event keeps its id, so whoever saw it already ignores it).
        // Stop admissions first, then tell everyone: no invocation reaches the VM after the notice is processed.
        await Invoker(registration).ApplyVmStateAsync(state.State.Cores, VmState.Draining);
        var snapshot = await PublishAsync();
        var notice = NewEvent(registration, EvictionPhase.Draining, state.State.EvictionDeadline ?? DateTimeOffset.MaxValue, state.State.EvictionReason ?? reason) with
        {
            EventId = state.State.NoticeId,
        };
        await GrainFactory.GetGrain<ISiloAgentGrain>(registration.SiloAddress).HandleEvictionAsync(notice); // the drain must not hang on a stream
        await evictions.PublishAsync(notice);
        return snapshot;
    }

    /// <summary>
    /// The VM still takes work while its hottest functions are warmed where their traffic will go (bounded; see
    /// VmHandover); a handover that fails only costs the warm starts it would have given.
    /// </summary>
    private async Task HandOverAsync(VmRegistration registration, DateTimeOffset deadline)
    {
        try
        {
            await GrainFactory.GetGrain<ISiloAgentGrain>(registration.SiloAddress).HandOverAsync(deadline);
        }
        catch (Exception ex)
        {
            LogHandoverFailed(VmId, ex);
        }
    }

    public async Task<VmSnapshot?> MarkEvictedAsync(string reason)
    {
        if (state.State.Registration is not { } registration || state.State.State == VmState.Evicted)
        {
            return Snapshot();
        }

        state.State.MarkEvicted(reason);
        _load = VmLoad.Idle;
        await state.WriteStateAsync();
        LogEvicted(VmId, reason);
        metrics.RecordEviction(VmId, "evicted");
        var snapshot = await PublishAsync();
        var evicted = NewEvent(registration, EvictionPhase.Evicted, DateTimeOffset.UtcNow, reason);
        await evictions.PublishAsync(evicted);
        await new OrphanWaker(GrainFactory, pipelines.GetPipeline(HarvestPipelines.OrphanRebalance), logger).WakeAsync(VmId, evicted);
        return snapshot;
    }

    private EvictionEvent NewEvent(VmRegistration registration, EvictionPhase phase, DateTimeOffset deadline, string reason) => new()
    {
        EventId = Guid.NewGuid(),
        VmId = VmId,
        SiloAddress = registration.SiloAddress,
        Phase = phase,
        Deadline = deadline,
        Reason = reason,
        At = DateTimeOffset.UtcNow,
    };
}
