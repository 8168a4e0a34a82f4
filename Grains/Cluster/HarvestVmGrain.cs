using HarvestOrleans.Grains.Infrastructure;
using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Eviction;
using HarvestOrleans.GrainInterfaces;
using Microsoft.Extensions.Logging;
using HarvestOrleans.Resilience;
using Polly;
using Polly.Registry;

namespace HarvestOrleans.Grains.Cluster;

/// <summary>
/// The authority on one VM. Size and state are durable (grain storage, <see cref="HarvestVmGrainState"/>), so they
/// outlive the VM's silo; load is transient and refreshed by the VM's invoker every report interval. Every change is
/// pushed to the cluster registry; evictions are announced on the eviction stream. Its concerns each have a file:
/// registration and size here, drain and eviction in HarvestVmGrain.Drain.cs, relaying load and snapshots in
/// HarvestVmGrain.Load.cs, waking the functions an eviction orphans in <see cref="OrphanWaker"/>.
/// </summary>
internal sealed partial class HarvestVmGrain(
    [PersistentState("vm", HarvestStorage.ProviderName)] IPersistentState<HarvestVmGrainState> state,
    EvictionPublisher evictions,
    LocalGrainRegistry local,
    Diagnostics.HarvestMetrics metrics,
    ResiliencePipelineProvider<string> pipelines,
    ILogger<HarvestVmGrain> logger) : Grain, IHarvestVmGrain, IEvacuatingGrain
{
    private string VmId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken) => local.AddAsync(this);

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => local.RemoveAsync(this);

    public async Task RegisterAsync(VmRegistration registration)
    {
        if (registration.VmId != VmId)
        {
            throw new ArgumentException($"Registration for VM '{registration.VmId}' sent to VM grain '{VmId}'.", nameof(registration));
        }

        state.State.Register(registration);
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

    public Task<VmSnapshot?> GetSnapshotAsync() => Task.FromResult(Snapshot());

    public Task EvacuateAsync(string targetSilo) => this.MigrateToAsync(targetSilo);

    private VmRegistration RequireRegistration() =>
        state.State.Registration ?? throw new InvalidOperationException($"VM '{VmId}' is not registered: no silo has announced it.");

    private IInvokerGrain Invoker(VmRegistration registration) => GrainFactory.GetGrain<IInvokerGrain>(registration.SiloAddress);
}
