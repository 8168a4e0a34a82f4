using HarvestOrleans.Eviction;
using HarvestOrleans.GrainInterfaces;
using Microsoft.Extensions.Logging;
using HarvestOrleans.Resilience;
using Polly;
using Polly.Registry;

namespace HarvestOrleans.Cluster;

[GenerateSerializer, Alias("HarvestOrleans.HarvestVmGrainState")]
public sealed class HarvestVmGrainState
{
    [Id(0)] public VmRegistration? Registration { get; set; }

    [Id(1)] public double Cores { get; set; }

    [Id(2)] public VmState State { get; set; }

    [Id(3)] public DateTimeOffset? EvictionDeadline { get; set; }

    [Id(4)] public string? EvictionReason { get; set; }

    /// <summary>
    /// The id of the notice in force (its drain event): a retried notice repeats it, so handlers that saw it already
    /// change nothing; a notice that shortens the deadline gets a new one.
    /// </summary>
    [Id(5)] public Guid NoticeId { get; set; }
}

/// <summary>
/// The authority on one VM. Size and state are durable (grain storage), so they outlive the VM's silo; load is
/// transient and refreshed by the VM's invoker every report interval. Every change is pushed to the cluster registry;
/// evictions are announced on the eviction stream.
/// </summary>
internal sealed partial class HarvestVmGrain(
    [PersistentState("vm", HarvestStorage.ProviderName)] IPersistentState<HarvestVmGrainState> state,
    EvictionPublisher evictions,
    LocalGrainRegistry local,
    Diagnostics.HarvestMetrics metrics,
    ResiliencePipelineProvider<string> pipelines,
    ILogger<HarvestVmGrain> logger) : Grain, IHarvestVmGrain, IEvacuatingGrain
{
    private readonly ResiliencePipeline OrphanRetry = pipelines.GetPipeline(HarvestPipelines.OrphanRebalance);

    private VmLoad _load = VmLoad.Idle;

    private string VmId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken) => local.AddAsync(this);

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => local.RemoveAsync(this);

    public async Task RegisterAsync(VmRegistration registration)
    {
        if (registration.VmId != VmId)
        {
            throw new ArgumentException($"Registration for VM '{registration.VmId}' sent to VM grain '{VmId}'.", nameof(registration));
        }

        state.State.Registration = registration;
        state.State.Cores = registration.Cores;
        state.State.State = VmState.Active;
        state.State.EvictionDeadline = null;
        state.State.EvictionReason = null;
        state.State.NoticeId = Guid.Empty;
        _load = VmLoad.Idle;
        await state.WriteStateAsync();
        LogRegistered(VmId, registration.SiloAddress, registration.Cores, registration.Role);
        await PublishAsync();
    }

    public async Task<VmSnapshot> ResizeAsync(double cores)
    {
        if (!(cores >= 0) || cores > 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(cores), cores, $"VM '{VmId}': cores must be in [0, 1024].");
        }

        var registration = RequireRegistration();
        var previous = state.State.Cores;
        if (previous != cores)
        {
            state.State.Cores = cores;
            await state.WriteStateAsync();
            LogResized(VmId, previous, cores);
        }

        if (state.State.State != VmState.Evicted)
        {
            await Invoker(registration).ApplyVmStateAsync(cores, state.State.State);
        }

        return await PublishAsync();
    }

    public Task<VmSnapshot> DrainAsync() => BeginEvictionAsync(DateTimeOffset.MaxValue, "drained by an operator");

    public async Task<VmSnapshot> BeginEvictionAsync(DateTimeOffset deadline, string reason)
    {
        var registration = RequireRegistration();
        if (state.State.State == VmState.Evicted)
        {
            return Snapshot()!; // gone already: nothing left to drain
        }

        // A notice always leads to eviction by its deadline: an Active VM starts draining; a draining VM (an operator's
        // drain without deadline, or an earlier notice) keeps the earlier deadline, so a later, sooner notice shortens it.
        var current = state.State.EvictionDeadline ?? DateTimeOffset.MaxValue;
        var starts = state.State.State == VmState.Active;
        if (starts || deadline < current)
        {
            state.State.State = VmState.Draining;
            state.State.EvictionDeadline = deadline == DateTimeOffset.MaxValue ? null : deadline;
            state.State.EvictionReason = starts || state.State.EvictionReason is null ? reason : $"{state.State.EvictionReason}; then {reason}";
            state.State.NoticeId = Guid.NewGuid();
            await state.WriteStateAsync();
            LogDraining(VmId, reason, state.State.EvictionDeadline);
            if (starts)
            {
                metrics.RecordEviction(VmId, "notice");
            }
        }
        else if (state.State.NoticeId == Guid.Empty)
        {
            // Draining stored by a version without notice ids: give the notice in force one, once.
            state.State.NoticeId = Guid.NewGuid();
            await state.WriteStateAsync();
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

    public async Task<VmSnapshot?> MarkEvictedAsync(string reason)
    {
        if (state.State.Registration is not { } registration || state.State.State == VmState.Evicted)
        {
            return Snapshot();
        }

        // After a notice, keep why the VM was reclaimed and add how it ended.
        state.State.EvictionReason = state.State.EvictionReason is { } notice ? $"{notice}; {reason}" : reason;
        state.State.State = VmState.Evicted;
        _load = VmLoad.Idle;
        await state.WriteStateAsync();
        LogEvicted(VmId, reason);
        metrics.RecordEviction(VmId, "evicted");
        var snapshot = await PublishAsync();
        var evicted = NewEvent(registration, EvictionPhase.Evicted, DateTimeOffset.UtcNow, reason);
        await evictions.PublishAsync(evicted);
        await RebalanceOrphanedFunctionsAsync(evicted);
        return snapshot;
    }

    /// <summary>
    /// A FunctionGrain that lived on the lost silo has no silo agent left to tell it of the eviction: wake every function
    /// whose published worker set still names this VM, so it re-activates and replans on the survivors. Functions that
    /// the agents already rebalanced ignore the repeated event id.
    /// </summary>
    private async Task RebalanceOrphanedFunctionsAsync(EvictionEvent evicted)
    {
        var cluster = await GrainFactory.GetGrain<IClusterRegistryGrain>(IClusterRegistryGrain.Key).GetSnapshotAsync();
        var orphans = cluster.Functions.Where(f => f.WorkerSet.Contains(VmId, StringComparer.Ordinal)).Select(f => f.Function);
        await Task.WhenAll(orphans.Select(async function =>
        {
            try
            {
                // Right after a silo's death a call to a grain that lived there can fail once before it re-activates.
                await OrphanRetry.ExecuteAsync(
                    static async (state, _) => await state.Grains.GetGrain<IFunctionGrain>(state.function).RebalanceAsync(state.evicted),
                    (Grains: GrainFactory, function, evicted));
            }
            catch (Exception ex)
            {
                LogRebalanceFailed(VmId, function, ex); // its next route request replans it anyway
            }
        }));
    }

    public async Task ReportLoadAsync(VmLoad load)
    {
        if (state.State.Registration is null || state.State.State == VmState.Evicted)
        {
            return; // a report that overtook registration, or from a VM already written off
        }

        _load = load;
        await PublishAsync();
    }

    public Task<VmSnapshot?> GetSnapshotAsync() => Task.FromResult(Snapshot());

    public Task EvacuateAsync(string targetSilo) => this.MigrateToAsync(targetSilo);

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

    private VmSnapshot? Snapshot() => state.State.Registration is not { } r
        ? null
        : new VmSnapshot
        {
            VmId = VmId,
            SiloAddress = r.SiloAddress,
            Role = r.Role,
            State = state.State.State,
            Cores = state.State.Cores,
            MemoryMb = r.MemoryMb,
            PricePerCoreHour = r.PricePerCoreHour,
            Load = _load,
            UpdatedAt = DateTimeOffset.UtcNow,
            EvictionDeadline = state.State.EvictionDeadline,
            EvictionReason = state.State.EvictionReason,
        };

    private async Task<VmSnapshot> PublishAsync()
    {
        var snapshot = Snapshot()!;
        await GrainFactory.GetGrain<IClusterRegistryGrain>(IClusterRegistryGrain.Key).UpsertAsync(snapshot);
        return snapshot;
    }

    private VmRegistration RequireRegistration() =>
        state.State.Registration ?? throw new InvalidOperationException($"VM '{VmId}' is not registered: no silo has announced it.");

    private IInvokerGrain Invoker(VmRegistration registration) => GrainFactory.GetGrain<IInvokerGrain>(registration.SiloAddress);
}
